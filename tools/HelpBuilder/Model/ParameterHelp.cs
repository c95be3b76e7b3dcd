namespace HelpBuilder.Model;

/// <summary>
/// One ### -Name section under ## PARAMETERS. A parameter whose attributes differ between parameter
/// sets (mandatory in one, optional in another; piped in one only) has one yaml block per distinct
/// combination, as platyPS writes it: those are the <see cref="Usages"/>.
/// </summary>
internal sealed record ParameterHelp(
    string Name,
    IReadOnlyList<string> Description,
    string Type,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    string DefaultValue,
    bool Globbing,
    IReadOnlyList<ParameterUsage> Usages)
{
    public const string AllSets = "(All)";

    public bool IsSwitch => Type is "SwitchParameter" or "Switch";

    /// <summary>An array takes several values (MAML's variableLength).</summary>
    public bool IsArray => Type.EndsWith("[]", StringComparison.Ordinal);

    /// <summary>The usage for <paramref name="setName"/>, or null when the parameter is not in that set.</summary>
    public ParameterUsage? In(string setName) =>
        Usages.FirstOrDefault(u => u.Sets.Contains(AllSets) || u.Sets.Contains(setName, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// One line for the PARAMETERS list, where Get-Help shows a parameter once: required only when
    /// required in every set it is in, the first fixed position, every way it is piped.
    /// </summary>
    public ParameterUsage Merged()
    {
        if (Usages.Count == 1)
        {
            return Usages[0];
        }

        var pipeline = Usages.Select(u => u.PipelineInput).Where(p => !p.StartsWith("False", StringComparison.OrdinalIgnoreCase)).ToList();
        var kinds = pipeline
            .SelectMany(p => p[(p.IndexOf('(', StringComparison.Ordinal) + 1)..].TrimEnd(')').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ParameterUsage(
            Usages.SelectMany(u => u.Sets).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Usages.All(u => u.Required),
            Usages.Select(u => u.Position).FirstOrDefault(p => !p.Equals("Named", StringComparison.OrdinalIgnoreCase)) ?? "Named",
            kinds.Count == 0 ? "False" : "True (" + string.Join(", ", kinds) + ")");
    }
}

/// <summary>One yaml block of a parameter: the sets it covers and the attributes there.</summary>
internal sealed record ParameterUsage(IReadOnlyList<string> Sets, bool Required, string Position, string PipelineInput);
