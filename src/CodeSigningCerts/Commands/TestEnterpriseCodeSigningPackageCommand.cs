using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using CodeSigningCerts.Certificates;
using CodeSigningCerts.Certificates.Signed;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Commands
{
    /// <summary>
    /// <para type="synopsis">Tells whether devices that get the tenant's enterprise code-signing certificate would trust an MSIX or APPX package.</para>
    /// <para type="description">Each package is verified as a device verifies it (its signature, and its content as signed) and its signer weighed at the time that counts (a valid time-stamp's, else now).</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "EnterpriseCodeSigningPackage", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(PackageTrust), typeof(bool))]
    public sealed class TestEnterpriseCodeSigningPackageCommand : ConnectedCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        // The tenant's certificates, listed once per pipeline, at the first package that is read.
        private IReadOnlyList<EnterpriseCodeSigningCertificate>? _tenant;

        /// <summary>The packages to test (wildcards allowed): .msix, .appx, .msixbundle, .appxbundle.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>The packages to test, taken literally; Get-ChildItem output binds here.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Returns only $true (trusted) or $false for each package, as Test-Path and Test-Connection do.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var literal = ParameterSetName == LiteralPathSet;
            foreach (var file in CertificatePaths.Resolve(this, literal ? LiteralPath : Path, literal))
            {
                Test(file);
            }
        }

        private void Test(string file)
        {
            // The cheap refusals first: a path that names no file is this input's error, connected or not; without a
            // connection the command stops before it reads (and hashes) a package only to say so.
            if (CertificateFileReader.NotAFile(file, "app package") is { } notAFile)
            {
                WriteError(notAFile.ToErrorRecord(file));
                return;
            }

            var connection = RequireConnection();
            var package = ReadPackage(file);
            if (package is null)
            {
                return;
            }

            if (_tenant is null)
            {
                try
                {
                    _tenant = Graph(connection, TenantCertificates.ListAsync);
                }
                catch (GraphException ex)
                {
                    // This package cannot be weighed; the next one tries the listing again.
                    WriteGraphError(ex, file);
                    return;
                }
            }

            var trust = PackageTrustCheck.Evaluate(package, _tenant, DateTime.UtcNow);
            WriteObject(Quiet ? trust.IsTrusted : (object)trust);
        }

        /// <summary>The signed package, or null after writing why it cannot be tested.</summary>
        private SignedFile? ReadPackage(string file)
        {
            SignedFile? signed;
            try
            {
                // Verifying hashes the whole package: off the pipeline thread, so Ctrl+C stops it within one read. What is
                // not a package is refused before any hashing.
                signed = Await(cancel => Task.FromResult(SignedFileReader.TryReadPackage(file, cancel)));
            }
            catch (CertificateInputException ex)
            {
                // Unsigned, unreadable, or damaged (its zip, its signature or its signer certificate): the reader says which.
                WriteError(ex.ToErrorRecord(file));
                return null;
            }

            if (signed is null)
            {
                WriteInputError(
                    ErrorIds.FileNotPackage,
                    ErrorCategory.InvalidArgument,
                    "'" + file + "' is not an MSIX or APPX package or bundle (a zip with AppxManifest.xml or AppxMetadata/AppxBundleManifest.xml).",
                    file);
                return null;
            }

            return signed;
        }
    }
}
