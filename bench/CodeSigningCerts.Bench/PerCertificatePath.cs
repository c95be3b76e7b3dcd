namespace CodeSigningCerts.Bench;

/// <summary>
/// One way of sending the certificates, timed per certificate: a bare HttpClient loop (no script) or a PowerShell
/// script over $benchCertificates. <paramref name="Module"/>: the emulator's requests during it are the module's;
/// <paramref name="Outputs"/>: it writes one object per certificate.
/// </summary>
internal sealed record PerCertificatePath(string Name, string? Script, bool Module, bool Outputs, string? Description = null)
{
    /// <summary>How the report names it: the script as a user would write it, or what the bare loop does.</summary>
    public string Label => Description
        ?? "`" + Script!.Replace("$benchCertificates", "$certs", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + "`";
}
