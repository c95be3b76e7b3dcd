using System;
using System.Management.Automation;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// Every ErrorRecord this module writes is made here, so each says what to do about it: the advice goes in
    /// ErrorDetails.RecommendedAction, which PowerShell shows with the error, beside a stable id, a category and the
    /// input as target.
    /// </summary>
    internal static class ActionableError
    {
        /// <summary>An ErrorRecord with <paramref name="recommendedAction"/>; its message is the exception's unless <paramref name="message"/> says more.</summary>
        public static ErrorRecord Create(Exception exception, string errorId, ErrorCategory category, object? target, string recommendedAction, string? message = null) =>
            new ErrorRecord(exception, errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(message ?? exception.Message) { RecommendedAction = recommendedAction },
            };
    }
}
