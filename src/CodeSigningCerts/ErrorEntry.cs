using System.Management.Automation;

namespace CodeSigningCerts
{
    /// <summary>One row of <see cref="ErrorTable"/>: an error id, the categories it is written with, and what to do about it.</summary>
    internal sealed class ErrorEntry
    {
        public ErrorEntry(string id, string advice, params ErrorCategory[] categories)
        {
            (Id, Advice, Categories) = (id, advice, categories);
        }

        public string Id { get; }

        /// <summary>What the user should do: ErrorDetails.RecommendedAction.</summary>
        public string Advice { get; }

        /// <summary>The categories the id is written with; most have one.</summary>
        public ErrorCategory[] Categories { get; }
    }
}
