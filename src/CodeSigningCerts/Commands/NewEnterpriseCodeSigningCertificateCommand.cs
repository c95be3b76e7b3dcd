using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Certificates;
using CodeSigningCerts.Certificates.Signed;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Commands
{
    /// <summary>
    /// <para type="synopsis">Uploads code-signing certificates to Intune as enterprise code-signing certificates.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "EnterpriseCodeSigningCertificate", DefaultParameterSetName = CertificateSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EnterpriseCodeSigningCertificate))]
    public sealed class NewEnterpriseCodeSigningCertificateCommand : ConnectedCmdlet, IUploadConversation
    {
        private const string CertificateSet = "Certificate";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        // One per command, made at the first certificate that passes its checks: it lists the tenant once for all of them.
        private CertificateUploader? _uploader;

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

        /// <inheritdoc />
        internal override string ProgressActivity => "Uploading certificates to Intune";

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case CertificateSet:
                    if (Certificate is null)
                    {
                        WriteError(ErrorTable.Create(ErrorIds.CertificateInputNull, "The certificate is null: nothing to upload.", null));
                        return;
                    }

                    Upload(Certificate);
                    break;
                default:
                    var literal = ParameterSetName == LiteralPathSet;
                    foreach (var file in CertificatePaths.Resolve(this, literal ? LiteralPath : Path, literal))
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
                // Off the pipeline thread: a signed file is hashed whole to verify it, and Ctrl+C stops that at once.
                certificates = Await(cancel => Task.FromResult(CertificateFileReader.Read(file, Password, cancel)));
            }
            catch (CertificateInputException ex)
            {
                WriteError(ex.ToErrorRecord(file));
                return;
            }
            catch (SignedFileNotVerifiedException ex) when (Force)
            {
                WriteWarning(ex.Message + " Uploading its signer because -Force was given.");
                certificates = new[] { ex.Signer };
            }
            catch (SignedFileNotVerifiedException ex)
            {
                ex.Signer.Dispose();
                WriteError(ex.ToErrorRecord(file));
                return;
            }

            foreach (var certificate in certificates)
            {
                Upload(certificate);
            }
        }

        private void Upload(X509Certificate2 certificate)
        {
            Narration.Next();
            if (CertificateChecks.Gate(certificate, Force, DateTime.UtcNow, WriteWarning) is { } failed)
            {
                WriteError(ErrorTable.Create(failed.ErrorId, failed.Message, certificate));
                return;
            }

            var connection = TargetConnection;
            if (connection is null)
            {
                // Nothing can be looked up without a connection: -WhatIf still shows the upload of a certificate that
                // passed the checks; anything else stops with NotConnected.
                if (ShouldProcess(CertificateChecks.Describe(certificate), CertificateUploader.UploadAction))
                {
                    RequireConnection();
                }

                return;
            }

            _uploader ??= new CertificateUploader(connection.Certificates, RequestLog, this, Force, RemoveSuperseded, Status);
            var (entry, problems) = Run(connection, token => _uploader.UploadAsync(certificate, token));
            if (entry is not null)
            {
                WriteObject(entry);
            }

            foreach (var problem in problems)
            {
                WriteError(ToErrorRecord(problem));
            }
        }

        // The uploader's questions and words, carried out on the pipeline thread while it awaits the upload.
        Task<Consent> IUploadConversation.ShouldProcessAsync(string target, string action) =>
            Ask(() => ShouldProcess(target, action, out var whatIf) ? Consent.Yes : whatIf ? Consent.WhatIf : Consent.No);

        void IUploadConversation.Verbose(string message) => Post(() => WriteVerbose(message));

        void IUploadConversation.Warning(string message) => Post(() => WriteWarning(message));

        private static ErrorRecord ToErrorRecord(UploadProblem problem) =>
            problem.ErrorId is null
                ? GraphErrors.ToErrorRecord(problem.Failure, problem.Target)
                : ErrorTable.Create(problem.ErrorId, problem.Failure, problem.Target, problem.Message);
    }
}
