using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CodeSigningCerts.Bench;

/// <summary>The hosted PowerShell 7.6 engine, as the test suite and the playground host it.</summary>
internal static class Hosted
{
    /// <summary>A runspace with the default session state, as pwsh opens one, and <paramref name="cmdlets"/> besides.</summary>
    public static Runspace Open(params SessionStateCmdletEntry[] cmdlets)
    {
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(cmdlets);
        var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        return runspace;
    }

    /// <summary>Runs a pipeline; any error fails the benchmark (a measurement of failures measures nothing).</summary>
    public static Collection<PSObject> Invoke(Runspace runspace, Action<PowerShell> build)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        build(ps);
        var output = ps.Invoke();
        if (ps.HadErrors || ps.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException("PowerShell reported errors: " + string.Join(" | ", ps.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        }

        return output;
    }

    /// <summary>One trivial pipeline, so the engine's first-pipeline costs are not charged to what is measured next.</summary>
    public static void Warm(Runspace runspace) => Invoke(runspace, ps => ps.AddScript("$null = 1"));

    public static void Import(Runspace runspace, string manifest) =>
        Invoke(runspace, ps => ps.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", ActionPreference.Stop));

    /// <summary>Connect-EnterpriseCodeSigning to the emulator with a token, plus <paramref name="extraArgs"/> (e.g. "-WriteLimit 0").</summary>
    public static void Connect(Runspace runspace, Uri graph, string token, string extraArgs)
    {
        runspace.SessionStateProxy.SetVariable("benchGraph", graph);
        runspace.SessionStateProxy.SetVariable("benchToken", new System.Net.NetworkCredential(string.Empty, token).SecurePassword);
        Invoke(runspace, ps => ps.AddScript("Connect-EnterpriseCodeSigning -GraphEndpoint $benchGraph -AccessToken $benchToken " + extraArgs + " | Out-Null"));
    }
}
