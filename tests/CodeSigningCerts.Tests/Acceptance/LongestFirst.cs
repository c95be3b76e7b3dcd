using Xunit.Abstractions;

[assembly: Xunit.TestCollectionOrderer("CodeSigningCerts.Tests.Acceptance.LongestFirst", "CodeSigningCerts.Tests")]

namespace CodeSigningCerts.Tests.Acceptance;

/// <summary>
/// Starts the Pester suite's collection first: it is the longest test of the run by far, and started last it would run
/// alone at the end while the other collections, done, leave a core idle.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName.Contains(PesterSuiteCollection.Name, StringComparison.Ordinal) ? 0 : 1).ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
