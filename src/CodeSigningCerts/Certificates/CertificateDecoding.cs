using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// Whether every part of a certificate the module reads can be decoded. X509Certificate2 decodes dates,
    /// names and extensions only when they are first read, so a certificate with a damaged extension loads
    /// fine and throws later, from whatever reads it (a check, the mapping to Graph's resource). Reading it
    /// all here, once, before anything else does, turns that into one error for that certificate; afterwards
    /// the same reads succeed again, as they decode the same bytes.
    /// </summary>
    internal static class CertificateDecoding
    {
        /// <summary>What cannot be decoded ("its Enhanced Key Usage extension (2.5.29.37): ASN1 corrupted data"), or null.</summary>
        public static string? FindDamage(X509Certificate2 certificate)
        {
            var part = "its subject";
            try
            {
                _ = certificate.Subject;
                _ = certificate.GetNameInfo(X509NameType.SimpleName, false);
                part = "its issuer";
                _ = certificate.Issuer;
                _ = certificate.GetNameInfo(X509NameType.SimpleName, true);
                part = "its validity dates";
                _ = certificate.NotBefore.ToUniversalTime();
                _ = certificate.NotAfter.ToUniversalTime();
                part = "its extensions";
                foreach (var extension in certificate.Extensions)
                {
                    part = "its " + ExtensionName(extension) + " extension (" + extension.Oid?.Value + ")";
                    ReadExtension(extension);
                }

                return null;
            }
            catch (Exception ex) when (IsDecodingFailure(ex))
            {
                return part + " cannot be decoded: " + ex.Message.TrimEnd('.');
            }
        }

        /// <summary>For messages about a certificate that may be damaged: its subject if that can be read, always its thumbprint.</summary>
        public static string SafeDescribe(X509Certificate2 certificate)
        {
            try
            {
                return CertificateChecks.Describe(certificate);
            }
            catch (Exception ex) when (IsDecodingFailure(ex))
            {
                return "with thumbprint " + certificate.Thumbprint;
            }
        }

        // What .NET throws for bytes it cannot decode (a date out of range is an ArgumentException or OverflowException).
        private static bool IsDecodingFailure(Exception ex) =>
            ex is CryptographicException || ex is ArgumentException || ex is FormatException || ex is OverflowException;

        // The typed extensions .NET creates decode their value on first read: read what the checks use.
        private static void ReadExtension(X509Extension extension)
        {
            switch (extension)
            {
                case X509EnhancedKeyUsageExtension eku:
                    foreach (var usage in eku.EnhancedKeyUsages)
                    {
                        _ = usage.Value;
                    }

                    break;
                case X509BasicConstraintsExtension constraints:
                    _ = constraints.CertificateAuthority;
                    _ = constraints.HasPathLengthConstraint;
                    break;
                case X509KeyUsageExtension keyUsage:
                    _ = keyUsage.KeyUsages;
                    break;
                case X509SubjectKeyIdentifierExtension keyIdentifier:
                    _ = keyIdentifier.SubjectKeyIdentifier;
                    break;
            }
        }

        private static string ExtensionName(X509Extension extension) => extension switch
        {
            X509EnhancedKeyUsageExtension _ => "Enhanced Key Usage",
            X509BasicConstraintsExtension _ => "Basic Constraints",
            X509KeyUsageExtension _ => "Key Usage",
            X509SubjectKeyIdentifierExtension _ => "Subject Key Identifier",
            _ => extension.Oid?.FriendlyName is { Length: > 0 } name ? name : "unnamed",
        };
    }
}
