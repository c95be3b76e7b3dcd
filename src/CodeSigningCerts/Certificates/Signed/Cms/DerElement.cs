namespace CodeSigningCerts.Certificates.Signed.Cms
{
    /// <summary>One DER element (tag, length, content) inside a byte array: where it starts, where its content is.</summary>
    internal readonly struct DerElement
    {
        public DerElement(byte[] data, byte tag, int start, int contentStart, int contentLength)
        {
            Data = data;
            Tag = tag;
            Start = start;
            ContentStart = contentStart;
            ContentLength = contentLength;
        }

        public byte[] Data { get; }

        /// <summary>The identifier octet: 0x30 SEQUENCE, 0x31 SET, 0x06 OID, 0x02 INTEGER, 0xA0 [0] constructed...</summary>
        public byte Tag { get; }

        public int Start { get; }

        public int ContentStart { get; }

        public int ContentLength { get; }

        public int End => ContentStart + ContentLength;

        /// <summary>A reader over this element's content (its children).</summary>
        public DerReader Children() => new DerReader(Data, ContentStart, End);

        /// <summary>The whole element, tag and length included (a certificate's DER, a Name's encoding).</summary>
        public byte[] Encoded() => Slice(Start, End - Start);

        public byte[] Content() => Slice(ContentStart, ContentLength);

        /// <summary>Whether the content is exactly <paramref name="bytes"/> (an OID compared by its encoding).</summary>
        public bool ContentEquals(byte[] bytes)
        {
            if (bytes.Length != ContentLength)
            {
                return false;
            }

            for (var i = 0; i < bytes.Length; i++)
            {
                if (Data[ContentStart + i] != bytes[i])
                {
                    return false;
                }
            }

            return true;
        }

        private byte[] Slice(int offset, int count)
        {
            var copy = new byte[count];
            System.Buffer.BlockCopy(Data, offset, copy, 0, count);
            return copy;
        }
    }
}
