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
    public void Every_error_id_has_a_category_and_advice_in_the_error_table_and_the_docs_give_the_same_categories()
    {
        var table = ErrorTable();
        var documented = DocumentedCategory().Matches(File.ReadAllText(ErrorIdsPage))
            .Where(m => m.Groups["id"].Value != "Id")
            .ToDictionary(m => m.Groups["id"].Value, m => m.Groups["categories"].Value.Split(" or ").Select(c => c.Trim()).ToList());

        Assert.Equal(ErrorIds().OrderBy(id => id), table.Keys.OrderBy(id => id));
        Assert.All(table, row => Assert.False(string.IsNullOrWhiteSpace(row.Value.Advice), row.Key + " has no advice in ErrorTable.cs"));
        var different = table.Where(row => !documented.TryGetValue(row.Key, out var categories) || !categories.SequenceEqual(row.Value.Categories)).Select(row => row.Key).ToList();
        Assert.True(different.Count == 0, "docs/error-ids.md gives other categories than ErrorTable.cs for: " + string.Join(", ", different));
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

    /// <summary>The rows of CodeSigningCerts.ErrorTable, read from the loaded module: id → (categories, advice).</summary>
    private Dictionary<string, (List<string> Categories, string Advice)> ErrorTable()
    {
        var assembly = _session.Cmdlet("New-EnterpriseCodeSigningCertificate").ImplementingType.Assembly;
        var type = assembly.GetType("CodeSigningCerts.ErrorTable", throwOnError: true)!;
        var entries = (System.Collections.IEnumerable)type.GetProperty("Entries", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var rows = new Dictionary<string, (List<string>, string)>();
        foreach (var pair in entries)
        {
            var entry = pair.GetType().GetProperty("Value")!.GetValue(pair)!;
            var categories = ((Array)entry.GetType().GetProperty("Categories")!.GetValue(entry)!).Cast<object>().Select(c => c.ToString()!).ToList();
            rows.Add((string)entry.GetType().GetProperty("Id")!.GetValue(entry)!, (categories, (string)entry.GetType().GetProperty("Advice")!.GetValue(entry)!));
        }

        return rows;
    }

    // | SomeId | Category or Category | ...: the id and the category cell of a table row.
    [GeneratedRegex(@"^\|\s*(?<id>[A-Za-z][A-Za-z0-9]*)\s*\|\s*(?<categories>[A-Za-z ]+?)\s*\|", RegexOptions.Multiline)]
    private static partial Regex DocumentedCategory();

    // | SomeId | Category | ... : the first cell of a table row, when it is a single identifier.
    [GeneratedRegex(@"^\|\s*(?<id>[A-Za-z][A-Za-z0-9]*)\s*\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
