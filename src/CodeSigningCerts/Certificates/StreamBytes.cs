using System;
using System.IO;

namespace CodeSigningCerts.Certificates
{
    /// <summary>Reading a file the module already checked the size of (a certificate file, a signed file) into memory.</summary>
    internal static class StreamBytes
    {
        /// <summary>
        /// Up to <paramref name="length"/> bytes from the stream's position; fewer when it ends first (the file shrank
        /// while it was read: what was there is what is parsed).
        /// </summary>
        public static byte[] Read(Stream stream, long length)
        {
            var bytes = new byte[length];
            var read = 0;
            int count;
            while (read < bytes.Length && (count = stream.Read(bytes, read, bytes.Length - read)) > 0)
            {
                read += count;
            }

            if (read < bytes.Length)
            {
                Array.Resize(ref bytes, read);
            }

            return bytes;
        }
    }
}
