using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// What Test-EnterpriseCodeSigningPackage found for one package: its signer, how it stands against the tenant's
    /// enterprise code-signing certificates, and every reason devices would not trust it.
    /// </summary>
    public sealed class PackageTrust
    {
        internal PackageTrust(
            string path,
            SignedFileKind kind,
            string? publisher,
            X509Certificate2 signerCertificate,
            EnterpriseCodeSigningCertificate? uploadedCertificate,
            EnterpriseCodeSigningCertificate? latestUploaded,
            DateTime? timeStamp,
            IReadOnlyList<PackageTrustProblem> problems,
            IReadOnlyList<string> reasons)
        {
            Path = path;
            Name = System.IO.Path.GetFileName(path);
            Kind = kind;
            Publisher = publisher;
            SignerCertificate = signerCertificate;
            UploadedCertificate = uploadedCertificate;
            LatestUploaded = latestUploaded;
            TimeStamp = timeStamp;
            Problems = new List<PackageTrustProblem>(problems).ToArray();
            Reasons = new List<string>(reasons).ToArray();
        }

        /// <summary>The package's full path.</summary>
        public string Path { get; }

        /// <summary>The package's file name.</summary>
        public string Name { get; }

        /// <summary>Package or Bundle.</summary>
        public SignedFileKind Kind { get; }

        /// <summary>The Publisher of the manifest's Identity element.</summary>
        public string? Publisher { get; }

        /// <summary>The certificate that signed the package (what New-EnterpriseCodeSigningCertificate uploads when this object is piped to it).</summary>
        public X509Certificate2 SignerCertificate { get; }

        /// <summary>The signer's subject.</summary>
        public string SignerSubject => SignerCertificate.Subject;

        /// <summary>The signer's thumbprint.</summary>
        public string SignerThumbprint => SignerCertificate.Thumbprint;

        /// <summary>The signer's expiry (local time, as X509Certificate2 gives it).</summary>
        public DateTime SignerNotAfter => SignerCertificate.NotAfter;

        /// <summary>The tenant's entry that is the signer, or null when the signer is not uploaded.</summary>
        public EnterpriseCodeSigningCertificate? UploadedCertificate { get; }

        /// <summary>The tenant's most recently uploaded certificate: the one Intune pushes to devices.</summary>
        public EnterpriseCodeSigningCertificate? LatestUploaded { get; }

        /// <summary>Whether the signer is uploaded to the tenant.</summary>
        public bool IsUploaded => UploadedCertificate is not null;

        /// <summary>Whether the signer is the tenant's most recently uploaded certificate.</summary>
        public bool IsLatestUploaded => UploadedCertificate is not null && LatestUploaded is not null && ReferenceEquals(UploadedCertificate, LatestUploaded);

        // PublisherMatchesSigner and IsVerified are read from Problems, which PackageTrustCheck fills: one list to hold
        // the verdict, so a flag and the problems can never disagree.

        /// <summary>Whether the manifest's Publisher matches the signer's subject as Windows compares them.</summary>
        public bool PublisherMatchesSigner => Array.IndexOf(Problems, PackageTrustProblem.PublisherMismatch) < 0;

        /// <summary>Whether the signature verifies and the package is what was signed.</summary>
        public bool IsVerified => Array.IndexOf(Problems, PackageTrustProblem.SignatureNotValid) < 0 && Array.IndexOf(Problems, PackageTrustProblem.ChangedAfterSigning) < 0;

        /// <summary>When a valid time-stamp says the package was signed (UTC), or null when its signature has none; the signer's expiry is judged at this time when it lies inside the signer's validity.</summary>
        public DateTime? TimeStamp { get; }

        /// <summary>True when nothing stands in the way: devices that get the tenant's certificate would install the package.</summary>
        public bool IsTrusted => Problems.Length == 0;

        /// <summary>Every reason the package would not be trusted, as codes.</summary>
        public PackageTrustProblem[] Problems { get; }

        /// <summary>Every reason the package would not be trusted, in words, in the order of <see cref="Problems"/>.</summary>
        public string[] Reasons { get; }
    }
}
