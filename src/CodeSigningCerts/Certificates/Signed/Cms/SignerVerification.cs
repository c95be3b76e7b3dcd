using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Certificates.Signed.Cms
{
    /// <summary>
    /// Whether a SignerInfo's signature holds (RFC 5652 5.4, 5.6): with signed attributes, their messageDigest must be the
    /// digest of the signed content and the signature must verify over the attributes' DER re-tagged as a SET OF (the
    /// [0] IMPLICIT tag replaced by 0x31); without them the signature is over the content's digest itself. RSA
    /// (PKCS#1 v1.5 and PSS) and ECDSA are verified with the certificate's public key; the certificate's own validity
    /// and chain are the caller's concern.
    /// </summary>
    internal static class SignerVerification
    {
        private const string MessageDigestOid = "1.2.840.113549.1.9.4";

        /// <summary>Null when the signature holds, else why not (for a message).</summary>
        public static string? Verify(CmsSignerInfo signer, X509Certificate2 certificate, byte[] signedContent)
        {
            if (DigestAlgorithms.FromOid(signer.DigestAlgorithm) is not { } digest)
            {
                return "it uses the digest algorithm " + DigestAlgorithms.NotVerifiedHere(signer.DigestAlgorithm);
            }

            byte[] signedBytes;
            if (signer.SignedAttributes is { } attributes)
            {
                byte[]? messageDigest = null;
                var count = 0;
                foreach (var value in CmsSignerInfo.AttributeValues(attributes, MessageDigestOid))
                {
                    messageDigest = value.Tag == 0x04 ? value.Content() : null;
                    count++;
                }

                if (count != 1 || messageDigest is null)
                {
                    return "its signed attributes do not hold exactly one message digest";
                }

                if (!DigestAlgorithms.SameBytes(messageDigest, DigestAlgorithms.Hash(digest, signedContent)))
                {
                    return "the digest of what it signed is not the one its signature carries (the signed content was changed)";
                }

                signedBytes = attributes.Encoded();
                signedBytes[0] = 0x31;
            }
            else
            {
                signedBytes = signedContent;
            }

            return VerifySignature(signer, certificate, signedBytes, digest)
                ? null
                : "its signature value does not verify with the signer's public key";
        }

        private static bool VerifySignature(CmsSignerInfo signer, X509Certificate2 certificate, byte[] data, HashAlgorithmName digest)
        {
            var hash = DigestAlgorithms.FromSignatureOid(signer.SignatureAlgorithm) ?? digest;
            try
            {
                switch (signer.SignatureAlgorithm)
                {
                    case "1.2.840.113549.1.1.1":
                    case "1.2.840.113549.1.1.5":
                    case "1.2.840.113549.1.1.11":
                    case "1.2.840.113549.1.1.12":
                    case "1.2.840.113549.1.1.13":
                        using (var rsa = certificate.GetRSAPublicKey())
                        {
                            return rsa is not null && rsa.VerifyData(data, signer.Signature, hash, RSASignaturePadding.Pkcs1);
                        }

                    case "1.2.840.113549.1.1.10":
                        // RSASSA-PSS: verified as .NET verifies it, with the salt as long as the hash (what signers use).
                        using (var rsa = certificate.GetRSAPublicKey())
                        {
                            return rsa is not null && rsa.VerifyData(data, signer.Signature, PssHash(signer) ?? hash, RSASignaturePadding.Pss);
                        }

                    case "1.2.840.10045.2.1":
                    case "1.2.840.10045.4.1":
                    case "1.2.840.10045.4.3.2":
                    case "1.2.840.10045.4.3.3":
                    case "1.2.840.10045.4.3.4":
                        using (var ecdsa = certificate.GetECDsaPublicKey())
                        {
                            return ecdsa is not null && EcdsaSignature.ToFixed(signer.Signature, (ecdsa.KeySize + 7) / 8) is { } fixedSize && ecdsa.VerifyData(data, fixedSize, hash);
                        }

                    default:
                        return false;
                }
            }
            catch (CryptographicException)
            {
                return false;
            }
            catch (SignatureFormatException)
            {
                return false;
            }
        }

        // RSASSA-PSS-params (RFC 4055 3.1): [0] hashAlgorithm, SHA-1 when absent.
        private static HashAlgorithmName? PssHash(CmsSignerInfo signer)
        {
            if (signer.SignatureParameters is not { Tag: 0x30 } parameters)
            {
                return null;
            }

            var reader = parameters.Children();
            return reader.ReadOptional(0xA0) is { } hashAlgorithm
                ? DigestAlgorithms.FromOid(DerOid.Read(hashAlgorithm.Children().Read(0x30, "the PSS hash").Children().Read()))
                : HashAlgorithmName.SHA1;
        }
    }
}
