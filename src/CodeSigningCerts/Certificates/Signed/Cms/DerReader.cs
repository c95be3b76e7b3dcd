namespace CodeSigningCerts.Certificates.Signed.Cms
{
    /// <summary>
    /// Walks the DER elements of a PKCS#7 signature one level at a time. Only what a signature's structure needs: tags
    /// in one octet and definite lengths. Every length is checked against the bytes there are, so a damaged or hostile
    /// signature ends in <see cref="SignatureFormatException"/>, never in reading past its end.
    /// </summary>
    /// <remarks>
    /// Written here rather than taken from System.Security.Cryptography.Pkcs (SignedCms): that package is not part of
    /// netstandard2.0 nor of .NET Framework 4.7.2's reference set, so the cmdlet assembly (which Windows PowerShell 5.1 loads
    /// without isolation) would have to ship and load it beside whatever version another module brings. What a signed
    /// file needs is read with this: the certificates set, the signer's identifier and attributes, the signed content;
    /// the signature over them, the time-stamps and the file's digest are then verified over those bytes with the
    /// hash and public-key primitives netstandard2.0 has (<see cref="SignerVerification"/>, <see cref="TimeStamps"/>).
    /// </remarks>
    internal sealed class DerReader
    {
        private readonly byte[] _data;
        private readonly int _end;
        private int _position;

        public DerReader(byte[] data)
            : this(data, 0, data.Length)
        {
        }

        public DerReader(byte[] data, int start, int end)
        {
            _data = data;
            _position = start;
            _end = end;
        }

        public bool HasMore => _position < _end;

        /// <summary>The next element; throws when there is none or it runs past its parent.</summary>
        public DerElement Read()
        {
            if (_position >= _end)
            {
                throw new SignatureFormatException("an element is missing");
            }

            var start = _position;
            var tag = _data[_position++];
            if ((tag & 0x1F) == 0x1F)
            {
                throw new SignatureFormatException("it uses a multi-octet tag");
            }

            var length = ReadLength();
            if (length > _end - _position)
            {
                throw new SignatureFormatException("an element is longer than what holds it (the signature is truncated)");
            }

            var element = new DerElement(_data, tag, start, _position, length);
            _position += length;
            return element;
        }

        /// <summary>The next element, which must have <paramref name="tag"/>.</summary>
        public DerElement Read(byte tag, string what)
        {
            var element = Read();
            if (element.Tag != tag)
            {
                throw new SignatureFormatException(what + " is not where it should be");
            }

            return element;
        }

        /// <summary>The next element if it has <paramref name="tag"/>, else null (and nothing is consumed).</summary>
        public DerElement? ReadOptional(byte tag)
        {
            if (_position >= _end || _data[_position] != tag)
            {
                return null;
            }

            return Read();
        }

        private int ReadLength()
        {
            if (_position >= _end)
            {
                throw new SignatureFormatException("an element has no length");
            }

            var first = _data[_position++];
            if (first < 0x80)
            {
                return first;
            }

            var octets = first & 0x7F;
            if (octets == 0)
            {
                throw new SignatureFormatException("it uses an indefinite length (BER, not DER)");
            }

            if (octets > 3 || octets > _end - _position)
            {
                // Three octets is 16 MiB, more than any signature this module reads (they are bounded well below it).
                throw new SignatureFormatException("an element's length is out of range");
            }

            var length = 0;
            for (var i = 0; i < octets; i++)
            {
                length = (length << 8) | _data[_position++];
            }

            return length;
        }
    }
}
