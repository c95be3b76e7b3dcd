using System.IO.Compression;
using System.Text;

namespace CodeSigningCerts.Tests.Packages;

/// <summary>A zip of deflated text entries: what a zip bomb needs (a small file that inflates far past a bound).</summary>
internal static class Deflated
{
    public static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return output.ToArray();
    }
}
