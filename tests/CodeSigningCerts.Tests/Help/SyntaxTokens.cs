using System.Text.RegularExpressions;

namespace CodeSigningCerts.Tests.Help;

/// <summary>
/// The parameters of a syntax line and how it shows them: [-Name] &lt;T&gt; is mandatory and positional,
/// [[-Name] &lt;T&gt;] optional and positional, -Name &lt;T&gt; mandatory, [-Name &lt;T&gt;] optional, [-Name] an optional switch.
/// </summary>
public static partial class SyntaxTokens
{
    public static IReadOnlyList<Token> Parse(string line)
    {
        var tokens = new List<Token>();
        foreach (Match match in TokenPattern().Matches(line))
        {
            var g = match.Groups;
            tokens.Add(
                g["optPos"].Success ? new Token(g["optPos"].Value, false, true, g["t1"].Value)
                : g["reqPos"].Success ? new Token(g["reqPos"].Value, true, true, g["t2"].Value)
                : g["optNamed"].Success ? new Token(g["optNamed"].Value, false, false, g["t3"].Value)
                : g["optSwitch"].Success ? new Token(g["optSwitch"].Value, false, false, null)
                : g["reqNamed"].Success ? new Token(g["reqNamed"].Value, true, false, g["t4"].Value)
                : new Token(g["reqSwitch"].Value, true, false, null));
        }

        return tokens;
    }

    // Tried left to right at each position, so the bracketed forms win over the bare ones.
    [GeneratedRegex(@"\[\[-(?<optPos>\w+)\]\s*<(?<t1>[^>]+)>\]|\[-(?<reqPos>\w+)\]\s*<(?<t2>[^>]+)>|\[-(?<optNamed>\w+)\s+<(?<t3>[^>]+)>\]|\[-(?<optSwitch>\w+)\]|(?<![\[\w])-(?<reqNamed>\w+)\s+<(?<t4>[^>]+)>|(?<![\[\w-])-(?<reqSwitch>\w+)")]
    private static partial Regex TokenPattern();

    /// <summary>Type is null for a switch.</summary>
    public sealed record Token(string Name, bool Mandatory, bool Positional, string? Type);
}
