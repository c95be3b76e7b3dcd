using System.Management.Automation;

namespace CodeSigningCerts.Tests.Hosting;

/// <summary>Reads results the way a script does ($x.Prop), without referencing the module's assembly.</summary>
public static class PsObjectExtensions
{
    public static object? Prop(this PSObject value, string name) => value.Properties[name]?.Value;

    public static string? Text(this PSObject value, string name) => value.Prop(name)?.ToString();

    public static string TypeName(this PSObject value) => value.BaseObject.GetType().FullName!;
}
