using System.Diagnostics;
using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Faults;
using Xunit.Abstractions;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>Ctrl+C (PowerShell's Stop) ends a command within a second, whatever it waits for, and leaves nothing half-done.</summary>
public sealed class CancellationTests(ITestOutputHelper log) : EmulatedGraphTest
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Ctrl_C_during_a_slow_upload_stops_within_a_second_and_emits_nothing()
    {
        using var certificate = TestCertificates.CodeSigning("Slow Upload");
        Graph.Faults.Enqueue(Fault.SlowResponse(60_000), "POST");

        var (stopTime, state, output) = await StopWhile(certificate, () => CertificateRequests("POST").Count == 1);

        Assert.InRange(stopTime, TimeSpan.Zero, OneSecond);
        Assert.Equal(PSInvocationState.Stopped, state);
        Assert.Empty(output);
        Assert.Empty(Graph.Certificates.All);
        Assert.Equal(0, CertificateRequests("POST").Single().ResponseStatus);
    }

    [Fact]
    public async Task Ctrl_C_while_waiting_out_a_Retry_After_stops_within_a_second_and_sends_nothing_more()
    {
        using var certificate = TestCertificates.CodeSigning("Throttled Upload");
        // Retry-After 5 s: the stop comes well inside it even on a slow machine, and the test then waits it out (and two
        // seconds more), so a retry still sent in the background after the stop would arrive, and succeed (the 429 was
        // the only fault), before the checks.
        var retryAfter = TimeSpan.FromSeconds(5);
        Graph.Faults.Enqueue(Fault.TooManyRequests((int)retryAfter.TotalSeconds), "POST");

        var (stopTime, state, output) = await StopWhile(certificate, () => CertificateRequests("POST").SingleOrDefault()?.ResponseStatus == 429);
        var retryDue = CertificateRequests("POST").Single().RespondedAt!.Value + retryAfter + TimeSpan.FromSeconds(2);
        if (retryDue > DateTimeOffset.UtcNow)
        {
            await Task.Delay(retryDue - DateTimeOffset.UtcNow);
        }

        Assert.InRange(stopTime, TimeSpan.Zero, OneSecond);
        Assert.Equal(PSInvocationState.Stopped, state);
        Assert.Empty(output);
        Assert.Empty(Graph.Certificates.All);
        Assert.Single(CertificateRequests("POST"));
    }

    /// <summary>Starts New- for <paramref name="certificate"/>, waits until <paramref name="busy"/>, then stops it as Ctrl+C does and times the stop.</summary>
    private async Task<(TimeSpan StopTime, PSInvocationState State, PSDataCollection<PSObject> Output)> StopWhile(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, Func<bool> busy)
    {
        Ps.Runspace.SessionStateProxy.SetVariable("c", certificate);
        using var ps = PowerShell.Create();
        ps.Runspace = Ps.Runspace;
        ps.AddScript("$c | New-EnterpriseCodeSigningCertificate");
        var output = new PSDataCollection<PSObject>();
        var running = ps.BeginInvoke<PSObject, PSObject>(null, output);
        var deadline = Stopwatch.StartNew();
        while (!busy())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "The command never reached the point to stop it at.");
            Assert.False(running.IsCompleted, "The command finished before it could be stopped.");
            await Task.Delay(20);
        }

        // Let the command settle into its wait (the request in flight, or the Retry-After delay).
        await Task.Delay(200);
        var stopping = Stopwatch.StartNew();
        ps.Stop();
        stopping.Stop();
        log.WriteLine($"Stop() returned after {stopping.ElapsedMilliseconds} ms");
        Assert.True(running.IsCompleted);
        return (stopping.Elapsed, ps.InvocationStateInfo.State, output);
    }
}
