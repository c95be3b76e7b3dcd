using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;

namespace CodeSigningCerts.Engine
{
    /// <summary>Turns a Graph error answer ({"error":{"code","message","innerError":{...}}}) into a <see cref="GraphException"/>.</summary>
    internal static class ODataError
    {
        public static GraphException ToException(string method, Uri uri, HttpResponseMessage response, string body, string? requestId, string clientRequestId)
        {
            var status = (int)response.StatusCode;
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
                        message = error.TryGetValue("message", out var m) ? m as string : null;
                        if (requestId is null && error.TryGetValue("innerError", out var inner) && inner is IReadOnlyDictionary<string, object?> innerError)
                        {
                            requestId = innerError.TryGetValue("request-id", out var r) ? r as string : null;
                        }
                    }
                }
                catch (FormatException)
                {
                    // Not JSON (an HTML page from a proxy, say): say so instead of quoting it.
                    var mediaType = response.Content?.Headers.ContentType?.MediaType ?? "no content type";
                    message = "The answer was not a Graph error (" + mediaType + "), perhaps from a proxy between here and Graph.";
                }
            }

            var text = string.Format(
                CultureInfo.InvariantCulture,
                "{0} {1} failed: {2} {3}{4}{5}",
                method,
                uri.AbsolutePath,
                status,
                response.ReasonPhrase,
                code is null ? string.Empty : " (" + code + ")",
                message is null ? "." : ": " + message);
            return new GraphException(GraphFailure.HttpError, text, status, code, requestId, clientRequestId);
        }
    }
}
