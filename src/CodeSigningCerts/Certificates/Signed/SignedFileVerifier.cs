using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Certificates.Signed.Cms;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// Checks a signed file as WinVerifyTrust does before it looks at trust: the signer's signature over its signed
    /// attributes, the message digest over the signed content (the SpcIndirectDataContent, or a catalog's trust list),
    /// and the file's own digest against the one the SpcIndirectDataContent carries (its DigestInfo, "Windows
    /// Authenticode Portable Executable Signature Format"). The chain and revocation are a device's to check; the time
    /// a valid time-stamp gives is found here for the expiry rule (<see cref="CertificateChecks.IsExpiredAt"/>).
    /// </summary>
    internal static class SignedFileVerifier
    {
        private const string SpcIndirectDataOid = "1.3.6.1.4.1.311.2.1.4";
        private const string TrustListOid = "1.3.6.1.4.1.311.10.1";

        /// <summary>
        /// Checks the signature; <paramref name="fileDigest"/> (null for a catalog or a lone AppxSignature.p7x, which sign
        /// no other file) compares the file with the digest it is given and returns null when they match, else why not.
        /// </summary>
        public static SignatureVerification Verify(CmsSignedData signedData, X509Certificate2 signer, Func<HashAlgorithmName, byte[], string?>? fileDigest, bool isCatalog)
        {
            var signerInfo = signedData.Signer!;
            var timeStamp = TimeStamps.Find(signerInfo, signedData.Certificates);
            if (signedData.ContentOctets is not { } content)
            {
                return SignatureVerification.NotValid("its signature has no signed content", timeStamp);
            }

            if (SignerVerification.Verify(signerInfo, signer, content) is { } reason)
            {
                return SignatureVerification.NotValid(reason, timeStamp);
            }

            var expectedType = isCatalog ? TrustListOid : SpcIndirectDataOid;
            if (signedData.ContentType != expectedType)
            {
                return SignatureVerification.NotValid("it signs content of type " + signedData.ContentType + ", not " + (isCatalog ? "a catalog's trust list" : "Authenticode's SpcIndirectData"), timeStamp);
            }

            if (fileDigest is null)
            {
                return SignatureVerification.Valid(timeStamp);
            }

            // SpcIndirectDataContent ::= SEQUENCE { data SpcAttributeTypeAndOptionalValue, messageDigest DigestInfo }
            var indirect = signedData.ParsedContent!.Value.Children();
            indirect.Read(0x30, "SpcIndirectData's data");
            var digestInfo = indirect.Read(0x30, "SpcIndirectData's digest").Children();
            var algorithmOid = DerOid.Read(digestInfo.Read(0x30, "the file digest's algorithm").Children().Read());
            var expected = digestInfo.Read(0x04, "the file digest").Content();
            if (DigestAlgorithms.FromOid(algorithmOid) is not { } algorithm)
            {
                return SignatureVerification.NotValid("it digests the file with " + DigestAlgorithms.NotVerifiedHere(algorithmOid), timeStamp);
            }

            return fileDigest(algorithm, expected) is { } changed
                ? SignatureVerification.Changed(changed, timeStamp)
                : SignatureVerification.Valid(timeStamp);
        }
    }
}
