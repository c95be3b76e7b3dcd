using System.Text;
using System.Xml;
using HelpBuilder.Model;

namespace HelpBuilder.Output;

/// <summary>
/// Writes cmdlet help as MAML, the XML Get-Help reads for compiled cmdlets (the same shape platyPS's
/// New-ExternalHelp writes): details, description, syntax (one item per parameter set), parameters,
/// input and return types, notes, examples and related links.
/// </summary>
internal static class MamlWriter
{
    private const string Msh = "http://msh";
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private const string MsHelp = "http://msdn.microsoft.com/mshelp";

    private static readonly XmlWriterSettings Settings = new()
    {
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        Encoding = new UTF8Encoding(false),
    };

    public static void Write(string path, IEnumerable<CommandHelp> commands)
    {
        using var writer = XmlWriter.Create(path, Settings);
        writer.WriteStartDocument();
        writer.WriteStartElement("helpItems", Msh);
        writer.WriteAttributeString("schema", "maml");
        foreach (var command in commands)
        {
            WriteCommand(writer, command);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void WriteCommand(XmlWriter w, CommandHelp help)
    {
        w.WriteStartElement("command", "command", Command);
        w.WriteAttributeString("xmlns", "maml", null, Maml);
        w.WriteAttributeString("xmlns", "command", null, Command);
        w.WriteAttributeString("xmlns", "dev", null, Dev);
        w.WriteAttributeString("xmlns", "MSHelp", null, MsHelp);

        w.WriteStartElement("command", "details", Command);
        w.WriteElementString("command", "name", Command, help.Name);
        w.WriteElementString("command", "verb", Command, help.Verb);
        w.WriteElementString("command", "noun", Command, help.Noun);
        Description(w, new[] { help.Synopsis });
        w.WriteEndElement();

        Description(w, help.Description);
        Syntax(w, help);
        Parameters(w, help);
        Types(w, "inputTypes", "inputType", help.Inputs);
        Types(w, "returnValues", "returnValue", help.Outputs);
        Notes(w, help.Notes);
        Examples(w, help.Examples);
        Links(w, help);

        w.WriteEndElement();
    }

    private static void Syntax(XmlWriter w, CommandHelp help)
    {
        w.WriteStartElement("command", "syntax", Command);
        var single = help.Syntax.Count == 1;
        foreach (var set in help.Syntax)
        {
            w.WriteStartElement("command", "syntaxItem", Command);
            w.WriteElementString("maml", "name", Maml, help.Name);
            foreach (var name in set.ParameterNames)
            {
                var parameter = help.Parameter(name);

                // A single-set page may name its set or say (All): either way the set is the cmdlet.
                var usage = (single ? null : parameter.In(set.Name)) ?? parameter.Usages[0];
                Parameter(w, parameter, usage, inSyntax: true);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Parameters(XmlWriter w, CommandHelp help)
    {
        w.WriteStartElement("command", "parameters", Command);
        foreach (var parameter in help.Parameters)
        {
            Parameter(w, parameter, parameter.Merged(), inSyntax: false);
        }

        w.WriteEndElement();
    }

    private static void Parameter(XmlWriter w, ParameterHelp parameter, ParameterUsage usage, bool inSyntax)
    {
        w.WriteStartElement("command", "parameter", Command);
        w.WriteAttributeString("required", usage.Required ? "true" : "false");
        w.WriteAttributeString("variableLength", parameter.IsArray ? "true" : "false");
        w.WriteAttributeString("globbing", parameter.Globbing ? "true" : "false");
        w.WriteAttributeString("pipelineInput", usage.PipelineInput);
        w.WriteAttributeString("position", usage.Position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : usage.Position);
        w.WriteAttributeString("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases));
        w.WriteElementString("maml", "name", Maml, parameter.Name);
        Description(w, parameter.Description);

        if (parameter.AcceptedValues.Count > 0)
        {
            // Get-Help shows these in the syntax as {A | B}, as PowerShell does for a ValidateSet.
            w.WriteStartElement("command", "parameterValueGroup", Command);
            foreach (var value in parameter.AcceptedValues)
            {
                w.WriteStartElement("command", "parameterValue", Command);
                w.WriteAttributeString("required", "false");
                w.WriteAttributeString("command", "variableLength", Command, "false");
                w.WriteString(value);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        // A switch takes no value: in a syntax line it is [-Force], not [-Force <SwitchParameter>].
        if (!(inSyntax && parameter.IsSwitch))
        {
            w.WriteStartElement("command", "parameterValue", Command);
            w.WriteAttributeString("required", parameter.IsSwitch ? "false" : "true");
            w.WriteAttributeString("variableLength", "false");
            w.WriteString(parameter.Type);
            w.WriteEndElement();
        }

        w.WriteStartElement("dev", "type", Dev);
        w.WriteElementString("maml", "name", Maml, parameter.Type);
        w.WriteElementString("maml", "uri", Maml, string.Empty);
        w.WriteEndElement();
        w.WriteElementString("dev", "defaultValue", Dev, parameter.DefaultValue);
        w.WriteEndElement();
    }

    private static void Types(XmlWriter w, string listName, string itemName, IReadOnlyList<TypeHelp> types)
    {
        w.WriteStartElement("command", listName, Command);
        foreach (var type in types)
        {
            w.WriteStartElement("command", itemName, Command);
            w.WriteStartElement("dev", "type", Dev);
            w.WriteElementString("maml", "name", Maml, type.TypeName);
            w.WriteEndElement();
            Description(w, type.Description);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Notes(XmlWriter w, IReadOnlyList<string> notes)
    {
        w.WriteStartElement("maml", "alertSet", Maml);
        w.WriteStartElement("maml", "alert", Maml);
        Paragraphs(w, notes);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Examples(XmlWriter w, IReadOnlyList<ExampleHelp> examples)
    {
        w.WriteStartElement("command", "examples", Command);
        foreach (var example in examples)
        {
            w.WriteStartElement("command", "example", Command);

            // The dashes are how Get-Help sets an example apart in a console; platyPS writes them too.
            w.WriteElementString("maml", "title", Maml, "-------------------------- " + example.Title + " --------------------------");
            w.WriteElementString("dev", "code", Dev, example.Code);
            w.WriteStartElement("dev", "remarks", Dev);
            Paragraphs(w, example.Remarks);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Links(XmlWriter w, CommandHelp help)
    {
        w.WriteStartElement("command", "relatedLinks", Command);

        // Get-Help -Online opens the first link's URI: the page's online version comes first.
        if (help.OnlineVersion is not null)
        {
            Link(w, "Online Version:", help.OnlineVersion);
        }

        foreach (var link in help.Links)
        {
            Link(w, link.Text, link.Uri ?? string.Empty);
        }

        w.WriteEndElement();
    }

    private static void Link(XmlWriter w, string text, string uri)
    {
        w.WriteStartElement("maml", "navigationLink", Maml);
        w.WriteElementString("maml", "linkText", Maml, text);
        w.WriteElementString("maml", "uri", Maml, uri);
        w.WriteEndElement();
    }

    private static void Description(XmlWriter w, IEnumerable<string> paragraphs)
    {
        w.WriteStartElement("maml", "description", Maml);
        Paragraphs(w, paragraphs);
        w.WriteEndElement();
    }

    private static void Paragraphs(XmlWriter w, IEnumerable<string> paragraphs)
    {
        foreach (var paragraph in paragraphs)
        {
            w.WriteElementString("maml", "para", Maml, paragraph);
        }
    }
}
