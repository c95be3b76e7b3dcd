using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace CodeSigningCerts
{
    /// <summary>
    /// One row of <see cref="ErrorTable"/>: an error id, the categories it is written with, what to do about it, and the
    /// advice for the cases of it that need other words (<see cref="AdviceCase"/>).
    /// </summary>
    internal sealed class ErrorEntry
    {
        private readonly Dictionary<AdviceCase, string> _cases = new Dictionary<AdviceCase, string>();

        public ErrorEntry(string id, string advice, params ErrorCategory[] categories)
        {
            (Id, Advice, Categories) = (id, advice, categories);
        }

        public string Id { get; }

        /// <summary>What the user should do: ErrorDetails.RecommendedAction.</summary>
        public string Advice { get; }

        /// <summary>The categories the id is written with; most have one.</summary>
        public ErrorCategory[] Categories { get; }

        /// <summary>This entry, with <paramref name="advice"/> for <paramref name="situation"/>.</summary>
        public ErrorEntry When(AdviceCase situation, string advice)
        {
            _cases.Add(situation, advice);
            return this;
        }

        /// <summary>The advice for <paramref name="situation"/>: a case this entry does not have is a mistake in the caller.</summary>
        public string AdviceFor(AdviceCase situation) =>
            situation == AdviceCase.Usual ? Advice
            : _cases.TryGetValue(situation, out var advice) ? advice
            : throw new ArgumentException("The error table has no advice for " + Id + " in case " + situation + ".", nameof(situation));
    }
}
