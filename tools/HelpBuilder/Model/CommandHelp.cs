namespace HelpBuilder.Model;

/// <summary>One cmdlet's help page, as read from docs/en-US/&lt;Verb-Noun&gt;.md.</summary>
internal sealed record CommandHelp(
    string Name,
    string HelpFile,
    string? OnlineVersion,
    string Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<SyntaxSet> Syntax,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<LinkHelp> Links)
{
    public string Verb => Name[..Name.IndexOf('-', StringComparison.Ordinal)];

    public string Noun => Name[(Name.IndexOf('-', StringComparison.Ordinal) + 1)..];

    public ParameterHelp Parameter(string name) =>
        Parameters.First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One block under ## SYNTAX: a parameter set and its parameters in the order shown.</summary>
internal sealed record SyntaxSet(string Name, bool IsDefault, IReadOnlyList<string> ParameterNames);

/// <summary>An input or output type (### heading under ## INPUTS or ## OUTPUTS) and what it means.</summary>
internal sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

/// <summary>### Example N: title, its code and the explanation after it.</summary>
internal sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);

/// <summary>A related link; Uri is null for a link to another page of this module (Get-Help shows its name).</summary>
internal sealed record LinkHelp(string Text, string? Uri);
