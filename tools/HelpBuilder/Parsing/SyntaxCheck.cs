using HelpBuilder.Markdown;
using HelpBuilder.Model;

namespace HelpBuilder.Parsing;

/// <summary>
/// The syntax lines and the parameters' yaml say the same thing twice (which set each parameter is in);
/// MAML needs both, so a page where they disagree would show contradicting help. Refuse it here.
/// </summary>
internal static class SyntaxCheck
{
    public static void Check(MarkdownFile file, Section syntax, IReadOnlyList<SyntaxSet> sets, IReadOnlyList<ParameterHelp> parameters)
    {
        var single = sets.Count == 1;
        foreach (var parameter in parameters)
        {
            foreach (var setName in parameter.Usages.SelectMany(u => u.Sets))
            {
                if (setName != ParameterHelp.AllSets && !single && !sets.Any(s => string.Equals(s.Name, setName, StringComparison.OrdinalIgnoreCase)))
                {
                    throw file.Error(syntax.Heading, $"-{parameter.Name} names parameter set '{setName}', which has no '### {setName}' block under ## SYNTAX.");
                }
            }
        }

        foreach (var set in sets)
        {
            foreach (var name in set.ParameterNames)
            {
                var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw file.Error(syntax.Heading, $"The syntax of set '{set.Name}' shows -{name}, which has no '### -{name}' section under ## PARAMETERS.");
                if (!single && parameter.In(set.Name) is null)
                {
                    throw file.Error(syntax.Heading, $"The syntax of set '{set.Name}' shows -{name}, but its yaml 'Parameter Sets:' does not list {set.Name}.");
                }
            }

            foreach (var parameter in parameters.Where(p => single || p.In(set.Name) is not null))
            {
                if (!set.ParameterNames.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase))
                {
                    throw file.Error(syntax.Heading, $"-{parameter.Name} is in set '{set.Name}' by its yaml but missing from that set's syntax line.");
                }
            }
        }
    }
}
