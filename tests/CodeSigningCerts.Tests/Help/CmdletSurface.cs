using System.Management.Automation;

namespace CodeSigningCerts.Tests.Help;

/// <summary>
/// A cmdlet's real surface as PowerShell binds it (from Get-Command), in the words of a platyPS page:
/// the values each parameter's yaml must have and each parameter set's syntax line. What the drift
/// tests compare with <see cref="DocsPage"/>, and what their failure messages tell the author to write.
/// </summary>
public sealed class CmdletSurface
{
    private const int Named = int.MinValue;

    public CmdletSurface(CmdletInfo cmdlet)
    {
        Name = cmdlet.Name;
        Sets = cmdlet.ParameterSets.Select(s => s.Name).ToList();
        DefaultSet = cmdlet.ParameterSets.FirstOrDefault(s => s.IsDefault)?.Name;
        var parameters = new Dictionary<string, Parameter>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in cmdlet.ParameterSets)
        {
            foreach (var info in set.Parameters.Where(p => !IsCommon(p.Name)))
            {
                if (!parameters.TryGetValue(info.Name, out var parameter))
                {
                    parameter = new Parameter(info.Name, TypeName(info.ParameterType), info.Aliases.ToList(), HasWildcards(info), AcceptedValues(info));
                    parameters.Add(info.Name, parameter);
                }

                parameter.Usages.Add(set.Name, new Usage(
                    info.IsMandatory ? "True" : "False",
                    info.Position == Named ? "Named" : info.Position.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Pipeline(info)));
            }
        }

        // Declaration order, as Get-Command lists the parameters.
        Parameters = cmdlet.Parameters.Keys.Where(parameters.ContainsKey).Select(k => parameters[k]).ToList();
        SyntaxLines = cmdlet.ParameterSets.ToDictionary(s => s.Name, SyntaxLine, StringComparer.OrdinalIgnoreCase);
    }

    public string Name { get; }

    public IReadOnlyList<string> Sets { get; }

    public string? DefaultSet { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The syntax line of each set, as a platyPS page writes it.</summary>
    public IReadOnlyDictionary<string, string> SyntaxLines { get; }

    /// <summary>The common parameters PowerShell adds to every cmdlet; WhatIf and Confirm are not among them and are documented.</summary>
    public static bool IsCommon(string name) => Cmdlet.CommonParameters.Contains(name);

    /// <summary>platyPS's type names: the short name, and T for Nullable&lt;T&gt;.</summary>
    public static string TypeName(Type type) => Nullable.GetUnderlyingType(type)?.Name ?? type.Name;

    /// <summary>The "Parameter Sets:" value: (All) when the parameter is in every set.</summary>
    public string SetsText(Parameter parameter, IEnumerable<string> sets)
    {
        var list = sets.ToList();
        return list.Count == Sets.Count ? "(All)" : string.Join(", ", list);
    }

    /// <summary>The ### -Name section a page should have, with one yaml block per distinct set of attributes.</summary>
    public string Section(Parameter parameter) =>
        "### -" + parameter.Name + "\n<What it does, for an Intune administrator.>\n\n" + Yaml(parameter);

    /// <summary>The parameter's yaml blocks, as platyPS writes them.</summary>
    public string Yaml(Parameter parameter)
    {
        var blocks = parameter.Usages
            .GroupBy(u => u.Value)
            .Select(g => string.Join("\n", new[]
            {
                "```yaml",
                "Type: " + parameter.Type,
                "Parameter Sets: " + SetsText(parameter, g.Select(u => u.Key)),
                ("Aliases: " + string.Join(", ", parameter.Aliases)).TrimEnd(),
            }
            .Concat(parameter.AcceptedValues.Count > 0 ? new[] { "Accepted values: " + string.Join(", ", parameter.AcceptedValues) } : Array.Empty<string>())
            .Concat(new[]
            {
                string.Empty,
                "Required: " + g.Key.Required,
                "Position: " + g.Key.Position,
                "Default value: " + (parameter.Type == nameof(SwitchParameter) ? "False" : "None"),
                "Accept pipeline input: " + g.Key.Pipeline,
                "Accept wildcard characters: " + (parameter.Wildcards ? "True" : "False"),
                "```",
            })));
        return string.Join("\n\n", blocks);
    }

    private string SyntaxLine(CommandParameterSetInfo set)
    {
        var parameters = set.Parameters.Where(p => !IsCommon(p.Name)).ToList();
        // Positional first, by position; then the mandatory named ones; then the optional ones.
        var ordered = parameters.Where(p => p.Position != Named).OrderBy(p => p.Position)
            .Concat(parameters.Where(p => p.Position == Named && p.IsMandatory))
            .Concat(parameters.Where(p => p.Position == Named && !p.IsMandatory));
        var tokens = ordered.Select(p =>
        {
            var isSwitch = p.ParameterType == typeof(SwitchParameter);
            var name = p.Position == Named ? "-" + p.Name : "[-" + p.Name + "]";
            var token = isSwitch ? "-" + p.Name : name + " <" + TypeName(p.ParameterType) + ">";
            return p.IsMandatory ? token : "[" + token + "]";
        });
        return string.Join(" ", new[] { Name }.Concat(tokens).Append("[<CommonParameters>]"));
    }

    private static string Pipeline(CommandParameterInfo info)
    {
        var kinds = new List<string>();
        if (info.ValueFromPipelineByPropertyName)
        {
            kinds.Add("ByPropertyName");
        }

        if (info.ValueFromPipeline)
        {
            kinds.Add("ByValue");
        }

        return kinds.Count == 0 ? "False" : "True (" + string.Join(", ", kinds) + ")";
    }

    private static bool HasWildcards(CommandParameterInfo info) => info.Attributes.OfType<SupportsWildcardsAttribute>().Any();

    private static IReadOnlyList<string> AcceptedValues(CommandParameterInfo info) =>
        info.Attributes.OfType<ValidateSetAttribute>().SelectMany(v => v.ValidValues).ToList();

    public sealed record Usage(string Required, string Position, string Pipeline);

    public sealed class Parameter
    {
        public Parameter(string name, string type, IReadOnlyList<string> aliases, bool wildcards, IReadOnlyList<string> acceptedValues)
        {
            Name = name;
            Type = type;
            Aliases = aliases;
            Wildcards = wildcards;
            AcceptedValues = acceptedValues;
        }

        public string Name { get; }

        public string Type { get; }

        public IReadOnlyList<string> Aliases { get; }

        public bool Wildcards { get; }

        public IReadOnlyList<string> AcceptedValues { get; }

        /// <summary>Required, position and pipeline input in each set the parameter is in, in set order.</summary>
        public Dictionary<string, Usage> Usages { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
