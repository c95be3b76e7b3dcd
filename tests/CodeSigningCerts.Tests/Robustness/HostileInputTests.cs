using System.Diagnostics;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Robustness;

/// <summary>
/// The robustness corpus (MalformedCorpus, plus the odd paths: empty file, directory, FIFO, device, symlink loop,
/// huge sparse file, PFX without its password) fed through New-EnterpriseCodeSigningCertificate by path, piped as
/// paths and as objects. For each input exactly one result (under -WhatIf, its "What if" line) or one
/// non-terminating error with a stable id and the input as target; the inputs after it are processed; nothing
/// hangs. -WhatIf with no connection: nothing is sent, so the corpus runs in seconds.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    // Far beyond what the corpus takes (a few seconds); only a hang reaches it.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private static readonly HashSet<string> InputIds = new(StringComparer.Ordinal)
    {
        "CertificateFileUnreadable", "CertificateMalformed", "CertificateFileNotRegular", "CertificateFileTooLarge",
        "CertificatePathIsDirectory", "CertificatePasswordRequired", "CertificatePasswordIncorrect", "CertificateFileNotFound",
    };

    private readonly TempDirectory _files = new();
    private readonly TestHost _host = new();
    private readonly PsSession _ps;

    public HostileInputTests()
    {
        _ps = new PsSession(host: _host);
    }

    [Fact]
    public void The_issue_example_a_damaged_EKU_file_is_one_error_and_the_next_file_is_processed()
    {
        using var good = MalformedCorpus.Base();
        var bad = _files.Write("bad-eku.cer", MalformedCorpus.DamagedEnhancedKeyUsage(good.RawData));
        var goodPath = _files.Write("good.cer", good.RawData);

        var result = RunBounded("New-EnterpriseCodeSigningCertificate -LiteralPath $bad, $good -WhatIf", ("bad", bad), ("good", goodPath));

        var error = Assert.Single(result.Errors);
        Assert.Equal("CertificateFileUnreadable", result.ErrorIds[0]);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(bad, error.TargetObject);
        Assert.Contains("Enhanced Key Usage", error.ErrorDetails!.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { good.Thumbprint }, WhatIfThumbprints());
    }

    [Fact]
    public void The_runbook_line_goes_on_past_a_damaged_certificate_in_the_pipeline_even_with_Force()
    {
        using var good = MalformedCorpus.Base();
        using var damaged = X509CertificateLoader.LoadCertificate(MalformedCorpus.DamagedEnhancedKeyUsage(good.RawData));
        using var before = TestCertificates.CodeSigning("Before Damage");

        var result = RunBounded("$certs | New-EnterpriseCodeSigningCertificate -Force -WhatIf", ("certs", new[] { before, damaged, good }));

        var error = Assert.Single(result.Errors);
        Assert.Equal("CertificateMalformed", result.ErrorIds[0]);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Same(damaged, error.TargetObject);
        Assert.Contains("2.5.29.37", error.ErrorDetails!.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
        Assert.Equal(new[] { before.Thumbprint, good.Thumbprint }, WhatIfThumbprints());
    }

    [Fact]
    public void Every_file_of_the_corpus_by_path_is_one_result_or_one_error_with_its_path_and_the_last_good_file_is_processed()
    {
        using var good = MalformedCorpus.Base();
        var paths = CorpusFiles(good);
        var first = _files.Write("first-good.cer", good.RawData);
        var last = _files.Write("last-good.pem", TestCertificates.Pem(good));
        var all = paths.Select(p => p.Path).Prepend(first).Append(last).ToArray();

        var result = RunBounded("New-EnterpriseCodeSigningCertificate -LiteralPath $paths -Force -WhatIf", ("paths", all));

        AssertOneOutcomePerFile(result, all);
        Assert.Equal(good.Thumbprint, WhatIfThumbprints()[0]);
        Assert.Equal(good.Thumbprint, WhatIfThumbprints()[^1]);
        foreach (var (path, expectedId) in paths.Where(p => p.ExpectedId is not null))
        {
            var error = Assert.Single(result.Errors, e => Equals(e.TargetObject, path));
            Assert.Equal(expectedId, error.FullyQualifiedErrorId.Split(',')[0]);
        }
    }

    [Fact]
    public void Every_file_of_the_corpus_piped_as_a_path_is_one_result_or_one_error_with_its_path()
    {
        using var good = MalformedCorpus.Base();
        var all = CorpusFiles(good).Select(p => p.Path).Append(_files.Write("last-good.cer", good.RawData)).ToArray();

        var result = RunBounded("$paths | ForEach-Object { [pscustomobject]@{ PSPath = $_ } } | New-EnterpriseCodeSigningCertificate -Force -WhatIf", ("paths", all));

        AssertOneOutcomePerFile(result, all);
        Assert.Equal(good.Thumbprint, WhatIfThumbprints()[^1]);
    }

    [Fact]
    public void Every_mutated_certificate_that_loads_piped_as_an_object_is_one_result_or_one_error_with_it_as_target()
    {
        using var good = MalformedCorpus.Base();
        var loaded = new List<X509Certificate2>();
        foreach (var (_, bytes) in MalformedCorpus.DerMutations(good.RawData))
        {
            try
            {
                loaded.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
            catch (CryptographicException)
            {
                // Not a certificate to .NET either: it can only be given as a file, which the path tests do.
            }
        }

        loaded.Add(X509CertificateLoader.LoadCertificate(MalformedCorpus.DamagedEnhancedKeyUsage(good.RawData)));
        loaded.Add(good);
        Assert.True(loaded.Count > 50, "Too few mutations load to test anything: " + loaded.Count);

        var result = RunBounded("$certs | New-EnterpriseCodeSigningCertificate -Force -WhatIf", ("certs", loaded.ToArray()));

        Assert.All(result.Errors, e => Assert.Equal("CertificateMalformed", e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.All(result.Errors, e => Assert.Contains(loaded, c => ReferenceEquals(c, e.TargetObject)));
        // X509Certificate2.Equals compares issuer and serial number, which most mutations keep: the objects themselves are the inputs.
        Assert.Equal(result.Errors.Count, result.Errors.Select(e => e.TargetObject).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Contains(result.Errors, e => ReferenceEquals(e.TargetObject, loaded[^2]));
        var whatIf = WhatIfThumbprints();
        Assert.Equal(loaded.Count, whatIf.Count + result.Errors.Count);
        Assert.Equal(good.Thumbprint, whatIf[^1]);
    }

    [Fact]
    public void A_huge_file_and_a_FIFO_are_refused_with_their_own_ids_before_they_are_read()
    {
        using var good = MalformedCorpus.Base();
        var huge = Path.Combine(_files.Path, "huge.cer");
        using (var stream = File.Create(huge))
        {
            stream.SetLength(5L * 1024 * 1024 * 1024);
        }

        var odd = OperatingSystem.IsWindows() ? new[] { huge } : new[] { huge, MakeFifo(Path.Combine(_files.Path, "pipe.cer")), "/dev/zero" };
        var paths = odd.Append(_files.Write("after.cer", good.RawData)).ToArray();

        var result = RunBounded("New-EnterpriseCodeSigningCertificate -LiteralPath $p -WhatIf", ("p", paths));

        var unix = new[] { "CertificateFileNotRegular", "CertificateFileNotRegular" }; // ErrorIds of the FIFO and /dev/zero
        Assert.Equal(new[] { "CertificateFileTooLarge" }.Concat(OperatingSystem.IsWindows() ? [] : unix), result.ErrorIds);
        Assert.Equal(ErrorCategory.LimitsExceeded, result.Errors[0].CategoryInfo.Category);
        Assert.Equal(odd, result.Errors.Select(e => e.TargetObject));
        Assert.Equal(new[] { good.Thumbprint }, WhatIfThumbprints());
    }

    [Fact]
    public void A_PEM_with_hundreds_of_certificates_gives_one_result_each()
    {
        var bundle = _files.Write("bundle.pem", MalformedCorpus.PemBundle(300));

        var result = RunBounded("New-EnterpriseCodeSigningCertificate -LiteralPath $p -WhatIf", ("p", bundle));

        Assert.Empty(result.Errors);
        Assert.Equal(300, WhatIfThumbprints().Distinct().Count());
    }

    [Fact]
    public void A_PFX_with_the_wrong_password_is_one_error_and_the_next_file_is_processed()
    {
        using var good = MalformedCorpus.Base();
        using var withKey = TestCertificates.CodeSigning("Corpus Pfx");
        var pfx = _files.Write("wrong.pfx", TestCertificates.Pfx(withKey, "right"));
        var next = _files.Write("next.cer", good.RawData);

        var result = RunBounded("New-EnterpriseCodeSigningCertificate -LiteralPath $a, $b -Password $pw -WhatIf", ("a", pfx), ("b", next), ("pw", PsSession.Secure("wrong")));

        Assert.Equal(new[] { "CertificatePasswordIncorrect" }, result.ErrorIds);
        Assert.Equal(pfx, result.Errors[0].TargetObject);
        Assert.Equal(new[] { good.Thumbprint }, WhatIfThumbprints());
    }

    public void Dispose()
    {
        _ps.Dispose();
        _files.Dispose();
    }

    /// <summary>
    /// The corpus as files, each with the id it must give when that is certain (the odd paths); a mutation gives
    /// a result or any input error, depending on what the flipped bit hit.
    /// </summary>
    private List<(string Path, string? ExpectedId)> CorpusFiles(X509Certificate2 good)
    {
        var files = new List<(string, string?)>();
        foreach (var (name, bytes) in MalformedCorpus.DerMutations(good.RawData).Concat(MalformedCorpus.BrokenContainers(good)))
        {
            files.Add((_files.Write(name + ".cer", bytes), null));
        }

        files.Add((_files.Write("damaged-eku.cer", MalformedCorpus.DamagedEnhancedKeyUsage(good.RawData)), "CertificateFileUnreadable"));
        files.Add((_files.Write("empty.cer", Array.Empty<byte>()), "CertificateFileUnreadable"));
        files.Add((Directory.CreateDirectory(Path.Combine(_files.Path, "folder.cer")).FullName, "CertificatePathIsDirectory"));
        using (var withKey = TestCertificates.CodeSigning("Corpus Pfx"))
        {
            files.Add((_files.Write("no-password.pfx", TestCertificates.Pfx(withKey, "secret")), "CertificatePasswordRequired"));
        }

        var huge = Path.Combine(_files.Path, "huge.cer");
        using (var stream = File.Create(huge))
        {
            // Sparse: 5 GiB that take no disk, larger than any memory the test host could give a read.
            stream.SetLength(5L * 1024 * 1024 * 1024);
        }

        files.Add((huge, "CertificateFileTooLarge"));
        if (!OperatingSystem.IsWindows())
        {
            // FIFOs, devices and symbolic link loops are Unix inputs; on Windows File.Exists is false for devices.
            files.Add((MakeFifo(Path.Combine(_files.Path, "fifo.cer")), "CertificateFileNotRegular"));
            files.Add(("/dev/zero", "CertificateFileNotRegular"));
            var loopA = Path.Combine(_files.Path, "loop-a.cer");
            var loopB = Path.Combine(_files.Path, "loop-b.cer");
            File.CreateSymbolicLink(loopA, loopB);
            File.CreateSymbolicLink(loopB, loopA);
            files.Add((loopA, "CertificateFileUnreadable"));
        }

        return files;
    }

    private void AssertOneOutcomePerFile(PsResult result, IReadOnlyList<string> paths)
    {
        Assert.All(result.Errors, e => Assert.Contains(e.FullyQualifiedErrorId.Split(',')[0], InputIds));
        Assert.All(result.Errors, e => Assert.Contains(e.TargetObject as string, paths));
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.ErrorDetails?.RecommendedAction), e.FullyQualifiedErrorId));
        var twice = result.Errors.GroupBy(e => e.TargetObject).Where(g => g.Count() > 1).Select(g => g.Key + ": " + string.Join(" | ", g.Select(e => e.FullyQualifiedErrorId + " " + e.ErrorDetails?.Message)));
        Assert.True(!twice.Any(), string.Join("\n", twice));

        // Every file that gave no error gave exactly one certificate (each holds one): one "What if" line each.
        Assert.Equal(paths.Count - result.Errors.Count, WhatIfThumbprints().Count);
    }

    /// <summary>The thumbprints in the "What if" lines the host showed, in order.</summary>
    private List<string> WhatIfThumbprints() =>
        _host.Lines
            .Where(l => l.StartsWith("What if:", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("(thumbprint ", StringComparison.Ordinal) + "(thumbprint ".Length)..].Split(')')[0])
            .ToList();

    /// <summary>Runs the script on a worker thread: a hang fails the test at <see cref="Bound"/> instead of stopping the suite.</summary>
    private PsResult RunBounded(string script, params (string Name, object? Value)[] variables)
    {
        var run = Task.Run(() => _ps.Run(script, variables));
        Assert.True(run.Wait(Bound), $"The command did not finish within {Bound.TotalSeconds} s: an input hung it.");
        return run.Result;
    }

    private static string MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", new[] { path }) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
