using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Bench;

/// <summary>
/// The bare HttpClient POST inside the smallest binary cmdlet that can make it: what any cmdlet pays to send one
/// certificate, with nothing of the module. PowerShell's pipeline, the pipeline thread blocked on each request, the
/// result written; no checks, no retries, no tenant index. Added to the benchmark's runspace only.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "BenchBareCertificate")]
[OutputType(typeof(string))]
public sealed class SendBareCertificateCommand : PSCmdlet
{
    /// <summary>The name the runspace knows it by.</summary>
    internal const string Name = VerbsCommunications.Send + "-BenchBareCertificate";

    /// <summary>The bare client the per-certificate run made; set before any run of this cmdlet.</summary>
    internal static BareGraph? Graph { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public X509Certificate2? Certificate { get; set; }

    protected override void ProcessRecord() =>
        WriteObject(Graph!.PostAsync(Certificate!).GetAwaiter().GetResult());
}
