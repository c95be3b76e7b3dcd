using System.Collections.Generic;

namespace CodeSigningCerts.Certificates.Signed.Cms
{
    /// <summary>
    /// A PKCS#7/CMS SignedData (RFC 5652 5.1, PKCS#7 v1.5 9.1) read once: the signed content, the certificates set and the
    /// first SignerInfo. Authenticode puts its SpcIndirectDataContent (and a catalog its trust list) directly in the [0]
    /// content as a SEQUENCE, as PKCS#7 v1.5 allowed; CMS wraps it in an OCTET STRING. The message digest covers, in both,
    /// the content octets of that element (PKCS#7 v1.5 9.3: "the contents octets of the DER encoding", tag and length not
    /// included), which for an OCTET STRING are the wrapped bytes themselves.
    /// </summary>
    internal sealed class CmsSignedData
    {
        // 1.2.840.113549.1.7.2, signedData, as its DER content octets.
        private static readonly byte[] SignedDataOid = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02 };

        private CmsSignedData(string contentType, DerElement? content, IReadOnlyList<DerElement> certificates, bool hasCertificates, CmsSignerInfo? signer)
        {
            ContentType = contentType;
            Content = content;
            Certificates = certificates;
            HasCertificates = hasCertificates;
            Signer = signer;
        }

        /// <summary>The eContentType: SpcIndirectData (1.3.6.1.4.1.311.2.1.4), a trust list (1.3.6.1.4.1.311.10.1), TSTInfo...</summary>
        public string ContentType { get; }

        /// <summary>The element inside [0] (an OCTET STRING or the content's own SEQUENCE), or null for detached content.</summary>
        public DerElement? Content { get; }

        /// <summary>The octets the message digest covers: the content element's content octets.</summary>
        public byte[]? ContentOctets => Content?.Content();

        /// <summary>The content as DER to parse: an OCTET STRING's wrapped bytes, or the SEQUENCE itself.</summary>
        public DerElement? ParsedContent =>
            Content is { } content && content.Tag == 0x04
                ? new DerReader(content.Data, content.ContentStart, content.End).Read()
                : Content;

        public IReadOnlyList<DerElement> Certificates { get; }

        public bool HasCertificates { get; }

        /// <summary>The first SignerInfo, or null when there is none (a certificate bundle in .p7b form).</summary>
        public CmsSignerInfo? Signer { get; }

        /// <exception cref="SignatureFormatException">What is not a readable SignedData.</exception>
        public static CmsSignedData Read(byte[] pkcs7) => Read(new DerReader(pkcs7).Read(0x30, "the signature's ContentInfo"));

        public static CmsSignedData Read(DerElement contentInfoElement)
        {
            var contentInfo = contentInfoElement.Children();
            if (!contentInfo.Read(0x06, "the content type").ContentEquals(SignedDataOid))
            {
                throw new SignatureFormatException("it is PKCS#7 but not SignedData");
            }

            var signedData = contentInfo.Read(0xA0, "the SignedData content").Children().Read(0x30, "SignedData").Children();
            signedData.Read(0x02, "SignedData's version");
            signedData.Read(0x31, "SignedData's digest algorithms");
            var encapsulated = signedData.Read(0x30, "the signed content").Children();
            var contentType = DerOid.Read(encapsulated.Read());
            DerElement? content = null;
            if (encapsulated.ReadOptional(0xA0) is { } explicitContent)
            {
                content = explicitContent.Children().Read();
            }

            var certificatesSet = signedData.ReadOptional(0xA0);
            signedData.ReadOptional(0xA1);
            var signerInfos = signedData.Read(0x31, "the SignerInfos").Children();
            CmsSignerInfo? signer = null;
            if (signerInfos.HasMore)
            {
                signer = CmsSignerInfo.Read(signerInfos.Read(0x30, "the SignerInfo").Children());
            }

            var certificates = new List<DerElement>();
            if (certificatesSet is { } set)
            {
                // Only X.509 certificates (SEQUENCEs); the other choices RFC 5652 allows are skipped.
                var reader = set.Children();
                while (reader.HasMore)
                {
                    var element = reader.Read();
                    if (element.Tag == 0x30)
                    {
                        certificates.Add(element);
                    }
                }
            }

            return new CmsSignedData(contentType, content, certificates, certificatesSet is not null, signer);
        }
    }
}
