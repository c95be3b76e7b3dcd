using System;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Certificates;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Commands
{
    /// <summary>
    /// <para type="synopsis">Replaces the certificate of an Intune enterprise code-signing certificate, or changes its status.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "EnterpriseCodeSigningCertificate", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EnterpriseCodeSigningCertificate))]
    public sealed class SetEnterpriseCodeSigningCertificateCommand : ExistingCertificateCmdlet
    {
        /// <summary>The new certificate: replaces the content and every property derived from it.</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = IdSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [AllowNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>The new status: NotProvisioned or Provisioned.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CertificateStatusCompleter))]
        public CertificateStatus? Status { get; set; }

        /// <summary>Uses a certificate that fails a check (expired, not for code signing, a CA).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        internal override string ProgressActivity => "Updating Intune enterprise code-signing certificates";

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            Narration.Next();
            var id = ResolveId("update", out var target);
            if (id is null)
            {
                return;
            }

            var certificateGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Certificate));
            if (certificateGiven && Certificate is null)
            {
                WriteInputError(ErrorIds.CertificateInputNull, ErrorCategory.InvalidArgument, "The certificate is null: nothing to upload for '" + id + "'.", target, AdviceCase.SetCertificateNull);
                return;
            }

            if (!certificateGiven && Status is null)
            {
                WriteInputError(ErrorIds.NothingToUpdate, ErrorCategory.InvalidArgument, "Give -Certificate, -Status or both: there is nothing to change on '" + id + "'.", target);
                return;
            }

            if (Certificate is not null && CertificateChecks.Gate(Certificate, Force, DateTime.UtcNow, WriteWarning) is { } failed)
            {
                WriteError(ErrorTable.Create(failed.ErrorId, failed.Message, Certificate));
                return;
            }

            if (!ShouldProcess(id, Certificate is null ? "Set status to " + Status : "Replace the certificate with " + CertificateChecks.Describe(Certificate)))
            {
                return;
            }

            var connection = RequireConnection();
            try
            {
                var certificate = Certificate;
                var status = Status?.GraphValue;
                var record = Graph(connection, (api, log, token) => api.UpdateAsync(id, certificate, status, log, token));
                if (record is not null)
                {
                    // A read answers "content": null (Graph's metadata: content is cleared once uploaded); the certificate just sent is what the entry holds.
                    var result = EnterpriseCodeSigningCertificate.FromRecord(record);
                    WriteObject(certificate is null ? result : result.WithCertificate(certificate));
                }
            }
            catch (GraphException ex)
            {
                WriteGraphError(ex, target);
            }
        }
    }
}
