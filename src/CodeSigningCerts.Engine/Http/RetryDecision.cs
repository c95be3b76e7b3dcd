using System.Globalization;
using System.Net.Http;
using Polly;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>Which failed attempts are sent again, and how a retry is described to -Verbose.</summary>
    internal static class RetryDecision
    {
        /// <summary>
        /// 429 and 503 say Graph did not carry the request out, so any method may repeat them. A 502 or 504 comes from a
        /// gateway that lost the service's answer, which may have carried the write out (Graph's error guidance): a GET, PATCH or
        /// DELETE repeats it (the same outcome however often it arrives), a POST does not: it is a lost answer, which the
        /// caller resolves by looking for what it may have created. A GET also repeats after a lost answer of its own
        /// (timeout, reset) or an unreadable body.
        /// </summary>
        public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, GraphCall call)
        {
            if (outcome.Exception is GraphException failure)
            {
                return call.IsSafeToRepeat && failure.Failure is GraphFailure.Network or GraphFailure.Timeout or GraphFailure.MalformedResponse;
            }

            if (outcome.Result is not { } response)
            {
                return false;
            }

            var status = (int)response.StatusCode;
            return status is 429 or 503 || (status is 502 or 504 && !AnswerMayBeLost(status, call));
        }

        /// <summary>A gateway's 502 or 504 to a POST: the service may have created the entry before its answer was lost.</summary>
        public static bool AnswerMayBeLost(int status, GraphCall call) => status is 502 or 504 && !call.IsIdempotent;

        /// <summary>What went wrong, for the retry's verbose line.</summary>
        public static string Reason(Outcome<HttpResponseMessage> outcome) =>
            outcome.Result is { } response
                ? string.Format(CultureInfo.InvariantCulture, "{0} {1}", (int)response.StatusCode, response.ReasonPhrase)
                : outcome.Exception?.Message ?? "failed";
    }
}
