using CodeSigningCerts.Certificates;
using CodeSigningCerts.Engine;
using Microsoft.Extensions.Time.Testing;

namespace CodeSigningCerts.UnitTests.Upload;

/// <summary>
/// One New-EnterpriseCodeSigningCertificate command as the upload core sees it: a connection to <see cref="FakeGraph"/>
/// on a virtual clock (its own, or one the test shares between commands as a session does), and a user who answers
/// every ShouldProcess with <see cref="Answer"/> and hears every warning.
/// </summary>
internal sealed class UploadRun : IUploadConversation, IDisposable
{
    private readonly CertificateApi _api;
    private readonly CertificateUploader _uploader;
    private readonly SteppingTime _time;
    private readonly FakeGraph _graph;
    private readonly bool _ownsApi;

    /// <param name="connection">The connection to run on, left open at the end; null: one of the run's own.</param>
    public UploadRun(FakeGraph graph, SteppingTime time, bool force = false, bool removeSuperseded = false, int writeLimit = 100, TimeSpan? requestTimeout = null, CertificateApi? connection = null)
    {
        _time = time;
        _graph = graph;
        _ownsApi = connection is null;
        _api = connection ?? graph.Connect(time, writeLimit, requestTimeout);
        _uploader = new CertificateUploader(_api, null, this, force, removeSuperseded, CertificateStatus.NotProvisioned);
    }

    public CertificateApi Api => _api;

    public Consent Answer { get; set; } = Consent.Yes;

    public List<string> Warnings { get; } = [];

    public List<string> Verbose { get; } = [];

    /// <summary>Each ShouldProcess asked: target and action.</summary>
    public List<(string Target, string Action)> Asked { get; } = [];

    public UploadResult Upload(X509Certificate2 certificate) =>
        VirtualTime.Run(_time, () => Start(certificate), activity: () => _graph.RequestCount);

    /// <summary>Starts an upload without running the clock: for two runs that must both list before either creates.</summary>
    public async Task<UploadResult> Start(X509Certificate2 certificate)
    {
        var uploadsAsked = UploadsAsked();
        var (entry, problems) = await _uploader.UploadAsync(certificate, CancellationToken.None);
        return new UploadResult(entry, problems, Created: entry is not null && UploadsAsked() > uploadsAsked);
    }

    private int UploadsAsked()
    {
        lock (Asked)
        {
            return Asked.Count(asked => asked.Action == CertificateUploader.UploadAction);
        }
    }

    Task<Consent> IUploadConversation.ShouldProcessAsync(string target, string action)
    {
        lock (Asked)
        {
            Asked.Add((target, action));
        }

        return Task.FromResult(Answer);
    }

    void IUploadConversation.Verbose(string message)
    {
        lock (Verbose)
        {
            Verbose.Add(message);
        }
    }

    void IUploadConversation.Warning(string message)
    {
        lock (Warnings)
        {
            Warnings.Add(message);
        }
    }

    public void Dispose()
    {
        if (_ownsApi)
        {
            _api.Dispose();
        }
    }
}

/// <summary>
/// What one upload came to, as the cmdlet writes it (the entry, and the problems as errors), and whether this upload sent
/// the certificate: the user was asked to upload it and the tenant holds it now (answered, or found after its answer was lost).
/// </summary>
internal sealed record UploadResult(EnterpriseCodeSigningCertificate? Entry, IReadOnlyList<UploadProblem> Problems, bool Created)
{
    /// <summary>Why the certificate is not in the tenant: the upload's failure; null when it is, or nothing was sent.</summary>
    public UploadProblem? Problem => Entry is null ? Problems.FirstOrDefault() : null;

    /// <summary>The removals (superseded entries, copies) that could not be made, beside an entry the tenant holds.</summary>
    public IReadOnlyList<UploadProblem> RemovalProblems => Entry is null ? [] : Problems;
}
