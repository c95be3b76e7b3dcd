namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>A signed PE file's signature and the three places its Authenticode image hash leaves out.</summary>
    internal sealed class PortableExecutableLayout
    {
        public PortableExecutableLayout(byte[] signature, long checksumOffset, long securityDirectoryOffset, long certificateTableOffset)
        {
            Signature = signature;
            ChecksumOffset = checksumOffset;
            SecurityDirectoryOffset = securityDirectoryOffset;
            CertificateTableOffset = certificateTableOffset;
        }

        public byte[] Signature { get; }

        /// <summary>The optional header's CheckSum (4 bytes): signing changes it.</summary>
        public long ChecksumOffset { get; }

        /// <summary>The security directory entry (8 bytes): signing writes it.</summary>
        public long SecurityDirectoryOffset { get; }

        /// <summary>Where the attribute certificate table starts: the signature itself, to the end of the file.</summary>
        public long CertificateTableOffset { get; }
    }
}
