using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Certificates;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Commands
{
    /// <summary>
    /// <para type="synopsis">Uploads code-signing certificates to Intune as enterprise code-signing certificates.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "EnterpriseCodeSigningCertificate", DefaultParameterSetName = CertificateSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EnterpriseCodeSigningCertificate))]
    public sealed class NewEnterpriseCodeSigningCertificateCommand : GraphCmdlet
    {
        private const string CertificateSet = "Certificate";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string UploadAction = "Upload as an Intune enterprise code-signing certificate";

        // What the tenant holds, listed once per pipeline at the first certificate that needs it.
        private TenantCertificates? _tenant;

        // What this command created, checked at its end for copies another run uploaded at the same time.
        private readonly CopyConvergence _uploads = new CopyConvergence();

        /// <summary>The certificate to upload; only its public part is sent. Get-AuthenticodeSignature's and Test-EnterpriseCodeSigningPackage's results bind by their SignerCertificate.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = CertificateSet)]
        [Alias("SignerCertificate")]
        [AllowNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>Certificate files to read (wildcards allowed): DER, PEM, PKCS#7 or PFX, or signed files (app packages, PE files, scripts, catalogs) whose signer is read.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Certificate files to read, taken literally; Get-ChildItem output binds here.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The password of a PFX (PKCS#12) file.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        public SecureString? Password { get; set; }

        /// <summary>The status to create the resource with: NotProvisioned (the default) or Provisioned.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CertificateStatusCompleter))]
        public CertificateStatus Status { get; set; } = CertificateStatus.NotProvisioned;

        /// <summary>Uploads a certificate that fails a check (expired, not for code signing, a CA), is already uploaded, or is older than one uploaded.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>After each upload, removes the certificates it supersedes: same subject, another certificate, expiring earlier.</summary>
        [Parameter]
        public SwitchParameter RemoveSuperseded { get; set; }

        private BatchProgress? _progress;

        /// <inheritdoc />
        internal override BatchProgress Progress => _progress ??= new BatchProgress(this, "Uploading certificates to Intune", "Certificates handled");

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case CertificateSet:
                    if (Certificate is null)
                    {
                        WriteInputError(ErrorIds.CertificateInputNull, ErrorCategory.InvalidArgument, "The certificate is null: nothing to upload.", null);
                        return;
                    }

                    Upload(Certificate);
                    break;
                case PathSet:
                    foreach (var file in CertificatePaths.Resolve(this, Path, literal: false))
                    {
                        UploadFile(file);
                    }

                    break;
                default:
                    foreach (var file in CertificatePaths.Resolve(this, LiteralPath, literal: true))
                    {
                        UploadFile(file);
                    }

                    break;
            }
        }

        private void UploadFile(string file)
        {
            IReadOnlyList<X509Certificate2> certificates;
            try
            {
                certificates = CertificateFileReader.Read(file, Password);
            }
            catch (CertificateInputException ex)
            {
                WriteInputError(ex.ErrorId, ex.Category, ex.Message, file, inner: ex.InnerException);
                return;
            }

            foreach (var certificate in certificates)
            {
                Upload(certificate);
            }
        }

        private void Upload(X509Certificate2 certificate)
        {
            Progress.Next();
            if (!CertificateGate.MayUpload(this, certificate, Force))
            {
                return;
            }

            var connection = CurrentConnection;
            if (connection is null)
            {
                // Nothing can be looked up without a connection: -WhatIf still shows the upload of a certificate
                // that passed the checks; anything else stops with NotConnected.
                if (ShouldProcess(CertificateChecks.Describe(certificate), UploadAction))
                {
                    RequireConnection();
                }

                return;
            }

            var tenant = Tenant(connection, certificate);
            if (tenant is null || (!Force && UploadRefusal.Refuses(this, tenant, certificate, RemoveSuperseded)))
            {
                return;
            }

            if (!ShouldProcess(CertificateChecks.Describe(certificate), UploadAction, out var whatIf))
            {
                if (whatIf && RemoveSuperseded)
                {
                    // Under -WhatIf every ShouldProcess answers no: this only shows what would be removed.
                    SupersededRemoval.Run(this, connection, tenant, certificate);
                }

                return;
            }

            var created = new CertificateUpload(this, connection, tenant).Create(certificate, Status);
            if (created is null)
            {
                return;
            }

            if (!Force)
            {
                // With -Force a second copy is what the user asked for.
                _uploads.Note(certificate, created);
            }

            WriteObject(created);
            if (RemoveSuperseded)
            {
                SupersededRemoval.Run(this, connection, tenant, certificate);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (_tenant is not null && CurrentConnection is { } connection)
            {
                _uploads.Run(this, connection, _tenant);
            }

            // The base completes the progress bar, after the copies are settled.
            base.EndProcessing();
        }

        /// <summary>
        /// The tenant's certificates: the connection's recent listing, or one listed at the first certificate
        /// that needs it; null (error written) when listing failed.
        /// </summary>
        private TenantCertificates? Tenant(GraphConnection connection, X509Certificate2 certificate)
        {
            _tenant ??= connection.RecentCertificates;
            if (_tenant is null)
            {
                try
                {
                    _tenant = new TenantCertificates(TenantListing.Fetch(this, connection));
                    connection.RememberCertificates(_tenant);
                }
                catch (GraphException ex)
                {
                    // This certificate cannot be checked; the next one tries the listing again.
                    WriteGraphError(ex, certificate);
                }
            }

            return _tenant;
        }
    }
}
