using System.Reflection;
using System.Text.RegularExpressions;

namespace CodeSigningCerts.Tests.Help;

/// <summary>
/// Error ids are a contract scripts match on, so each one the module can write is explained for the
/// user: in docs/error-ids.md (cause, category, what to do) and named in about_CodeSigningCerts.
/// </summary>
public sealed partial class ErrorIdsDocumentedTests : IClassFixture<HelpSession>
{
    private readonly HelpSession _session;

    public ErrorIdsDocumentedTests(HelpSession session)
    {
        _session = session;
    }

    [Fact]
    public void Every_error_id_has_a_row_in_docs_error_ids_md_and_every_row_is_an_error_id()
    {
        var ids = ErrorIds();
        var rows = TableRow().Matches(File.ReadAllText(ErrorIdsPage)).Select(m => m.Groups["id"].Value).Where(id => id != "Id").ToList();

        var missing = ids.Except(rows).ToList();
        var stale = rows.Except(ids).ToList();
        Assert.True(
            missing.Count == 0 && stale.Count == 0,
            string.Concat(missing.Select(id => $"\nAdd to the right table in docs/error-ids.md: | {id} | <ErrorCategory> | <what causes it> | <what the user should do> |"))
            + string.Concat(stale.Select(id => $"\ndocs/error-ids.md has a row for {id}, which ErrorIds.cs does not define: remove it.")));
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

    [Fact]
    public void Every_error_id_is_named_in_the_about_topic()
    {
        var about = File.ReadAllText(Path.Combine(HelpSession.DocsDirectory, "about_CodeSigningCerts.md"));

        var missing = ErrorIds().Where(id => !Regex.IsMatch(about, @"\b" + id + @"\b")).ToList();

        Assert.True(missing.Count == 0, "Name these error ids in the ERROR IDS section of docs/en-US/about_CodeSigningCerts.md: " + string.Join(", ", missing));
    }

    private static string ErrorIdsPage => Path.Combine(Hosting.ModuleLayout.RepositoryRoot, "docs", "error-ids.md");

    /// <summary>The constants of CodeSigningCerts.ErrorIds in the assembly the engine loaded.</summary>
    private List<string> ErrorIds()
    {
        var assembly = _session.Cmdlet("New-EnterpriseCodeSigningCertificate").ImplementingType.Assembly;
        var type = assembly.GetType("CodeSigningCerts.ErrorIds", throwOnError: true)!;
        var ids = type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.NotEmpty(ids);
        return ids;
    }

    // | SomeId | Category | ... : the first cell of a table row, when it is a single identifier.
    [GeneratedRegex(@"^\|\s*(?<id>[A-Za-z][A-Za-z0-9]*)\s*\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
