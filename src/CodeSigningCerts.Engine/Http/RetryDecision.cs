using System.Globalization;
using System.Net.Http;
using Polly;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>Which failed attempts are sent again, and how a retry is described to -Verbose.</summary>
    internal static class RetryDecision
    {
        /// <summary>
        /// 429, 503 and 504 say Graph did not carry the request out (the Graph SDKs' retry rule), so any method
        /// may repeat them. A GET changes nothing, so it also repeats after a lost answer (timeout, reset), an
        /// unreadable body or a gateway's 502; a write must not: it may have been carried out.
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
            return status is 429 or 503 or 504 || (status == 502 && call.IsSafeToRepeat);
        }

        /// <summary>What went wrong, for the retry's verbose line.</summary>
        public static string Reason(Outcome<HttpResponseMessage> outcome) =>
            outcome.Result is { } response
                ? string.Format(CultureInfo.InvariantCulture, "{0} {1}", (int)response.StatusCode, response.ReasonPhrase)
                : outcome.Exception?.Message ?? "failed";
    }
}
