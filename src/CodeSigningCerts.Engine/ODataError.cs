using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using CodeSigningCerts.Engine.Http;

namespace CodeSigningCerts.Engine
{
    /// <summary>
    /// Turns a Graph error answer ({"error":{"code","message","innerError":{...}}}) into a <see cref="GraphException"/>;
    /// Intune's JSON inside the message is shown as the sentence it holds.
    /// </summary>
    internal static class ODataError
    {
        public static GraphException ToException(GraphCall call, HttpResponseMessage response, string? requestId)
        {
            var status = (int)response.StatusCode;
            var body = call.ResponseText;
            var failure = GraphFailure.HttpError;
            string? code = null;
            string? message = null;
            if (!string.IsNullOrWhiteSpace(body))
            {
                try
                {
                    var parsed = JsonBody.ParseObject(body);
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
                    var mediaType = response.Content?.Headers.ContentType?.MediaType ?? "no content type";
                    message = "the answer was not a Graph error but " + mediaType + ", perhaps from a proxy between here and Graph.";
                }
            }

            var text = string.Format(
                CultureInfo.InvariantCulture,
                "{0} failed: {1} {2}{3}{4}{5}",
                call.Description,
                status,
                response.ReasonPhrase,
                code is null ? string.Empty : " (" + code + ")",
                message is null ? "." : ": " + message,
                call.Attempts > 1 ? string.Format(CultureInfo.InvariantCulture, " Gave up after {0} attempts.", call.Attempts) : string.Empty);
            // The code, message and reason phrase are the server's words, and may quote the request back: never the token.
            var lost = RetryDecision.AnswerMayBeLost(status, call);
            return new GraphException(failure, TokenRedaction.Redact(text, call.Token.Token)!, status, TokenRedaction.Redact(code, call.Token.Token), requestId, call.ClientRequestId, outcomeUnknown: lost);
        }
    }
}
