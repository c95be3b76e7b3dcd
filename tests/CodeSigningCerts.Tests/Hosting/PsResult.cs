using System.Collections.ObjectModel;
using System.Management.Automation;

namespace CodeSigningCerts.Tests.Hosting;

/// <summary>Everything one script wrote, stream by stream, as a user's console would show it.</summary>
public sealed class PsResult
{
    public required Collection<PSObject> Output { get; init; }

    public required IReadOnlyList<ErrorRecord> Errors { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    public required IReadOnlyList<string> Verbose { get; init; }

    public required IReadOnlyList<string> Debug { get; init; }

    public required IReadOnlyList<string> Information { get; init; }

    public required IReadOnlyList<ProgressRecord> Progress { get; init; }

    /// <summary>The base objects of the output (the typed results).</summary>
    public IReadOnlyList<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>().ToList();

    /// <summary>The fully qualified error ids, e.g. CertificateExpired,CodeSigningCerts.Commands.New...</summary>
    public IReadOnlyList<string> ErrorIds => Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToList();

    /// <summary>All text of every stream, to scan for secrets.</summary>
    public string AllText() => string.Join(
        "\n",
        Output.Select(o => o?.ToString() ?? string.Empty)
            .Concat(Errors.SelectMany(e => new[] { e.ToString(), e.Exception?.ToString() ?? string.Empty, e.ErrorDetails?.Message ?? string.Empty, e.TargetObject?.ToString() ?? string.Empty }))
            .Concat(Warnings).Concat(Verbose).Concat(Debug).Concat(Information));
}
