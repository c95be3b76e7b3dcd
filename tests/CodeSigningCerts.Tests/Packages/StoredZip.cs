using System.Text;

namespace CodeSigningCerts.Tests.Packages;

/// <summary>
/// A zip of stored entries written byte by byte (APPNOTE.TXT 4.3), so a test knows exactly which bytes an app package's
/// digest covers: the local records of every entry but the signature, and the central directory and end record as
/// they read without it.
/// </summary>
internal static class StoredZip
{
    public sealed record Parts(byte[] Records, byte[] DirectoryAndEnd);

    /// <summary>The unsigned zip's two parts, as the package digest covers them.</summary>
    public static Parts Unsigned(IReadOnlyList<(string Name, byte[] Data)> entries)
    {
        var (records, directory) = Write(entries);
        return new Parts(records, directory.Concat(End(entries.Count, directory.Length, records.Length)).ToArray());
    }

    /// <summary>The whole zip; the last entry (the signature) comes last in the records and in the directory.</summary>
    public static byte[] Whole(IReadOnlyList<(string Name, byte[] Data)> entries)
    {
        var (records, directory) = Write(entries);
        return records.Concat(directory).Concat(End(entries.Count, directory.Length, records.Length)).ToArray();
    }

    private static (byte[] Records, byte[] Directory) Write(IReadOnlyList<(string Name, byte[] Data)> entries)
    {
        var records = new List<byte>();
        var directory = new List<byte>();
        foreach (var (name, data) in entries)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var crc = Crc32(data);
            var offset = records.Count;
            records.AddRange(U32(0x04034B50)); records.AddRange(U16(20)); records.AddRange(U16(0)); records.AddRange(U16(0));
            records.AddRange(U16(0)); records.AddRange(U16(0x21)); records.AddRange(U32(crc)); records.AddRange(U32((uint)data.Length));
            records.AddRange(U32((uint)data.Length)); records.AddRange(U16((ushort)nameBytes.Length)); records.AddRange(U16(0));
            records.AddRange(nameBytes); records.AddRange(data);
            directory.AddRange(U32(0x02014B50)); directory.AddRange(U16(20)); directory.AddRange(U16(20)); directory.AddRange(U16(0));
            directory.AddRange(U16(0)); directory.AddRange(U16(0)); directory.AddRange(U16(0x21)); directory.AddRange(U32(crc));
            directory.AddRange(U32((uint)data.Length)); directory.AddRange(U32((uint)data.Length)); directory.AddRange(U16((ushort)nameBytes.Length));
            directory.AddRange(U16(0)); directory.AddRange(U16(0)); directory.AddRange(U16(0)); directory.AddRange(U16(0)); directory.AddRange(U32(0));
            directory.AddRange(U32((uint)offset)); directory.AddRange(nameBytes);
        }

        return (records.ToArray(), directory.ToArray());
    }

    private static byte[] End(int count, int directorySize, int directoryOffset) =>
        U32(0x06054B50).Concat(U16(0)).Concat(U16(0)).Concat(U16((ushort)count)).Concat(U16((ushort)count))
            .Concat(U32((uint)directorySize)).Concat(U32((uint)directoryOffset)).Concat(U16(0)).ToArray();

    private static byte[] U16(ushort value) => BitConverter.GetBytes(value);

    private static byte[] U32(uint value) => BitConverter.GetBytes(value);

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
