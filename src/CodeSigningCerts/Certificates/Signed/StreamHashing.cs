using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using CodeSigningCerts.Certificates.Signed.Cms;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// Hashing a range of a file in fixed 1 MiB reads: memory stays bounded whatever the file's size, and the token is
    /// checked before every read, so Ctrl+C stops a large package's hash within one read.
    /// </summary>
    internal sealed class StreamHashing
    {
        /// <summary>The size of one read, and the most bytes one chunk given by <see cref="ReadChunks"/> holds.</summary>
        internal const int ChunkBytes = 1024 * 1024;
        private readonly Stream _stream;
        private readonly CancellationToken _cancel;
        private byte[]? _buffer;

        public StreamHashing(Stream stream, CancellationToken cancel)
        {
            _stream = stream;
            _cancel = cancel;
        }

        /// <summary>The one read buffer, for whoever reads in this hashing's place (a package's compressed entries).</summary>
        public byte[] Buffer => _buffer ??= new byte[ChunkBytes];

        /// <summary>Ctrl+C: checked before every read.</summary>
        public CancellationToken Cancel => _cancel;

        /// <summary>Appends bytes [<paramref name="start"/>, <paramref name="end"/>) to the hash.</summary>
        public void Append(IncrementalHash hash, long start, long end) =>
            ReadChunks(start, end, (buffer, count) => hash.AppendData(buffer, 0, count));

        /// <summary>
        /// Gives bytes [<paramref name="start"/>, <paramref name="end"/>) to <paramref name="take"/>, in order, as the
        /// first count bytes of a buffer that is reused: <paramref name="take"/> must be done with them when it returns.
        /// </summary>
        public void ReadChunks(long start, long end, Action<byte[], int> take)
        {
            if (start < 0 || end > _stream.Length || start > end)
            {
                throw new SignatureFormatException("a range it signs lies outside the file");
            }

            var buffer = Buffer;
            _stream.Position = start;
            var remaining = end - start;
            while (remaining > 0)
            {
                _cancel.ThrowIfCancellationRequested();
                var read = _stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (read <= 0)
                {
                    throw new SignatureFormatException("the file ended while it was hashed (it changed while it was read)");
                }

                take(buffer, read);
                remaining -= read;
            }
        }
    }
}
