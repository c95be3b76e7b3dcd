using System;
using System.Collections.Generic;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>Walks a Graph collection: every entity of every page, following @odata.nextLink until Graph sends none.</summary>
    internal static class GraphPaging
    {
        /// <param name="firstPath">The collection path (with any query).</param>
        /// <param name="fetchPage">Gets one page's JSON by path or nextLink; null ends the walk.</param>
        /// <param name="onPage">Called before each page is fetched, with the count of entities so far.</param>
        public static IEnumerable<IReadOnlyDictionary<string, object?>> Entities(
            string firstPath,
            Func<string, IReadOnlyDictionary<string, object?>?> fetchPage,
            Action<int>? onPage = null)
        {
            string? next = firstPath;
            var count = 0;
            while (next is not null)
            {
                onPage?.Invoke(count);
                var page = fetchPage(next);
                if (page is null)
                {
                    yield break;
                }

                if (page.TryGetValue("value", out var value) && value is IEnumerable<object?> items)
                {
                    foreach (var item in items)
                    {
                        if (item is IReadOnlyDictionary<string, object?> entity)
                        {
                            count++;
                            yield return entity;
                        }
                    }
                }

                next = page.TryGetValue("@odata.nextLink", out var link) ? link as string : null;
            }
        }
    }
}
