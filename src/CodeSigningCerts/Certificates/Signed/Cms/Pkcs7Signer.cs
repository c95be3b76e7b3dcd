using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Certificates.Signed.Cms
{
    /// <summary>
    /// The certificate that signed a PKCS#7 SignedData (RFC 5652): the one its first SignerInfo names by issuer and serial
    /// number or by subject key identifier. Never "the first certificate" or "the leaf": the certificates set of a signed
    /// file also carries its chain and, for a timestamped file, the time-stamp authority's certificates, in any order.
    /// A timestamp is a countersignature inside the SignerInfo's unsigned attributes, so the first SignerInfo is always
    /// the file's own signer; Authenticode allows exactly one (a second, "nested", signature sits in an attribute too).
    /// </summary>
    internal static class Pkcs7Signer
    {
        private const byte Sequence = 0x30;
        private const byte Integer = 0x02;
        private const byte ContextZeroPrimitive = 0x80;

        /// <summary>The signer's certificate (public only); throws <see cref="SignatureFormatException"/> for what is not a usable signature.</summary>
        public static X509Certificate2 Find(byte[] pkcs7) => Find(CmsSignedData.Read(pkcs7));

        /// <summary>The certificate of the SignedData's first signer, from its own certificates set.</summary>
        public static X509Certificate2 Find(CmsSignedData signedData)
        {
            if (signedData.Signer is null)
            {
                throw new SignatureFormatException("it names no signer");
            }

            if (!signedData.HasCertificates)
            {
                throw new SignatureFormatException("it carries no certificate, so its signer's cannot be read from it");
            }

            return FindIn(signedData.Certificates, signedData.Signer.Identifier)
                ?? throw new SignatureFormatException("the certificate of its signer is not in it");
        }

        /// <summary>The certificate among <paramref name="certificates"/> that <paramref name="identifier"/> (a SignerIdentifier) names, or null.</summary>
        public static X509Certificate2? FindIn(IEnumerable<DerElement> certificates, DerElement identifier)
        {
            var match = Matcher(identifier);
            foreach (var element in certificates)
            {
                X509Certificate2 candidate;
                try
                {
                    candidate = new X509Certificate2(element.Encoded());
                }
                catch (CryptographicException ex)
                {
                    throw new SignatureFormatException("a certificate in it cannot be read: " + ex.Message.TrimEnd('.'));
                }

                if (match(candidate))
                {
                    return candidate;
                }

                candidate.Dispose();
            }

            return null;
        }

        private static Func<X509Certificate2, bool> Matcher(DerElement identifier)
        {
            if (identifier.Tag == Sequence)
            {
                // issuerAndSerialNumber: the issuer's Name exactly as encoded, and the serial number's octets.
                var parts = identifier.Children();
                var issuer = parts.Read(Sequence, "the signer's issuer").Encoded();
                var serial = Hex(parts.Read(Integer, "the signer's serial number").Content());
                return certificate => DigestAlgorithms.SameBytes(certificate.IssuerName.RawData, issuer) && Hex(certificate.SerialNumber) == serial;
            }

            if (identifier.Tag == ContextZeroPrimitive)
            {
                var keyIdentifier = Hex(identifier.Content());
                return certificate => Hex(SubjectKeyIdentifier(certificate)) == keyIdentifier;
            }

            throw new SignatureFormatException("its signer identifier is neither an issuer and serial number nor a key identifier");
        }

        private static string SubjectKeyIdentifier(X509Certificate2 certificate)
        {
            foreach (var extension in certificate.Extensions)
            {
                if (extension is X509SubjectKeyIdentifierExtension ski)
                {
                    return ski.SubjectKeyIdentifier ?? string.Empty;
                }
            }

            // Without the extension, signers (Windows' CryptMsg, and SignedCms after it) name the certificate by its key
            // identifier property: the SHA-1 of its whole SubjectPublicKeyInfo, what .NET calls CapiSha1.
            return new X509SubjectKeyIdentifierExtension(certificate.PublicKey, X509SubjectKeyIdentifierHashAlgorithm.CapiSha1, false).SubjectKeyIdentifier ?? string.Empty;
        }

        // Serial numbers compared as numbers written in hex: a leading zero octet (kept to make the INTEGER positive) does not count.
        private static string Hex(byte[] bytes) => Hex(BitConverter.ToString(bytes).Replace("-", string.Empty));

        private static string Hex(string hex)
        {
            var trimmed = hex.ToUpperInvariant().TrimStart('0');
            return trimmed.Length == 0 ? "0" : trimmed;
        }
    }
}
