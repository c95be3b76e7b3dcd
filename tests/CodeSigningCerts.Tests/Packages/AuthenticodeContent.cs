using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace CodeSigningCerts.Tests.Packages;

/// <summary>
/// What Authenticode signs for each kind of file, computed here independently of the module (as SignTool,
/// Set-AuthenticodeSignature and MakeAppx compute it), so the tests' signed files verify only if the module's own
/// digests agree: the SpcIndirectDataContent (its data type, and a DigestInfo with the file's SHA-256).
/// </summary>
internal static class AuthenticodeContent
{
    public const string SpcIndirectDataOid = "1.3.6.1.4.1.311.2.1.4";
    private const string PeImageDataOid = "1.3.6.1.4.1.311.2.1.15";
    private const string SipInfoOid = "1.3.6.1.4.1.311.2.1.30";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    /// <summary>The SpcIndirectDataContent DER for a file whose Authenticode digest is <paramref name="digest"/>.</summary>
    public static byte[] IndirectData(byte[] digest, bool portableExecutable)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(portableExecutable ? PeImageDataOid : SipInfoOid);
                using (writer.PushSequence())
                {
                }
            }

            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(Sha256Oid);
                    writer.WriteNull();
                }

                writer.WriteOctetString(digest);
            }
        }

        return writer.Encode();
    }

    /// <summary>The PE image hash: all but the CheckSum (optional header + 64) and the security directory entry, up to the certificate table.</summary>
    public static byte[] PortableExecutableDigest(byte[] image, int optionalHeader, int securityDirectory)
    {
        var copy = image.ToList();
        copy.RemoveRange(securityDirectory, 8);
        copy.RemoveRange(optionalHeader + 64, 4);
        return SHA256.HashData(copy.ToArray());
    }

    /// <summary>A PowerShell file's hash: its text before "\r\n# SIG # Begin signature block", BOM included, as UTF-16LE.</summary>
    public static byte[] ScriptDigest(string textBeforeBlock, bool withByteOrderMark) =>
        SHA256.HashData(Encoding.Unicode.GetBytes((withByteOrderMark ? "\uFEFF" : string.Empty) + textBeforeBlock));

    /// <summary>"APPX" and the four tagged SHA-256 hashes MakeAppx signs, in its order.</summary>
    public static byte[] PackageDigest(byte[] records, byte[] directory, byte[] contentTypes, byte[] blockMap)
    {
        var blob = new List<byte>(Encoding.ASCII.GetBytes("APPX"));
        foreach (var (tag, bytes) in new[] { ("AXPC", records), ("AXCD", directory), ("AXCT", contentTypes), ("AXBM", blockMap) })
        {
            blob.AddRange(Encoding.ASCII.GetBytes(tag));
            blob.AddRange(SHA256.HashData(bytes));
        }

        return blob.ToArray();
    }
}
