using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GraphEmulator;

namespace CodeSigningCerts.Bench;

/// <summary>
/// The many-tenants row (issue 25): one process, one connection per tenant (Connect- once per tenant, kept in a
/// variable), each tenant's certificates uploaded from a runspace of its own, `ForEach-Object -Parallel` with the
/// connection given as -Connection. Two tenants at once against one tenant alone, in the same shape: Intune's limit is
/// per app and tenant, so two tenants do not share it and take about as long as one.
/// </summary>
internal static class ManyTenants
{
    /// <summary>The pipeline each parallel runspace runs: its tenant's certificates through New- on its tenant's connection.</summary>
    private const string Script =
        "$benchJobs | ForEach-Object -ThrottleLimit $benchJobs.Count -Parallel { " +
        "Import-Module $using:benchManifest; $_.Certificates | New-EnterpriseCodeSigningCertificate -Connection $_.Connection }";

    /// <summary>
    /// The parent's side: an emulator with the service's defaults (Intune's limits, the listing lag) in which every
    /// token is the same app in a tenant of its own, and one child process uploading <paramref name="certificates"/>
    /// to each of <paramref name="tenants"/> tenants at once.
    /// </summary>
    public static async Task<TenantsResult> MeasureAsync(int tenants, int certificates)
    {
        var options = new EmulatorOptions();
        var tokens = Enumerable.Range(0, tenants).Select(_ => "bench-" + Guid.NewGuid().ToString("N")).ToList();
        options.AccessToken = "bench-unused-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < tenants; i++)
        {
            options.TokenTenants[tokens[i]] = "tenant-" + i;
            options.TokenApps[tokens[i]] = "bench-application";
        }

        await using var emulator = await GraphEmulatorServer.StartAsync(options);
        var arguments = new List<string> { "tenants", Paths.ModuleManifest, emulator.BaseUri.ToString(), BenchOptions.Invariant(certificates) };
        arguments.AddRange(tokens);
        var child = await Task.Run(() => ChildProcess.Run(arguments.ToArray()));
        var requests = emulator.Requests.All;
        return new TenantsResult(
            tenants,
            certificates,
            child.GetProperty("created").GetInt32(),
            child.GetProperty("errors").GetInt32(),
            child.GetProperty("errorIds").EnumerateArray().Select(e => e.GetString() ?? "?").ToList(),
            child.GetProperty("elapsedMs").GetDouble(),
            requests.Count(r => r.Method == "POST"),
            requests.Count(r => r.ResponseStatus == 429),
            Enumerable.Range(0, tenants).Sum(i => emulator.CertificatesForTenant("tenant-" + i).Count));
    }

    /// <summary>
    /// The child's side: connects once per token, then times the parallel pipelines from their start to the end of
    /// the last (each runspace's Import-Module included, in both shapes alike). Errors are counted, not thrown.
    /// </summary>
    public static Dictionary<string, object?> Run(string manifest, Uri graph, int count, string[] tokens)
    {
        using var runspace = Hosted.Open();
        Hosted.Import(runspace, manifest);
        var jobs = new List<Dictionary<string, object>>();
        for (var i = 0; i < tokens.Length; i++)
        {
            runspace.SessionStateProxy.SetVariable("benchGraph", graph);
            runspace.SessionStateProxy.SetVariable("benchToken", new System.Net.NetworkCredential(string.Empty, tokens[i]).SecurePassword);
            var connection = Hosted.Invoke(runspace, ps => ps.AddScript("Connect-EnterpriseCodeSigning -GraphEndpoint $benchGraph -AccessToken $benchToken")).Single();
            var certificates = BenchCertificates.CreateDer(count, rsa: true, label: "Tenant " + i).Select(BenchCertificates.Load).ToArray();
            jobs.Add(new Dictionary<string, object> { ["Connection"] = connection, ["Certificates"] = certificates });
        }

        runspace.SessionStateProxy.SetVariable("benchJobs", jobs.Select(j => new System.Collections.Hashtable(j)).ToArray());
        runspace.SessionStateProxy.SetVariable("benchManifest", manifest);
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(Script);
        var stopwatch = Stopwatch.StartNew();
        var output = ps.Invoke();
        var elapsedMs = stopwatch.Elapsed.TotalMilliseconds;
        return new Dictionary<string, object?>
        {
            ["created"] = output.Count,
            ["errors"] = ps.Streams.Error.Count,
            ["errorIds"] = ps.Streams.Error.Select(e => e.FullyQualifiedErrorId).Distinct().Take(5).ToList(),
            ["elapsedMs"] = elapsedMs,
        };
    }
}

/// <summary>One measurement of the many-tenants row: what the child reported and what the emulator saw.</summary>
internal sealed record TenantsResult(int Tenants, int PerTenant, int Created, int Errors, List<string> ErrorIds, double ElapsedMs, int Posts, int Throttled, int Stored)
{
    public int Certificates => Tenants * PerTenant;

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{Tenants} tenant(s): {Created} of {Certificates} created in {ElapsedMs / 1000:0.0} s, {Errors} errors{(Errors > 0 ? " (" + string.Join(", ", ErrorIds) + ")" : string.Empty)}; the emulator answered {Posts} POSTs, {Throttled} of them 429, and holds {Stored} certificates");
}
