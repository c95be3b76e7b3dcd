using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;
using GraphEmulator;

namespace CodeSigningCerts.Tests.Packages;

/// <summary>A test over the shared samples and emulator: the emulator starts empty, and the runspace is new and connected, as a user's would be.</summary>
public abstract class SignedPackageTest : IClassFixture<SignedSamplesFixture>, IDisposable
{
    protected SignedPackageTest(SignedSamplesFixture fixture)
    {
        Samples = fixture.Samples;
        Graph = fixture.Graph;
        Graph.Reset();
        Host = new TestHost();
        Ps = new PsSession(host: Host);
        Ps.Connect(Graph.BaseUri, Graph.AccessToken);
    }

    protected SignedSamples Samples { get; }

    protected GraphEmulatorServer Graph { get; }

    protected PsSession Ps { get; }

    /// <summary>The console the runspace writes to (what Out-Default shows).</summary>
    protected TestHost Host { get; }

    /// <summary>
    /// Script text that emits the FileSystem provider's items for $files, exactly what Get-Item and Get-ChildItem emit
    /// (PSPath and all): the hosted engine has only the Core cmdlets, so the provider is called directly.
    /// </summary>
    protected const string FileItems = "$ExecutionContext.InvokeProvider.Item.Get([string[]]$files, $false, $true)";

    /// <summary>A PackageTrust's Problems, as their names.</summary>
    protected static string[] Problems(PSObject result) => ((System.Collections.IEnumerable)result.Prop("Problems")!).Cast<object>().Select(p => p.ToString()!).ToArray();

    /// <summary>The certificates New-EnterpriseCodeSigningCertificate sent, as base64 DER.</summary>
    protected IReadOnlyList<string> Uploaded() =>
        Graph.Requests.All
            .Where(r => r.Method == "POST" && r.Path.Contains("enterpriseCodeSigningCertificates", StringComparison.Ordinal))
            .Select(r => Support.RecordedJson.Body(r)["content"].GetString()!)
            .ToList();

    public void Dispose() => Ps.Dispose();
}
