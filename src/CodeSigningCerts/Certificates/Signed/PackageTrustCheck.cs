using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CodeSigningCerts.Certificates.Names;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// Weighs a signed package against the tenant's enterprise code-signing certificates: every reason devices would not
    /// trust it is listed, not only the first. Devices trust what Intune pushes, the most recently uploaded certificate;
    /// Windows then wants the package to verify (its signature, and its content as signed), the signer valid at the time
    /// that counts, for code signing, and named by the manifest's Publisher. The time that counts is the signature's
    /// valid time-stamp when it lies inside the signer's validity (Authenticode's rule: a time-stamped signature
    /// outlives its certificate), and now otherwise, or when the signer carries the Lifetime Signing usage
    /// (1.3.6.1.4.1.311.10.3.13), with which Windows lets a signature expire with its certificate.
    /// </summary>
    internal static class PackageTrustCheck
    {
        internal const string LifetimeSigningOid = "1.3.6.1.4.1.311.10.3.13";

        /// <summary>The time the signer's validity is judged at: the valid time-stamp's when it counts, else now.</summary>
        private static DateTime TimeThatCounts(SignedFile package, DateTime nowUtc) =>
            package.Verification.TimeStamp is { } stamped && !HasLifetimeSigning(package.Signer)
                && stamped >= package.Signer.NotBefore.ToUniversalTime() && !CertificateChecks.IsExpiredAt(package.Signer, stamped)
                ? stamped
                : nowUtc;

        public static PackageTrust Evaluate(SignedFile package, IReadOnlyList<EnterpriseCodeSigningCertificate> tenant, DateTime nowUtc)
        {
            var signer = package.Signer;
            var rawData = signer.RawData;
            var latest = tenant.Where(entry => entry.UploadDateTime is not null).OrderByDescending(entry => entry.UploadDateTime).FirstOrDefault()
                ?? (tenant.Count == 1 ? tenant[0] : null);

            // The signer uploaded twice is pushed when either copy is the latest upload.
            var uploaded = latest is not null && CertificateIdentity.IsSame(signer, rawData, latest)
                ? latest
                : tenant.FirstOrDefault(entry => CertificateIdentity.IsSame(signer, rawData, entry));
            var problems = new List<PackageTrustProblem>();
            var reasons = new List<string>();

            void Add(PackageTrustProblem problem, string reason)
            {
                problems.Add(problem);
                reasons.Add(reason);
            }

            if (uploaded is null)
            {
                Add(PackageTrustProblem.SignerNotUploaded, "Its signer " + CertificateChecks.Describe(signer) + " is not uploaded to Intune; upload it with New-EnterpriseCodeSigningCertificate -Path '" + package.Path + "'.");
            }
            else if (latest is not null && !ReferenceEquals(uploaded, latest))
            {
                Add(PackageTrustProblem.SignerNotLatestUploaded, "Its signer is uploaded, but '" + latest.Subject + "' (id " + latest.Id + ") was uploaded after it, and is the certificate Intune pushes.");
            }

            if (package.Verification.Describe("It", "Its signature") is { } notVerified)
            {
                var problem = package.Verification.Problem!.Value;
                Add(
                    problem,
                    notVerified + "; devices refuse it. " + (problem == PackageTrustProblem.ChangedAfterSigning ? "Get the package again from its build, or sign it again." : "Sign the package again."));
            }

            var at = TimeThatCounts(package, nowUtc);
            if (CertificateChecks.IsExpiredAt(signer, at))
            {
                Add(
                    PackageTrustProblem.SignerExpired,
                    string.Format(CultureInfo.InvariantCulture, "Its signer expired on {0:u}", signer.NotAfter.ToUniversalTime())
                    + (HasLifetimeSigning(signer)
                        ? " and carries the Lifetime Signing usage, so its signatures expire with it whatever their time-stamp"
                        : package.Verification.TimeStamp is { } stamped
                            ? string.Format(CultureInfo.InvariantCulture, " and its signature's time-stamp ({0:u}) lies outside the signer's validity", stamped)
                            : " and its signature has no valid time-stamp")
                    + "; renew the certificate, sign the package again (SignTool sign /tr to time-stamp it) and upload the new certificate.");
            }

            if (signer.NotBefore.ToUniversalTime() > at)
            {
                Add(PackageTrustProblem.SignerNotYetValid, string.Format(CultureInfo.InvariantCulture, "Its signer is not valid until {0:u}.", signer.NotBefore.ToUniversalTime()));
            }

            if (CertificateChecks.HasEnhancedKeyUsageWithoutCodeSigning(signer))
            {
                Add(PackageTrustProblem.SignerNotForCodeSigning, "Its signer has an Enhanced Key Usage extension without Code Signing (" + CertificateChecks.CodeSigningOid + ").");
            }

            if (!PublisherMatch.Matches(package.Publisher, signer.Subject))
            {
                Add(
                    PackageTrustProblem.PublisherMismatch,
                    package.Publisher is null
                        ? "Its manifest's Identity has no Publisher; Windows wants it to be the signer's subject '" + signer.Subject + "'."
                        : "Its manifest's Publisher '" + package.Publisher + "' does not match the signer's subject '" + signer.Subject + "'" + (DistinguishedName.AreSame(package.Publisher, signer.Subject) ? " exactly (Windows compares the order of the names and the case of the values too)." : "."));
            }

            return new PackageTrust(package.Path, package.Kind, package.Publisher, signer, uploaded, latest, package.Verification.TimeStamp, problems, reasons);
        }

        private static bool HasLifetimeSigning(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
            CertificateChecks.HasEnhancedKeyUsage(certificate, LifetimeSigningOid);
    }
}
