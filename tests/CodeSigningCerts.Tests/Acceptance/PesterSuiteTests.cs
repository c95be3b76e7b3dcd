using CodeSigningCerts.Tests.Support;
using Xunit.Abstractions;

namespace CodeSigningCerts.Tests.Acceptance;

/// <summary>
/// The Pester runs of this class, one after the other; beside the other collections, from the start of the run: the
/// suite is the longest test, and waits no longer behind the rest since what was timing-sensitive moved to virtual time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PesterSuiteCollection
{
    public const string Name = "Pester acceptance suite";
}

/// <summary>
/// The user-level acceptance suite (tests/Acceptance/*.Tests.ps1) in the official pwsh 7.6.10 with Pester 5.9.1,
/// as part of `dotnet test`: the command fails naming each Pester test that failed, and no process it started is left.
/// </summary>
[Collection(PesterSuiteCollection.Name)]
public sealed class PesterSuiteTests(ITestOutputHelper log)
{
    [Fact]
    public void Every_Pester_test_passes_in_the_pinned_pwsh_and_no_process_it_started_is_left()
    {
        using var work = new TempDirectory();

        var run = PesterRun.Execute(PesterRun.AcceptanceDirectory, work.Path);
        log.WriteLine(run.Output);

        Assert.True(run.Failures.Count == 0, "Pester tests failed:\n" + string.Join('\n', run.Failures));
        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Passed >= 40, $"Only {run.Passed} Pester tests ran:\n{run.Output}");
        Assert.True(Directory.EnumerateFiles(Path.Combine(work.Path, "pids")).Any(), "The suite recorded no process it started (the emulator at least).");
        Assert.True(run.ProcessesLeft.Count == 0, "Still running after the Pester run:\n" + string.Join('\n', run.ProcessesLeft));
    }

    [Fact]
    public void A_failing_Pester_test_fails_the_run_by_name_and_its_emulator_is_stopped()
    {
        using var work = new TempDirectory();
        var tests = Path.Combine(work.Path, "tests");
        Directory.CreateDirectory(tests);
        File.WriteAllText(Path.Combine(tests, "Sample.Tests.ps1"), $$"""
            BeforeAll {
                Import-Module '{{Path.Combine(PesterRun.AcceptanceDirectory, "Acceptance.psm1")}}' -Force
                $script:emulator = Start-GraphEmulator -LogDirectory $TestDrive
            }
            AfterAll { Stop-GraphEmulator $script:emulator }
            Describe 'Sample' {
                It 'passes' { Invoke-RestMethod "$($emulator.Uri)/_emulator/requests" | Should -BeNullOrEmpty }
                It 'fails on purpose' { 1 | Should -Be 2 }
            }
            """);

        var run = PesterRun.Execute(tests, work.Path);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(1, run.Passed);
        var failure = Assert.Single(run.Failures);
        Assert.Contains("Sample.fails on purpose", failure, StringComparison.Ordinal);
        Assert.Contains("Expected 2, but got 1", failure, StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(work.Path, "pids")));
        Assert.Empty(run.ProcessesLeft);
    }
}
