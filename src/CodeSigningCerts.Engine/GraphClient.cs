using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CodeSigningCerts.Engine
{
    /// <summary>
    /// Sends Graph requests for one connection: one HttpClient for the connection's life, a bearer
    /// token only to the connected host, a fresh client-request-id per request, OData errors turned
    /// into <see cref="GraphException"/>.
    /// </summary>
    public sealed class GraphClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly ITokenSource _tokens;
        private readonly GraphClientOptions _options;
        private readonly Uri _versionRoot;

        /// <summary>Creates a client for one connection.</summary>
        public GraphClient(GraphClientOptions options, ITokenSource tokens)
            : this(options, tokens, CreateHandler())
        {
        }

        internal GraphClient(GraphClientOptions options, ITokenSource tokens, HttpMessageHandler handler)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
            _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _versionRoot = new Uri(options.GraphEndpoint.GetLeftPart(UriPartial.Authority) + "/" + options.ApiVersion.Trim('/') + "/");
        }

        /// <summary>The Graph root this client talks to.</summary>
        public Uri GraphEndpoint => _options.GraphEndpoint;

        /// <summary>Sends one request; throws <see cref="GraphException"/> for anything but success.</summary>
        public async Task<GraphResponse> SendAsync(GraphRequest request, RequestLog? log, CancellationToken cancellationToken)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var uri = ResolveUri(request.Path);
            var token = await _tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
            try
            {
                return await SendOnceAsync(request, uri, token, log, cancellationToken).ConfigureAwait(false);
            }
            catch (GraphException ex) when (ex.StatusCode == 401 && _tokens.CanRefresh)
            {
                // The token was revoked or expired early: one retry with a freshly acquired token.
                log?.Verbose("Graph refused the token (401); retrying once with a renewed token.");
                token = await _tokens.GetTokenAsync(true, cancellationToken).ConfigureAwait(false);
                return await SendOnceAsync(request, uri, token, log, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Resolves a relative path against {graph}/{version}/; an absolute link must stay on the connected host.</summary>
        internal Uri ResolveUri(string path)
        {
            if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
            {
                if (Uri.Compare(absolute, _versionRoot, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
                {
                    throw new GraphException(
                        GraphFailure.ForeignHost,
                        "Graph returned a link to " + absolute.GetLeftPart(UriPartial.Authority) + ", which is not the connected Graph host " + _versionRoot.GetLeftPart(UriPartial.Authority) + "; it was not followed, and the access token was not sent there.");
                }

                return absolute;
            }

            return new Uri(_versionRoot, path.TrimStart('/'));
        }

        private async Task<GraphResponse> SendOnceAsync(GraphRequest request, Uri uri, AccessToken token, RequestLog? log, CancellationToken cancellationToken)
        {
            var clientRequestId = Guid.NewGuid().ToString();
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            message.Headers.TryAddWithoutValidation("client-request-id", clientRequestId);
            message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            string? bodyText = null;
            if (request.Body is not null)
            {
                bodyText = JsonBody.Serialize(request.Body);
                message.Content = new StringContent(bodyText, Encoding.UTF8, "application/json");
            }

            log?.Debug(RequestDebugText.Describe(message, bodyText));

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            var stopwatch = Stopwatch.StartNew();
            HttpResponseMessage response;
            string responseText;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                responseText = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new GraphException(GraphFailure.Timeout, string.Format(CultureInfo.InvariantCulture, "{0} {1} got no answer within {2:0} s.", request.Method, uri.AbsolutePath, _options.Timeout.TotalSeconds), clientRequestId: clientRequestId);
            }
            catch (HttpRequestException ex)
            {
                throw new GraphException(GraphFailure.Network, request.Method + " " + uri.AbsolutePath + " failed before Graph answered: " + InnermostMessage(ex), clientRequestId: clientRequestId, innerException: ex);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var requestId = FirstHeader(response, "request-id");
                log?.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} in {3} ms (request-id {4})", request.Method, uri.PathAndQuery, status, stopwatch.ElapsedMilliseconds, requestId ?? "none"));
                log?.Debug(RequestDebugText.Describe(response, responseText));

                if (status >= 200 && status < 300)
                {
                    return new GraphResponse(status, ParseSuccessBody(response, responseText, request, uri, requestId, clientRequestId), requestId, clientRequestId);
                }

                throw ODataError.ToException(request.Method, uri, response, responseText, requestId, clientRequestId);
            }
        }

        private static IReadOnlyDictionary<string, object?>? ParseSuccessBody(HttpResponseMessage response, string text, GraphRequest request, Uri uri, string? requestId, string clientRequestId)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            try
            {
                return JsonBody.ParseObject(text);
            }
            catch (FormatException ex)
            {
                var mediaType = response.Content?.Headers.ContentType?.MediaType ?? "no content type";
                throw new GraphException(
                    GraphFailure.MalformedResponse,
                    string.Format(CultureInfo.InvariantCulture, "{0} {1} answered {2} with a body that is not a Graph JSON object ({3}): {4}", request.Method, uri.AbsolutePath, (int)response.StatusCode, mediaType, ex.Message),
                    (int)response.StatusCode,
                    requestId: requestId,
                    clientRequestId: clientRequestId,
                    innerException: ex);
            }
        }

        internal static string? FirstHeader(HttpResponseMessage response, string name)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                {
                    return value;
                }
            }

            return null;
        }

        private static string InnermostMessage(Exception ex)
        {
            while (ex.InnerException is not null)
            {
                ex = ex.InnerException;
            }

            return ex.Message;
        }

        private static HttpMessageHandler CreateHandler() => new HttpClientHandler
        {
            // A redirect would carry the request elsewhere; Graph does not redirect these calls.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
        };

        /// <inheritdoc />
        public void Dispose() => _http.Dispose();
    }
}
