using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using GraphEmulator;
using GraphEmulator.Faults;
using GraphEmulator.Graph;
using Xunit;

namespace CodeSigningCerts.Tests.Emulator;

/// <summary>
/// The emulator, over plain HTTP: each test checks what a Graph client would observe, since the module's
/// own tests are only as good as the emulator is faithful.
/// </summary>
public sealed class GraphEmulatorTests : IAsyncLifetime
{
    private const string Collection = "beta/deviceAppManagement/enterpriseCodeSigningCertificates";

    // Key generation is the slow part of a certificate: make a few once for the whole class.
    private static readonly Lazy<X509Certificate2[]> Certificates = new(() =>
        [CreateCertificate("Contoso Signing A"), CreateCertificate("Contoso Signing B"), CreateCertificate("Fabrikam Signing C")]);

    private GraphEmulatorServer server = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        server = await GraphEmulatorServer.StartAsync();
        client = NewClient(server.BaseUri, server.AccessToken);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task RequestsWithoutAnAcceptedToken_Get401InvalidAuthenticationToken_AndChangeNothing()
    {
        using var anonymous = NewClient(server.BaseUri, token: null);
        using var wrong = NewClient(server.BaseUri, "not-the-token");

        using var none = await anonymous.GetAsync(new Uri(Collection, UriKind.Relative));
        using var refused = await wrong.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(CreateBody(Certificates.Value[0])));

