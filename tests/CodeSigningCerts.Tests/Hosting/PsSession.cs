using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Security;

namespace CodeSigningCerts.Tests.Hosting;

/// <summary>
/// A PowerShell 7.6 runspace in this process with the built module imported from output/, as a user
/// would import it. Scripts run as typed at a prompt; variables are passed in by name.
/// </summary>
public sealed class PsSession : IDisposable
{
    private readonly Runspace _runspace;

    public PsSession(bool importModule = true, TestHost? host = null)
    {
        var state = InitialSessionState.CreateDefault2();
        _runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        _runspace.Open();
        if (importModule)
        {
            var import = Run("Import-Module $manifest -ErrorAction Stop", ("manifest", ModuleLayout.Manifest));
            if (import.Errors.Count > 0)
            {
                throw new InvalidOperationException("Import-Module failed: " + string.Join("; ", import.Errors));
            }
        }
    }

    public Runspace Runspace => _runspace;

    /// <summary>Runs a script; a terminating error is returned in Errors, not thrown.</summary>
    public PsResult Run(string script, params (string Name, object? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _runspace.SessionStateProxy.SetVariable(name, value);
        }

        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        var errors = new List<ErrorRecord>();
        System.Collections.ObjectModel.Collection<PSObject> output;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            output = new System.Collections.ObjectModel.Collection<PSObject>();
            errors.Add(ex.ErrorRecord);
        }

        errors.InsertRange(0, ps.Streams.Error);
        return new PsResult
        {
            Output = output,
            Errors = errors,
            Warnings = ps.Streams.Warning.Select(w => w.Message).ToList(),
            Verbose = ps.Streams.Verbose.Select(v => v.Message).ToList(),
            Debug = ps.Streams.Debug.Select(d => d.Message).ToList(),
            Information = ps.Streams.Information.Select(i => i.MessageData?.ToString() ?? string.Empty).ToList(),
            Progress = ps.Streams.Progress.ToList(),
        };
    }

    /// <summary>Connects this runspace to a Graph endpoint with a token, as a user would; <paramref name="parameters"/> are added as typed (e.g. "-MaxRetryCount 2").</summary>
    /// <summary>Connects with a token; throws when that fails. The result holds the other streams (-Verbose, -Debug).</summary>
    public PsResult Connect(Uri graph, string token, string parameters = "")
    {
        var result = Run("Connect-EnterpriseCodeSigning -GraphEndpoint $graph -AccessToken $token " + parameters + " | Out-Null", ("graph", graph), ("token", Secure(token)));
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException("Connect failed: " + string.Join("; ", result.Errors));
        }

        return result;
    }

    public static SecureString Secure(string text) => new NetworkCredential(string.Empty, text).SecurePassword;

    public void Dispose() => _runspace.Dispose();
}
