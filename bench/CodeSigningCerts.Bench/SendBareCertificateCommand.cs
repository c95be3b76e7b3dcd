using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Bench;

/// <summary>
/// The smallest binary cmdlet that sends what a New- command sends for its certificates: one GET of the whole
/// collection (every page) at its first certificate, then a bare HttpClient POST for each, and nothing at its end. What
/// any cmdlet pays to make those requests in a pipeline per certificate, with nothing of the module: no checks, no
/// retries, no tenant index, the pipeline thread blocked on each request. Added to the benchmark's runspace only.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "BenchBareCertificate")]
[OutputType(typeof(string))]
public sealed class SendBareCertificateCommand : PSCmdlet
{
    private bool _listed;

    /// <summary>The bare client of the per-certificate run; set before any run of this cmdlet.</summary>
    internal static BareGraph? Graph { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public X509Certificate2? Certificate { get; set; }

    protected override void ProcessRecord()
    {
        if (!_listed)
        {
            Graph!.ListAsync().GetAwaiter().GetResult();
            _listed = true;
        }

        WriteObject(Graph!.PostAsync(Certificate!).GetAwaiter().GetResult());
    }
}

/// <summary>
/// The smallest binary cmdlet that sends what a Remove- command sends: a bare HttpClient DELETE of each id it is given
/// (Send-BenchBareCertificate's output). Added to the benchmark's runspace only.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "BenchBareCertificate")]
[OutputType(typeof(void))]
public sealed class RemoveBareCertificateCommand : PSCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public string? Id { get; set; }

    protected override void ProcessRecord() => SendBareCertificateCommand.Graph!.DeleteAsync(Id!).GetAwaiter().GetResult();
}
