namespace CodeSigningCerts.Certificates.Signed.Cms
{
    /// <summary>
    /// One SignerInfo of a SignedData (RFC 5652 5.3): who signed (by issuer and serial or by key identifier), with which
    /// digest, the signed attributes (whose DER, re-tagged as a SET, is what the signature covers), the signature value,
    /// and the unsigned attributes (where time-stamps and nested signatures live).
    /// </summary>
    internal sealed class CmsSignerInfo
    {
        private CmsSignerInfo(DerElement identifier, string digestAlgorithm, DerElement? signedAttributes, string signatureAlgorithm, DerElement? signatureParameters, byte[] signature, DerElement? unsignedAttributes)
        {
            Identifier = identifier;
            DigestAlgorithm = digestAlgorithm;
            SignedAttributes = signedAttributes;
            SignatureAlgorithm = signatureAlgorithm;
            SignatureParameters = signatureParameters;
            Signature = signature;
            UnsignedAttributes = unsignedAttributes;
        }

        public DerElement Identifier { get; }

        public string DigestAlgorithm { get; }

        /// <summary>The [0] IMPLICIT SET OF Attribute, or null when the signature is over the content itself.</summary>
        public DerElement? SignedAttributes { get; }

        public string SignatureAlgorithm { get; }

        public DerElement? SignatureParameters { get; }

        /// <summary>The signature value's octets: what a time-stamp's imprint or a countersignature's digest covers.</summary>
        public byte[] Signature { get; }

        public DerElement? UnsignedAttributes { get; }

        /// <summary>The SignerInfo SEQUENCE's children, from its version on.</summary>
        public static CmsSignerInfo Read(DerReader signerInfo)
        {
            signerInfo.Read(0x02, "SignerInfo's version");
            var identifier = signerInfo.Read();
            var digestAlgorithm = DerOid.Read(signerInfo.Read(0x30, "the signer's digest algorithm").Children().Read());
            var signedAttributes = signerInfo.ReadOptional(0xA0);
            var signatureAlgorithm = signerInfo.Read(0x30, "the signature algorithm").Children();
            var algorithm = DerOid.Read(signatureAlgorithm.Read());
            DerElement? parameters = signatureAlgorithm.HasMore ? signatureAlgorithm.Read() : (DerElement?)null;
            var signature = signerInfo.Read(0x04, "the signature value").Content();
            var unsignedAttributes = signerInfo.ReadOptional(0xA1);
            return new CmsSignerInfo(identifier, digestAlgorithm, signedAttributes, algorithm, parameters, signature, unsignedAttributes);
        }

        /// <summary>The values of the attribute <paramref name="oid"/> in <paramref name="attributes"/> (each the SET's members).</summary>
        public static System.Collections.Generic.IEnumerable<DerElement> AttributeValues(DerElement? attributes, string oid)
        {
            if (attributes is null)
            {
                yield break;
            }

            var reader = attributes.Value.Children();
            while (reader.HasMore)
            {
                var attribute = reader.Read(0x30, "an attribute").Children();
                if (DerOid.Read(attribute.Read()) != oid)
                {
                    continue;
                }

                var values = attribute.Read(0x31, "an attribute's values").Children();
                while (values.HasMore)
                {
                    yield return values.Read();
                }
            }
        }
    }
}
