namespace CodeSigningCerts.Engine.Http
{
    /// <summary>Which failed attempts are sent again.</summary>
    internal static class RetryDecision
    {
        /// <summary>
        /// 429 and 503 say Graph did not carry the request out, so any method may repeat them. A 502 or 504 comes from a
        /// gateway that lost the service's answer, which may have carried the write out (Graph's error guidance): a GET, PATCH or
        /// DELETE repeats it (the same outcome however often it arrives), a POST does not: it is a lost answer, which the
        /// caller resolves by looking for what it may have created. A GET also repeats after a lost answer of its own
        /// (timeout, reset) or an unreadable body.
        /// </summary>
        public static bool ShouldRetry(Attempt attempt)
        {
            if (attempt.Failure is { } failure)
            {
                return !attempt.Request.IsWrite && failure.Failure is GraphFailure.Network or GraphFailure.Timeout or GraphFailure.MalformedResponse;
            }

            var status = attempt.Answer!.StatusCode;
            return status is 429 or 503 || (status is 502 or 504 && !AnswerMayBeLost(status, attempt.Request));
        }

        /// <summary>A gateway's 502 or 504 to a POST: the service may have created the entry before its answer was lost.</summary>
        public static bool AnswerMayBeLost(int status, GraphRequest request) => status is 502 or 504 && !request.IsIdempotent;
    }
}
