using System;
using System.Collections.Generic;
using System.Globalization;
using CodeSigningCerts.Engine.Json;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// Turns a Graph error answer ({"error":{"code","message","innerError":{...}}}) into a <see cref="GraphException"/>;
    /// Intune's JSON inside the message is shown as the sentence it holds.
    /// </summary>
    internal static class ODataError
    {
        public static GraphException ToException(Attempt attempt, string token)
        {
            var requestId = attempt.RequestId;
            var failure = GraphFailure.HttpError;
            string? code = null;
            string? message = null;
            if (!string.IsNullOrWhiteSpace(attempt.Text))
            {
                try
                {
                    var parsed = CertificateJson.ParseObject(attempt.Text);
                    if (parsed.TryGetValue("error", out var errorValue) && errorValue is IReadOnlyDictionary<string, object?> error)
                    {
                        code = error.TryGetValue("code", out var c) ? c as string : null;
                        message = error.TryGetValue("message", out var m) && m is string raw ? IntuneMessage.Readable(raw) : null;
                        if (requestId is null && error.TryGetValue("innerError", out var inner) && inner is IReadOnlyDictionary<string, object?> innerError)
                        {
                            requestId = innerError.TryGetValue("request-id", out var r) ? r as string : null;
                        }
                    }
                }
                catch (FormatException)
                {
                    // Not JSON (an HTML page from a proxy, say): say so instead of quoting it.
                    failure = GraphFailure.MalformedResponse;
                    message = "the answer was not a Graph error but " + (attempt.MediaType ?? "no content type") + ", perhaps from a proxy between here and Graph.";
                }
            }

            var text = string.Format(
                CultureInfo.InvariantCulture,
                "{0} failed: {1}{2}{3}{4}",
                attempt.Request.Description,
                attempt.Status,
                code is null ? string.Empty : " (" + code + ")",
                message is null ? "." : ": " + message,
                attempt.Number > 1 ? string.Format(CultureInfo.InvariantCulture, " Gave up after {0} attempts.", attempt.Number) : string.Empty);
            // The code, message and reason phrase are the server's words, and may quote the request back: never the token.
            var lost = RetryPolicy.AnswerMayBeLost(attempt);
            return new GraphException(failure, TokenRedaction.Redact(text, token)!, attempt.StatusCode, TokenRedaction.Redact(code, token), requestId, attempt.ClientRequestId, outcomeUnknown: lost);
        }
    }
}