        foreach (var response in new[] { none, refused })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var error = await ReadErrorAsync(response);
            Assert.Equal("InvalidAuthenticationToken", error.Code);
        }

        Assert.Equal(0, server.Certificates.Count);
        Assert.All(server.Requests.All, r => Assert.Equal(401, r.ResponseStatus));
    }

    [Fact]
    public async Task EveryResponse_CarriesAFreshRequestId_TheEchoedClientRequestId_AndADate()
    {
        var clientRequestId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Collection}/no-such-id");
        request.Headers.Add("client-request-id", clientRequestId);

        using var first = await client.SendAsync(request);
        using var second = await client.GetAsync(new Uri(Collection, UriKind.Relative));

        Assert.Equal(clientRequestId, Header(first, "client-request-id"));
        Assert.True(Guid.TryParse(Header(second, "client-request-id"), out _), "a client-request-id is made up when the client sent none");
        Assert.True(Guid.TryParse(Header(first, "request-id"), out _));
        Assert.NotEqual(Header(first, "request-id"), Header(second, "request-id"));
        Assert.NotNull(first.Headers.Date);

        // The error body names the same ids as the headers, as Graph's does.
        var error = await ReadErrorAsync(first);
        Assert.Equal(Header(first, "request-id"), error.RequestId);
        Assert.Equal(clientRequestId, error.ClientRequestId);
        Assert.False(string.IsNullOrEmpty(error.Date));
    }

    [Fact]
    public async Task Create_Answers201WithTheEntity_WhichGetReturnsOnBetaAndV1()
    {
        var certificate = Certificates.Value[0];
        var body = CreateBody(certificate, uploaded: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        using var created = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var entity = await ReadJsonAsync(created);
        var root = entity.RootElement;
        var id = root.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.EndsWith("/beta/$metadata#deviceAppManagement/enterpriseCodeSigningCertificates/$entity", root.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        Assert.Equal(Convert.ToBase64String(certificate.RawData), root.GetProperty("content").GetString());
        Assert.Equal("notProvisioned", root.GetProperty("status").GetString());
        Assert.Equal(certificate.Subject, root.GetProperty("subject").GetString());
        Assert.Equal(certificate.GetNameInfo(X509NameType.SimpleName, false), root.GetProperty("subjectName").GetString());
        Assert.Equal("2026-01-02T03:04:05.0000000Z", root.GetProperty("uploadDateTime").GetString());
        Assert.Equal(new Uri(server.BaseUri, $"{Collection}/{id}"), created.Headers.Location);

        var stored = Assert.Single(server.Certificates.All);
        Assert.Equal(id, stored.Id);
        Assert.Equal(certificate.RawData, stored.Content);
        Assert.Equal(body, stored.RawJson);

        using var fetched = await client.GetAsync(new Uri($"beta/deviceAppManagement/enterpriseCodeSigningCertificates/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        using var json = await ReadJsonAsync(fetched);
        Assert.Equal(certificate.Subject, json.RootElement.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Create_RefusesWhatGraphRefuses_With400BadRequest_AndStoresNothing()
    {
        var certificate = Certificates.Value[0];
        var der = Convert.ToBase64String(certificate.RawData);
        using var withKey = CreateCertificateWithKey("Has A Key");
        var pfx = Convert.ToBase64String(withKey.Export(X509ContentType.Pkcs12));
        var pem = Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
        var bodies = new[]
        {
            "{not json",
            "[]",
            """{"status":"notProvisioned"}""",
            """{"content":null}""",
            """{"content":"not base64!"}""",
            $$"""{"content":"{{Convert.ToBase64String(Encoding.ASCII.GetBytes("hello, not a certificate"))}}"}""",
            $$"""{"content":"{{pfx}}"}""",
            $$"""{"content":"{{pem}}"}""",
            $$"""{"content":"{{Convert.ToBase64String([.. certificate.RawData, 0])}}"}""",
            $$"""{"Content":"{{der}}"}""",
            $$"""{"content":"{{der}}","futureProperty":1}""",
            $$"""{"content":"{{der}}","status":"Provisioned"}""",
            $$"""{"content":"{{der}}","expirationDateTime":"2030-01-01T00:00:00"}""",
            $$"""{"content":"{{der}}","uploadDateTime":null}""",
            $$"""{"content":"{{der}}","subject":42}""",
            $$"""{"content":"{{der}}","@odata.type":"#microsoft.graph.somethingElse"}""",
        };

        foreach (var body in bodies)
        {
            using var response = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400 for {body[..Math.Min(body.Length, 60)]}, got {(int)response.StatusCode}");
            Assert.Equal("BadRequest", (await ReadErrorAsync(response)).Code);
        }

        using var plainText = await client.PostAsync(new Uri(Collection, UriKind.Relative), new StringContent(CreateBody(certificate), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainText.StatusCode);
        Assert.Equal(0, server.Certificates.Count);
    }

    [Fact]
    public async Task AbsentEntity_Is404ResourceNotFound_ForGetPatchAndDelete()
    {
        var missing = $"{Collection}/{Guid.NewGuid()}";
        using var get = await client.GetAsync(new Uri(missing, UriKind.Relative));
        using var patch = await client.PatchAsync(new Uri(missing, UriKind.Relative), JsonContent("""{"status":"provisioned"}"""));
        using var delete = await client.DeleteAsync(new Uri(missing, UriKind.Relative));

        foreach (var response in new[] { get, patch, delete })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("ResourceNotFound", (await ReadErrorAsync(response)).Code);
        }
    }

    [Fact]
    public async Task UnknownPathsAndMethods_AreODataErrors()
    {
        using var version = await client.GetAsync(new Uri("v2.0/deviceAppManagement/enterpriseCodeSigningCertificates", UriKind.Relative));
        using var segment = await client.GetAsync(new Uri("beta/deviceAppManagement/somethingElse", UriKind.Relative));
        using var put = await client.PutAsync(new Uri($"{Collection}/x", UriKind.Relative), JsonContent("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, version.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, segment.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal("BadRequest", (await ReadErrorAsync(segment)).Code);
    }

    [Fact]
    public async Task List_PagesByAbsoluteNextLink_UntilEveryEntityIsSeen()
    {
        server.Options.PageSize = 2;
        var seeded = Enumerable.Range(0, 5).Select(i => server.Certificates.Add(Certificates.Value[i % 3]).Id).ToList();

        var seen = new List<string>();
        var pageSizes = new List<int>();
        Uri? next = new(server.BaseUri, Collection);
        while (next is not null)
        {
            Assert.Equal(server.BaseUri.Authority, next.Authority);
            using var page = await client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var json = await ReadJsonAsync(page);
            var values = json.RootElement.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("id").GetString()!).ToList();
            seen.AddRange(values);
            pageSizes.Add(values.Count);
            next = json.RootElement.TryGetProperty("@odata.nextLink", out var link) ? new Uri(link.GetString()!) : null;
        }

        Assert.Equal(seeded, seen);
        Assert.Equal([2, 2, 1], pageSizes);

        // A smaller $top sets the page size and is carried into the nextLink.
        server.Options.PageSize = 100;
        using var top = await client.GetAsync(new Uri($"{Collection}?$top=3", UriKind.Relative));
        using var topJson = await ReadJsonAsync(top);
        Assert.Equal(3, topJson.RootElement.GetProperty("value").GetArrayLength());
        Assert.Contains("$top=3", topJson.RootElement.GetProperty("@odata.nextLink").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_HonoursFilterSelectAndOrderBy_AndRefusesWhatItCannotDo()
    {
        var a = server.Certificates.Add(Certificates.Value[0]);
        var b = server.Certificates.Add(Certificates.Value[1], status: "provisioned");

        using var filtered = await ReadJsonAsync(await client.GetAsync(new Uri($"{Collection}?$filter=status eq 'provisioned'", UriKind.Relative)));
        var only = Assert.Single(filtered.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(b.Id, only.GetProperty("id").GetString());

        using var selected = await ReadJsonAsync(await client.GetAsync(new Uri($"{Collection}?$select=subjectName&$orderby=subjectName desc", UriKind.Relative)));
        var names = selected.RootElement.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("subjectName").GetString()).ToList();
        Assert.Equal([b.SubjectName, a.SubjectName], names);
        Assert.False(selected.RootElement.GetProperty("value")[0].TryGetProperty("content", out _));

        using var expand = await client.GetAsync(new Uri($"{Collection}?$expand=foo", UriKind.Relative));
        using var badFilter = await client.GetAsync(new Uri($"{Collection}?$filter=startswith(subject,'CN')", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, expand.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
    }

    [Fact]
    public async Task Patch_Merges_AndAnswers200WithTheEntity_Or204WhenConfigured()
    {
        var seeded = server.Certificates.Add(Certificates.Value[0]);
        var item = new Uri($"{Collection}/{seeded.Id}", UriKind.Relative);

        using var withContent = await client.PatchAsync(item, JsonContent("""{"status":"provisioned"}"""));
        Assert.Equal(HttpStatusCode.OK, withContent.StatusCode);
        using (var json = await ReadJsonAsync(withContent))
        {
            Assert.Equal("provisioned", json.RootElement.GetProperty("status").GetString());
            Assert.Equal(seeded.Subject, json.RootElement.GetProperty("subject").GetString());
        }

        server.Options.PatchReturnsContent = false;
        using var noContent = await client.PatchAsync(item, JsonContent("""{"subjectName":"Renamed"}"""));
        Assert.Equal(HttpStatusCode.NoContent, noContent.StatusCode);
        Assert.Empty(await noContent.Content.ReadAsByteArrayAsync());

        var stored = server.Certificates.Find(seeded.Id)!;
        Assert.Equal("provisioned", stored.Status);
        Assert.Equal("Renamed", stored.SubjectName);
        Assert.Equal(seeded.Content, stored.Content);
        Assert.Equal("""{"subjectName":"Renamed"}""", stored.RawJson);
    }

    [Fact]
    public async Task Delete_Answers204_AndTheEntityIsGone()
    {
        var seeded = server.Certificates.Add(Certificates.Value[0]);
        var item = new Uri($"{Collection}/{seeded.Id}", UriKind.Relative);

        using var deleted = await client.DeleteAsync(item);
        using var again = await client.GetAsync(item);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(0, server.Certificates.Count);
    }

    [Fact]
    public async Task UnknownProperties_AndNullContent_AppearWhenSwitchedOn()
    {
        var seeded = server.Certificates.Add(Certificates.Value[0]);
        server.Options.IncludeUnknownProperties = true;
        server.Options.NullContentInResponses = true;

        using var json = await ReadJsonAsync(await client.GetAsync(new Uri($"{Collection}/{seeded.Id}", UriKind.Relative)));
        var root = json.RootElement;

        Assert.Equal("#microsoft.graph.enterpriseCodeSigningCertificate", root.GetProperty("@odata.type").GetString());
        Assert.StartsWith("W/\"", root.GetProperty("@odata.etag").GetString(), StringComparison.Ordinal);
        Assert.Equal("futureValue", root.GetProperty("revocationState").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("futureProperty").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("content").ValueKind);
        Assert.NotNull(server.Certificates.Find(seeded.Id)!.Content);
    }

    [Fact]
    public async Task WriteLimit_Answers429WithRetryAfter_ThenFreesTheSlot()
    {
        server.Options.EnforceLimits = true;
        server.Options.RetryAfterStyle = RetryAfterStyle.WholeSecondsUp;
        server.Options.WriteLimit = 3;
        server.Options.WriteWindow = TimeSpan.FromSeconds(1);
        var body = CreateBody(Certificates.Value[0]);

        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        using var throttled = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));
        using var read = await client.GetAsync(new Uri(Collection, UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("TooManyRequests", (await ReadErrorAsync(throttled)).Code);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(3, server.Certificates.Count);

        // A little over the wait: a timer may fire a tick early, and this test is about the emulator, not timing.
        await Task.Delay(throttled.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(100));
        using var afterWait = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));
        Assert.Equal(HttpStatusCode.Created, afterWait.StatusCode);
        Assert.Single(server.Requests.All, r => r.ResponseStatus == 429);
        Assert.All(server.Requests.ThrottleGaps(), g => Assert.False(g.IsEarly));
    }

    [Fact]
    public async Task Fault_TooManyRequests_InItsThreeRetryAfterForms()
    {
        server.Faults.Enqueue(Fault.TooManyRequests(2));
        server.Faults.Enqueue(Fault.TooManyRequestsHttpDate(1));
        server.Faults.Enqueue(FaultKind.TooManyRequestsNoRetryAfter);

        using var seconds = await client.GetAsync(new Uri(Collection, UriKind.Relative));
        using var date = await client.GetAsync(new Uri(Collection, UriKind.Relative));
        using var none = await client.GetAsync(new Uri(Collection, UriKind.Relative));
        using var normal = await client.GetAsync(new Uri(Collection, UriKind.Relative));

        Assert.All(new[] { seconds, date, none }, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Equal(TimeSpan.FromSeconds(2), seconds.Headers.RetryAfter?.Delta);
        Assert.NotNull(date.Headers.RetryAfter?.Date);
        Assert.True(date.Headers.RetryAfter!.Date > DateTimeOffset.UtcNow.AddSeconds(-1));
        Assert.Null(none.Headers.RetryAfter);
        Assert.Equal("TooManyRequests", (await ReadErrorAsync(none)).Code);
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);
        Assert.Equal(
            ["TooManyRequests", "TooManyRequestsHttpDate", "TooManyRequestsNoRetryAfter", null],
            server.Requests.All.Select(r => r.FaultApplied));
    }

    [Fact]
    public async Task Only_beta_has_the_entity_set_as_on_the_service()
    {
        using var v1 = await client.GetAsync(new Uri("v1.0/deviceAppManagement/enterpriseCodeSigningCertificates", UriKind.Relative));
        using var beta = await client.GetAsync(new Uri(Collection, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, v1.StatusCode);
        Assert.Contains("enterpriseCodeSigningCertificates", await v1.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, beta.StatusCode);
    }

    [Fact]
    public async Task Gateway_faults_store_the_write_then_answer_504_or_502()
    {
        server.Faults.Enqueue(FaultKind.GatewayTimeout);
        server.Faults.Enqueue(FaultKind.BadGateway);
        var body = CreateBody(Certificates.Value[0]);

        using var timeout = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));
        using var bad = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));

        Assert.Equal(HttpStatusCode.GatewayTimeout, timeout.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, bad.StatusCode);
        Assert.Equal(2, server.Certificates.Count);
    }

    [Fact]
    public async Task Limits_are_per_app_and_tenant_with_a_tenant_wide_one_and_a_decimal_Retry_After()
    {
        server.Options.WriteLimit = 2;
        server.Options.TenantWriteLimit = 3;
        server.Options.WriteWindow = TimeSpan.FromSeconds(5);
        server.Options.ExtraAcceptedTokens.Add("same-app");
        server.Options.ExtraAcceptedTokens.Add("other-app");
        server.Options.TokenApps["other-app"] = "another application";
        var body = CreateBody(Certificates.Value[0]);
        using var sameApp = NewClient(server.BaseUri, "same-app");
        using var otherApp = NewClient(server.BaseUri, "other-app");

        using var first = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));
        using var second = await sameApp.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));
        using var sameAppOver = await sameApp.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));
        using var otherAppFirst = await otherApp.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));
        using var tenantOver = await otherApp.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameAppOver.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherAppFirst.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, tenantOver.StatusCode);
        Assert.Contains("for this tenant", await tenantOver.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d{1,3}$", Header(sameAppOver, "Retry-After"));
        Assert.Equal(3, server.Certificates.Count);
    }

    [Fact]
    public async Task Reads_return_content_null_and_listings_lag_behind_a_create()
    {
        server.Options.ListingLag = TimeSpan.FromSeconds(2);
        using var created = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(CreateBody(Certificates.Value[0])));
        using var createdJson = await ReadJsonAsync(created);
        var id = createdJson.RootElement.GetProperty("id").GetString();

        using var listedAtOnce = await ReadJsonAsync(await client.GetAsync(new Uri(Collection, UriKind.Relative)));
        using var fetched = await ReadJsonAsync(await client.GetAsync(new Uri($"{Collection}/{id}", UriKind.Relative)));
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        using var listedLater = await ReadJsonAsync(await client.GetAsync(new Uri(Collection, UriKind.Relative)));

        Assert.Equal(0, listedAtOnce.RootElement.GetProperty("value").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, fetched.RootElement.GetProperty("content").ValueKind);
        var entry = Assert.Single(listedLater.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("content").ValueKind);
    }

    [Fact]
    public async Task Fault_ServiceUnavailableAndGatewayTimeout_AreNotProcessed()
    {
        server.Faults.Enqueue(Fault.ServiceUnavailable(retryAfterSeconds: 1));
        server.Faults.Enqueue(Fault.GatewayTimeout(afterProcessing: false));
        var body = CreateBody(Certificates.Value[0]);

        using var unavailable = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));
        using var timeout = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), unavailable.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.GatewayTimeout, timeout.StatusCode);
        Assert.NotNull(Header(timeout, "request-id"));
        Assert.Equal(0, server.Certificates.Count);
    }

    [Fact]
    public async Task Fault_ResetBeforeProcessing_AbortsTheConnection_AndStoresNothing()
    {
        server.Faults.Enqueue(FaultKind.ResetBeforeProcessing);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(CreateBody(Certificates.Value[0]))));

        Assert.Equal(0, server.Certificates.Count);
        var logged = Assert.Single(server.Requests.All);
        Assert.Equal("ResetBeforeProcessing", logged.FaultApplied);
        Assert.True(logged.Aborted);
        Assert.Equal(0, logged.ResponseStatus);
    }

    [Fact]
    public async Task Fault_ResetAfterProcessing_CreatesTheEntity_ThenAbortsTheConnection()
    {
        server.Faults.Enqueue(FaultKind.ResetAfterProcessing, "POST");

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(CreateBody(Certificates.Value[0]))));

        Assert.Equal(1, server.Certificates.Count);
        Assert.Equal("ResetAfterProcessing", Assert.Single(server.Requests.All).FaultApplied);
    }

    [Fact]
    public async Task Fault_SlowResponse_DelaysTheAnswer()
    {
        server.Faults.Enqueue(Fault.SlowResponse(300));

        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(Collection, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {watch.Elapsed}");
    }

    [Fact]
    public async Task Fault_SlowResponse_AClientThatGivesUpLeavesTheStoreAsItWas()
    {
        server.Faults.Enqueue(Fault.SlowResponse(600));
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(CreateBody(Certificates.Value[0])), giveUp.Token));
        await Task.Delay(900);

        Assert.Equal(0, server.Certificates.Count);
        Assert.Equal(0, Assert.Single(server.Requests.All).ResponseStatus);
    }

    [Fact]
    public async Task Fault_MalformedJson_SendsASuccessStatusWithACutBody_AndStoresNothing()
    {
        server.Certificates.Add(Certificates.Value[1]);
        server.Faults.Enqueue(FaultKind.MalformedJson, "POST");
        server.Faults.Enqueue(FaultKind.MalformedJson, "GET");

        using var created = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(CreateBody(Certificates.Value[0])));
        using var listed = await client.GetAsync(new Uri(Collection, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        foreach (var response in new[] { created, listed })
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text).Dispose());
        }

        Assert.Equal(1, server.Certificates.Count);
    }

    [Fact]
    public async Task Fault_HtmlBody_IsA502ProxyPage_WithoutGraphHeaders()
    {
        server.Faults.Enqueue(FaultKind.HtmlBody);

        using var response = await client.GetAsync(new Uri(Collection, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("request-id"));
    }

    [Fact]
    public async Task Fault_ForeignNextLink_PointsAtTheForeignHost_WhichRecordsWhatArrives()
    {
        await using var foreign = await GraphEmulatorServer.StartForeignHostAsync();
        server.Faults.ForeignHost = foreign.BaseUri;
        server.Certificates.Add(Certificates.Value[0]);
        server.Faults.Enqueue(FaultKind.ForeignNextLink);

        // The fault waits for a list request: a GET of one entity and a POST pass it by.
        using var single = await client.GetAsync(new Uri($"{Collection}/{server.Certificates.All[0].Id}", UriKind.Relative));
        using var list = await client.GetAsync(new Uri(Collection, UriKind.Relative));
        using var json = await ReadJsonAsync(list);
        var nextLink = new Uri(json.RootElement.GetProperty("@odata.nextLink").GetString()!);

        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal(foreign.BaseUri.Authority, nextLink.Authority);
        Assert.Single(json.RootElement.GetProperty("value").EnumerateArray());

        using var stranger = NewClient(foreign.BaseUri, token: null);
        using var followed = await stranger.GetAsync(nextLink);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        var arrived = Assert.Single(foreign.Requests.All);
        Assert.Null(arrived.Authorization);
        Assert.Equal(nextLink.PathAndQuery, arrived.Path);
        Assert.Equal([null, "ForeignNextLink"], server.Requests.All.Select(r => r.FaultApplied));
    }

    [Fact]
    public async Task Fault_ForeignRedirect_Is307ToTheSamePathOnTheForeignHost_AndProcessesNothing()
    {
        await using var foreign = await GraphEmulatorServer.StartForeignHostAsync();
        server.Faults.ForeignHost = foreign.BaseUri;
        server.Faults.Enqueue(FaultKind.ForeignRedirect, "POST");
        using var unfollowing = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseUri };
        unfollowing.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AccessToken);

        using var body = new StringContent("{\"content\":\"\"}", System.Text.Encoding.UTF8, "application/json");
        using var redirected = await unfollowing.PostAsync(new Uri(Collection, UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        var location = redirected.Headers.Location!;
        Assert.Equal(foreign.BaseUri.Authority, location.Authority);
        Assert.Equal("/" + Collection.TrimStart('/'), location.AbsolutePath);
        Assert.Empty(server.Certificates.All);
        Assert.Empty(foreign.Requests.All);
    }

    [Fact]
    public async Task QueuedFaults_GoToTheNextRequestOfTheirMethod_InOrder()
    {
        server.Faults.Enqueue(FaultKind.ServiceUnavailable, "POST");
        server.Faults.Enqueue(FaultKind.GatewayTimeout);
        var body = CreateBody(Certificates.Value[0]);

        using var get = await client.GetAsync(new Uri(Collection, UriKind.Relative));
        using var post = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));
        using var clean = await client.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(body));

        Assert.Equal(HttpStatusCode.GatewayTimeout, get.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        Assert.Equal(HttpStatusCode.Created, clean.StatusCode);
        Assert.Equal(0, server.Faults.Pending);
    }

    [Fact]
    public async Task RandomFaults_AreTheSameForTheSameSeed()
    {
        async Task<List<string?>> RunAsync(double probability)
        {
            await using var other = await GraphEmulatorServer.StartAsync();
            using var otherClient = NewClient(other.BaseUri, other.AccessToken);
            other.Faults.UseRandom(42, probability, FaultKind.ServiceUnavailable, FaultKind.GatewayTimeout, FaultKind.TooManyRequests);
            for (var i = 0; i < 20; i++)
            {
                using var response = await otherClient.GetAsync(new Uri(Collection, UriKind.Relative));
            }

            return [.. other.Requests.All.Select(r => r.FaultApplied)];
        }

        var first = await RunAsync(0.5);
        var second = await RunAsync(0.5);
        var never = await RunAsync(0.0);

        Assert.Equal(first, second);
        Assert.Contains(first, f => f is null);
        Assert.Contains(first, f => f is not null);
        Assert.All(never, f => Assert.Null(f));
    }

    [Fact]
    public async Task ThrottleGaps_TellARetrySoonerThanRetryAfter_FromOneThatWaited()
    {
        server.Faults.Enqueue(Fault.TooManyRequests(1));
        server.Faults.Enqueue(Fault.TooManyRequests(1));

        using var throttled = await client.GetAsync(new Uri(Collection, UriKind.Relative));
        using var tooSoon = await client.GetAsync(new Uri(Collection, UriKind.Relative));
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        using var waited = await client.GetAsync(new Uri(Collection, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, waited.StatusCode);
        var gaps = server.Requests.ThrottleGaps();
        Assert.Equal(2, gaps.Count);
        Assert.True(gaps[0].IsEarly);
        Assert.False(gaps[1].IsEarly);
        Assert.True(gaps[1].Gap >= TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), gaps[1].RetryAfter);
    }

    [Fact]
    public async Task TokensOfAnotherTenant_SeeOnlyThatTenantsCertificates()
    {
        server.Options.TokenTenants["tenant-b-token"] = "tenant-b";
        server.Options.ExtraAcceptedTokens.Add("second-app-token");
        using var tenantB = NewClient(server.BaseUri, "tenant-b-token");
        using var secondApp = NewClient(server.BaseUri, "second-app-token");

        using var created = await tenantB.PostAsync(new Uri(Collection, UriKind.Relative), JsonContent(CreateBody(Certificates.Value[0])));
        using var defaultList = await ReadJsonAsync(await secondApp.GetAsync(new Uri(Collection, UriKind.Relative)));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(0, defaultList.RootElement.GetProperty("value").GetArrayLength());
        Assert.Equal(0, server.Certificates.Count);
        Assert.Equal(1, server.CertificatesForTenant("tenant-b").Count);
        Assert.Equal("tenant-b", server.Requests.All[0].TenantId);
    }

    [Fact]
    public async Task ControlSurface_ShowsTheRequestsWithTheTokenRedacted_AndResets()
    {
        server.Certificates.Add(Certificates.Value[0]);
        using var listed = await client.GetAsync(new Uri(Collection, UriKind.Relative));
        using var anonymous = NewClient(server.BaseUri, token: null);

        var log = await anonymous.GetStringAsync(new Uri("_emulator/requests", UriKind.Relative));
        using var reset = await anonymous.PostAsync(new Uri("_emulator/reset", UriKind.Relative), content: null);

        Assert.Contains("enterpriseCodeSigningCertificates", log, StringComparison.Ordinal);
        Assert.Contains("Bearer ***", log, StringComparison.Ordinal);
        Assert.DoesNotContain(server.AccessToken, log, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(0, server.Requests.Count);
        Assert.Equal(0, server.Certificates.Count);
    }

    private static HttpClient NewClient(Uri baseUri, string? token)
    {
        var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    private static string CreateBody(X509Certificate2 certificate, DateTimeOffset? uploaded = null) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["content"] = Convert.ToBase64String(certificate.RawData),
        ["status"] = "notProvisioned",
        ["subject"] = certificate.Subject,
        ["subjectName"] = certificate.GetNameInfo(X509NameType.SimpleName, false),
        ["issuer"] = certificate.Issuer,
        ["issuerName"] = certificate.GetNameInfo(X509NameType.SimpleName, true),
        ["expirationDateTime"] = certificate.NotAfter.ToUniversalTime().ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        ["uploadDateTime"] = (uploaded ?? DateTimeOffset.UtcNow).ToString("o", System.Globalization.CultureInfo.InvariantCulture),
    });

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    private static async Task<(string? Code, string? RequestId, string? ClientRequestId, string? Date)> ReadErrorAsync(HttpResponseMessage response)
    {
        using var json = await ReadJsonAsync(response);
        var error = json.RootElement.GetProperty("error");
        var inner = error.GetProperty("innerError");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        return (error.GetProperty("code").GetString(), inner.GetProperty("request-id").GetString(),
            inner.GetProperty("client-request-id").GetString(), inner.GetProperty("date").GetString());
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static X509Certificate2 CreateCertificate(string commonName)
    {
        using var withKey = CreateCertificateWithKey(commonName);
        return X509CertificateLoader.LoadCertificate(withKey.RawData);
    }

    private static X509Certificate2 CreateCertificateWithKey(string commonName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=Contoso", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }
}
