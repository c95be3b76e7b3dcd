using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using GraphEmulator;
using Playground;

// dotnet run --project tools/Playground                 the demo (the README's three tasks, step by step)
// dotnet run --project tools/Playground -- script.ps1   your script, connected to the emulator
// dotnet run --project tools/Playground -- --shell      an interactive prompt (exit to quit)
var root = BuildMetadata("RepositoryRoot");
var version = BuildMetadata("ModuleVersion");
var manifest = Path.Combine(root, "output", "CodeSigningCerts", version, "CodeSigningCerts.psd1");

await using var graph = await GraphEmulatorServer.StartAsync();
Console.WriteLine("Graph emulator on " + graph.BaseUri + " (the module is connected to it as $graphUri with $token; $certDir holds certificates, $package a signed package).");

var host = new ConsoleHost();
using var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
runspace.Open();
runspace.SessionStateProxy.SetVariable("graphUri", graph.BaseUri);
runspace.SessionStateProxy.SetVariable("token", new System.Net.NetworkCredential(string.Empty, graph.AccessToken).SecurePassword);
runspace.SessionStateProxy.SetVariable("certDir", DemoCertificates.WriteAll());
runspace.SessionStateProxy.SetVariable("package", Path.Combine(AppContext.BaseDirectory, "Samples", "Contoso.DemoApp.msix"));
runspace.SessionStateProxy.SetVariable("pfxPassword", new System.Net.NetworkCredential(string.Empty, DemoCertificates.PfxPassword).SecurePassword);
if (Console.IsOutputRedirected)
{
    // Plain text when piped to a file or another program: no ANSI colour codes.
    Run("$PSStyle.OutputRendering = 'PlainText'", echo: false);
}

Run("Import-Module '" + manifest.Replace("'", "''", StringComparison.Ordinal) + "'; Connect-EnterpriseCodeSigning -GraphEndpoint $graphUri -AccessToken $token | Out-Null", echo: false);

if (args.Length > 0 && args[0] == "--shell")
{
    while (true)
    {
        Console.Write("PS CodeSigningCerts> ");
        var line = Console.ReadLine();
        if (line is null || line.Trim() == "exit")
        {
            break;
        }

        Run(line, echo: false);
    }
}
else if (args.Length > 0)
{
    Run(File.ReadAllText(args[0]), echo: false);
}
else
{
    foreach (var step in DemoScript.Steps)
    {
        Run(step, echo: true);
    }

    Console.WriteLine("The emulator received " + graph.Requests.All.Count + " requests and holds " + graph.Certificates.All.Count + " certificates.");
}

void Run(string script, bool echo)
{
    if (echo)
    {
        Console.WriteLine();
        Console.WriteLine("PS> " + script);
    }

    using var ps = PowerShell.Create();
    ps.Runspace = runspace;
    ps.AddScript(script).AddCommand("Out-Default");
    ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
    try
    {
        ps.Invoke();
    }
    catch (RuntimeException ex)
    {
        Console.WriteLine(ex.ErrorRecord.ToString());
    }
}

// The repository root and module version as the build knew them (EmbedModuleLayout in Directory.Build.props).
static string BuildMetadata(string key) =>
    typeof(ConsoleHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
    ?? throw new InvalidOperationException("The build did not embed " + key + ".");
