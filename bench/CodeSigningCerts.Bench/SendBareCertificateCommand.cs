using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Bench;

/// <summary>
/// The smallest binary cmdlet that sends what a New- command sends for its certificates: a bare HttpClient POST for
/// each, then, at its end, the filtered GET of the copy check for each (README, "Throttling, lost answers and
/// re-runs"; New- sends one per subject name for up to three uploads, so one in a pipeline per certificate). What any cmdlet pays to make those requests in a pipeline per certificate, with nothing of the module: no
/// checks, no retries, no tenant index, the pipeline thread blocked on each request. Added to the benchmark's runspace
/// only.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "BenchBareCertificate")]
[OutputType(typeof(string))]
public sealed class SendBareCertificateCommand : PSCmdlet
{
    private readonly List<X509Certificate2> _sent = [];

    /// <summary>The bare client of the per-certificate run; set before any run of this cmdlet.</summary>
    internal static BareGraph? Graph { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public X509Certificate2? Certificate { get; set; }

    protected override void ProcessRecord()
    {
        WriteObject(Graph!.PostAsync(Certificate!).GetAwaiter().GetResult());
        _sent.Add(Certificate!);
    }

    protected override void EndProcessing()
    {
        foreach (var certificate in _sent)
        {
            Graph!.ListSameSubjectNameAsync(certificate).GetAwaiter().GetResult();
        }
    }
}
