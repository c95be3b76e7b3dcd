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
    /// Windows then wants the signer valid now, for code signing, and named by the manifest's Publisher.
    /// </summary>
    internal static class PackageTrustCheck
    {
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

            if (signer.NotAfter.ToUniversalTime() < nowUtc)
            {
                Add(PackageTrustProblem.SignerExpired, string.Format(CultureInfo.InvariantCulture, "Its signer expired on {0:u}; renew the certificate, sign the package again and upload the new certificate.", signer.NotAfter.ToUniversalTime()));
            }

            if (signer.NotBefore.ToUniversalTime() > nowUtc)
            {
                Add(PackageTrustProblem.SignerNotYetValid, string.Format(CultureInfo.InvariantCulture, "Its signer is not valid until {0:u}.", signer.NotBefore.ToUniversalTime()));
            }

            if (CertificateChecks.HasEnhancedKeyUsageWithoutCodeSigning(signer))
            {
                Add(PackageTrustProblem.SignerNotForCodeSigning, "Its signer has an Enhanced Key Usage extension without Code Signing (" + CertificateChecks.CodeSigningOid + ").");
            }

            var publisherMatches = PublisherMatch.Matches(package.Publisher, signer.Subject);
            if (!publisherMatches)
            {
                Add(
                    PackageTrustProblem.PublisherMismatch,
                    package.Publisher is null
                        ? "Its manifest's Identity has no Publisher; Windows wants it to be the signer's subject '" + signer.Subject + "'."
                        : "Its manifest's Publisher '" + package.Publisher + "' does not match the signer's subject '" + signer.Subject + "'" + (DistinguishedName.AreSame(package.Publisher, signer.Subject) ? " exactly (Windows compares the order of the names and the case of the values too)." : "."));
            }

            return new PackageTrust(package.Path, package.Kind, package.Publisher, signer, uploaded, latest, publisherMatches, problems, reasons);
        }
    }
}
