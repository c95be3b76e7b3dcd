using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CodeSigningCerts.Bench;

/// <summary>The hosted PowerShell 7.6 engine, as the test suite and the playground host it.</summary>
internal static class Hosted
{
    public static Runspace Open()
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
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

    /// <summary>
    /// The limiter knob: a Connect-EnterpriseCodeSigning parameter that lifts the module's own write
    /// limit, if one exists in this build. Names tried, in order; the first present wins. The user's
    /// --connect-args come on top.
    /// </summary>
    public static string FindLimiterKnob(Runspace runspace)
    {
        string[] switches = ["NoWriteLimit", "DisableWriteLimit", "NoWriteRateLimit", "DisableWriteRateLimit", "NoRateLimit", "DisableRateLimit", "NoThrottle", "NoThrottling", "SkipRateLimit", "SkipWriteLimit"];
        string[] numbers = ["WriteLimit", "WriteRateLimit", "WritesPerWindow", "MaxWritesPerWindow", "WriteLimitPerWindow", "RateLimit", "MaxWrites"];
        var parameters = Invoke(runspace, ps => ps.AddScript("(Get-Command Connect-EnterpriseCodeSigning).Parameters.Values | ForEach-Object { $_.Name + '|' + $_.ParameterType.FullName }"))
            .Select(o => o.ToString().Split('|'))
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        foreach (var name in switches)
        {
            if (parameters.TryGetValue(name, out var type) && type == typeof(SwitchParameter).FullName)
            {
                return "-" + name;
            }
        }

        foreach (var name in numbers)
        {
            if (parameters.TryGetValue(name, out var type) && type is "System.Int32" or "System.Int64" or "System.Double")
            {
                return "-" + name + " 1000000";
            }
        }

        return string.Empty;
    }

    public static void Connect(Runspace runspace, Uri graph, string token, string extraArgs)
    {
        runspace.SessionStateProxy.SetVariable("benchGraph", graph);
        runspace.SessionStateProxy.SetVariable("benchToken", new System.Net.NetworkCredential(string.Empty, token).SecurePassword);
        Invoke(runspace, ps => ps.AddScript("Connect-EnterpriseCodeSigning -GraphEndpoint $benchGraph -AccessToken $benchToken " + extraArgs + " | Out-Null"));
    }
}
