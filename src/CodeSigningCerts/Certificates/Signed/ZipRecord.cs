namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>One central directory record: its entry's name, where the entry's local header starts, the record's bytes.</summary>
    internal sealed class ZipRecord
    {
        public ZipRecord(string name, long localHeaderOffset, byte[] bytes)
        {
            Name = name;
            LocalHeaderOffset = localHeaderOffset;
            Bytes = bytes;
        }

        public string Name { get; }

        public long LocalHeaderOffset { get; }

        public byte[] Bytes { get; }
    }
}
