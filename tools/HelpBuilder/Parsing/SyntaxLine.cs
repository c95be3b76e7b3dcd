using System.Text.RegularExpressions;

namespace HelpBuilder.Parsing;

/// <summary>
/// The parameter names in a syntax line such as
/// "New-X [-Certificate] &lt;X509Certificate2&gt; [-Status &lt;CertificateStatus&gt;] [-Force] [-WhatIf] [&lt;CommonParameters&gt;]".
/// Only the names and their order matter here: which set each belongs to, and every other attribute,
/// comes from the parameter's yaml, which the parser checks against this line.
/// </summary>
internal static partial class SyntaxLine
{
    public static IReadOnlyList<string> ParameterNames(string line) =>
        ParameterName().Matches(line).Select(m => m.Groups["name"].Value).ToList();

    /// <summary>The command the line is for: its first word.</summary>
    public static string CommandName(string line) =>
        line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;

    // A dash that starts a word (after a space or an opening bracket) and a letter: -Name, [-Name], [[-Name].
    [GeneratedRegex(@"(?<=^|[\s\[])-(?<name>[A-Za-z][A-Za-z0-9_]*)")]
    private static partial Regex ParameterName();
}
