using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// What is checked before a certificate is sent (New-, Set-). Intune would accept each of these, and devices
    /// would then trust nothing signed with it, or trust far too much: so they are errors, each
    /// overridable with -Force. A damaged certificate (<see cref="FindDamage"/>) is refused whatever.
    /// </summary>
    internal static class CertificateChecks
    {
        internal const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";
        private const string AnyExtendedKeyUsageOid = "2.5.29.37.0";

        /// <summary>
        /// What stops <paramref name="certificate"/> from being sent at <paramref name="nowUtc"/>, or null when it may be
        /// sent; what -Force overrides, and a certificate not valid yet, are said through <paramref name="warn"/>.
        /// </summary>
        public static FailedCheck? Gate(X509Certificate2 certificate, bool force, DateTime nowUtc, Action<string> warn)
        {
            // A damaged certificate cannot be checked or described to Graph: -Force cannot help it.
            if (FindDamage(certificate) is { } damage)
            {
                return new FailedCheck(ErrorIds.CertificateMalformed, "The certificate " + SafeDescribe(certificate) + " is damaged: " + damage + ".");
            }

            if (FindProblem(certificate, nowUtc) is { } problem)
            {
                if (!force)
                {
                    return problem;
                }

                warn(problem.Message + " Uploading it because -Force was given.");
            }

            if (NotYetValidWarning(certificate, nowUtc) is { } notYetValid)
            {
                warn(notYetValid);
            }

            return null;
        }

        /// <summary>The first check the certificate fails, or null when it passes them all.</summary>
        public static FailedCheck? FindProblem(X509Certificate2 certificate, DateTime nowUtc)
        {
            // The description (it hashes the certificate for its thumbprint) is built only for a failed check.
            if (IsExpiredAt(certificate, nowUtc))
            {
                return new FailedCheck(
                    ErrorIds.CertificateExpired,
                    string.Format(CultureInfo.InvariantCulture, "The certificate {0} expired on {1:u}; apps signed with it will not be trusted.", Describe(certificate), certificate.NotAfter.ToUniversalTime()));
            }

            if (HasEnhancedKeyUsageWithoutCodeSigning(certificate))
            {
                return new FailedCheck(
                    ErrorIds.CertificateNotForCodeSigning,
                    "The certificate " + Describe(certificate) + " has an Enhanced Key Usage extension without Code Signing (" + CodeSigningOid + "); Windows will not accept app packages signed with it.");
            }

            if (IsCertificateAuthority(certificate))
            {
                return new FailedCheck(
                    ErrorIds.CertificateIsAuthority,
                    "The certificate " + Describe(certificate) + " is a certificate authority (basic constraints CA=true); Intune would make devices trust it for app packages.");
            }

            return null;
        }

        /// <summary>
        /// The one expiry rule, for an upload (now) and for a package's signer (the time that counts: its valid time-stamp's,
        /// else now): the certificate is expired when its NotAfter lies before that time.
        /// </summary>
        public static bool IsExpiredAt(X509Certificate2 certificate, DateTime atUtc) => certificate.NotAfter.ToUniversalTime() < atUtc;

        /// <summary>A certificate not valid yet is a warning: it will be, and uploading ahead of a rollover is normal.</summary>
        public static string? NotYetValidWarning(X509Certificate2 certificate, DateTime nowUtc) =>
            certificate.NotBefore.ToUniversalTime() > nowUtc
                ? string.Format(CultureInfo.InvariantCulture, "The certificate {0} is not valid until {1:u}.", Describe(certificate), certificate.NotBefore.ToUniversalTime())
                : null;

        /// <summary>'CN=…' (thumbprint), for messages.</summary>
        public static string Describe(X509Certificate2 certificate) =>
            "'" + certificate.Subject + "' (thumbprint " + certificate.Thumbprint + ")";

        // Damage. X509Certificate2 decodes dates, names and extensions only when they are first read, so a certificate
        // with a damaged extension loads fine and throws later, from whatever reads it (a check, the mapping to Graph's
        // resource). Reading it all once, before anything else does, turns that into one error for that certificate;
        // afterwards the same reads succeed again, as they decode the same bytes.

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
                return Describe(certificate);
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

        internal static bool HasEnhancedKeyUsageWithoutCodeSigning(X509Certificate2 certificate)
        {
            foreach (var extension in certificate.Extensions)
            {
                if (extension is X509EnhancedKeyUsageExtension eku)
                {
                    foreach (var usage in eku.EnhancedKeyUsages)
                    {
                        if (usage.Value == CodeSigningOid || usage.Value == AnyExtendedKeyUsageOid)
                        {
                            return false;
                        }
                    }

                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether an Enhanced Key Usage extension of the certificate lists <paramref name="oid"/>.</summary>
        internal static bool HasEnhancedKeyUsage(X509Certificate2 certificate, string oid) =>
            certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Any(eku => eku.EnhancedKeyUsages.Cast<Oid>().Any(usage => usage.Value == oid));

        private static bool IsCertificateAuthority(X509Certificate2 certificate)
        {
            foreach (var extension in certificate.Extensions)
            {
                if (extension is X509BasicConstraintsExtension constraints)
                {
                    return constraints.CertificateAuthority;
                }
            }

            return false;
        }
    }

    /// <summary>A check a certificate failed: its error id (category and advice: <see cref="ErrorTable"/>) and message.</summary>
    internal sealed class FailedCheck
    {
        public FailedCheck(string errorId, string message)
        {
            (ErrorId, Message) = (errorId, message);
        }

        public string ErrorId { get; }

        public string Message { get; }
    }
}
