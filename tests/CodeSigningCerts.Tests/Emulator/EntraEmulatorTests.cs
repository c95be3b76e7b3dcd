using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphEmulator;
using GraphEmulator.Entra;
using Xunit;

namespace CodeSigningCerts.Tests.Emulator;

/// <summary>
/// The Entra emulator, over plain HttpClient form posts (no MSAL here: the module carries its own copy): each test
/// checks what an OAuth client would observe, and that Graph accepts exactly the tokens Entra issued, while they live.
/// </summary>
public sealed class EntraEmulatorTests : IAsyncLifetime
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string OtherTenant = "99999999-8888-7777-6666-555555555555";
    private const string AppId = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string PublicClientId = "bbbbbbbb-0000-0000-0000-000000000002";
    private const string Secret = "s3cret~value";
    private const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";
    private const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private const string Collection = "beta/deviceAppManagement/enterpriseCodeSigningCertificates";

    // RSA key generation is the slow part: one registered certificate and one impostor for the whole class.
    private static readonly Lazy<X509Certificate2> AppCertificate = new(() => CreateCertificate("CN=Contoso Automation"));
    private static readonly Lazy<X509Certificate2> OtherCertificate = new(() => CreateCertificate("CN=Contoso Automation"));

    private GraphEmulatorServer graph = null!;
    private EntraEmulatorServer entra = null!;
    private HttpClient http = null!;

    private string GraphRoot => graph.BaseUri.GetLeftPart(UriPartial.Authority);

    private string DefaultScope => GraphRoot + "/.default";

    private string DelegatedScope => $"{GraphRoot}/DeviceManagementApps.ReadWrite.All openid profile offline_access";

    public async Task InitializeAsync()
    {
        graph = await GraphEmulatorServer.StartAsync();
        entra = await EntraEmulatorServer.StartAsync(graph);
        entra.RegisterApp(Tenant, AppId, secret: Secret, certificate: AppCertificate.Value);
        entra.RegisterPublicClient(PublicClientId);

        // Certificate validation stays on: the emulator's certificate is trusted, not the check skipped.
        http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await entra.DisposeAsync();
        await graph.DisposeAsync();
    }

    [Fact]
    public async Task Authority_IsHttpsOnLoopback_WithACertificateThisProcessTrusts()
    {
        Assert.Equal("https", entra.AuthorityHost.Scheme);
        Assert.Equal("127.0.0.1", entra.AuthorityHost.Host);
        Assert.Equal("http", entra.ManagedIdentityEndpoint.Scheme);
        Assert.Equal("/msi/token", entra.ManagedIdentityEndpoint.AbsolutePath);

        using var response = await http.GetAsync(new Uri(entra.AuthorityHost, $"{Tenant}/v2.0/.well-known/openid-configuration"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await ReadJsonAsync(response);
        Assert.Equal($"{entra.AuthorityHost}{Tenant}/oauth2/v2.0/token", json.RootElement.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{entra.AuthorityHost}{Tenant}/oauth2/v2.0/devicecode", json.RootElement.GetProperty("device_authorization_endpoint").GetString());
    }

    [Fact]
    public async Task ClientSecret_IssuesAnAppOnlyToken_ThatGraphAcceptsInTheAppsTenantOnly()
    {
        graph.CertificatesForTenant(Tenant).Add(AppCertificate.Value);

        using var response = await PostTokenAsync(Tenant, ("grant_type", "client_credentials"), ("client_id", AppId), ("client_secret", Secret), ("scope", DefaultScope));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        using var json = await ReadJsonAsync(response);
        var root = json.RootElement;
        Assert.Equal("Bearer", root.GetProperty("token_type").GetString());
        Assert.Equal(DefaultScope, root.GetProperty("scope").GetString());
        Assert.Equal(3600, root.GetProperty("expires_in").GetInt32());
        Assert.Equal(3600, root.GetProperty("ext_expires_in").GetInt32());
        Assert.False(root.TryGetProperty("refresh_token", out _), "client credentials never get a refresh token");
        var token = root.GetProperty("access_token").GetString()!;

        var claims = Payload(token);
        Assert.Equal(GraphRoot, (string?)claims["aud"]);
        Assert.Equal(Tenant, (string?)claims["tid"]);
        Assert.Equal(AppId, (string?)claims["appid"]);
        Assert.Equal($"{entra.AuthorityHost}{Tenant}/", (string?)claims["iss"]);
        Assert.Equal(["DeviceManagementApps.ReadWrite.All"], claims["roles"]!.AsArray().Select(r => (string?)r));
        Assert.Null(claims["scp"]);
        Assert.True(Guid.TryParse((string?)claims["oid"], out _));
        var issuedAt = (long)claims["iat"]!;
        Assert.InRange((long)claims["exp"]! - issuedAt, 3600, 3601);
        Assert.True((long)claims["nbf"]! <= issuedAt);

        // Graph takes it, and shows the app its own tenant's certificates.
        using var listed = await GraphGetAsync(token);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        using var page = await ReadJsonAsync(listed);
        Assert.Equal(1, page.RootElement.GetProperty("value").GetArrayLength());
        Assert.Equal(Tenant, graph.Requests.All[^1].TenantId);

        var record = Assert.Single(entra.TokenRequests);
        Assert.Equal(("token", "client_credentials", AppId, Tenant, "secret", true), (record.Endpoint, record.GrantType, record.ClientId, record.TenantId, record.AuthMethod, record.Succeeded));
        Assert.Equal(DefaultScope, record.Scope);
        Assert.Equal(token, record.IssuedToken);
        Assert.Equal([token], entra.IssuedTokens);
    }

    [Fact]
    public async Task WrongSecret_UnknownClient_AndNoCredential_AreRefusedAsEntraRefusesThem()
    {
        entra.RegisterApp(OtherTenant, "cccccccc-0000-0000-0000-000000000003", secret: "other");
        var clientRequestId = Guid.NewGuid().ToString();

        using var wrongSecret = await PostTokenAsync(Tenant, clientRequestId, ("grant_type", "client_credentials"), ("client_id", AppId), ("client_secret", "not-it"), ("scope", DefaultScope));
        using var unknown = await PostTokenAsync(Tenant, ("grant_type", "client_credentials"), ("client_id", Guid.NewGuid().ToString()), ("client_secret", Secret), ("scope", DefaultScope));
        using var wrongTenant = await PostTokenAsync(Tenant, ("grant_type", "client_credentials"), ("client_id", "cccccccc-0000-0000-0000-000000000003"), ("client_secret", "other"), ("scope", DefaultScope));
        using var noCredential = await PostTokenAsync(Tenant, ("grant_type", "client_credentials"), ("client_id", AppId), ("scope", DefaultScope));
        using var organizations = await PostTokenAsync("organizations", ("grant_type", "client_credentials"), ("client_id", AppId), ("client_secret", Secret), ("scope", DefaultScope));

        var error = await AssertEntraErrorAsync(wrongSecret, HttpStatusCode.Unauthorized, "invalid_client", 7000215);
        Assert.Equal(clientRequestId, error.GetProperty("correlation_id").GetString());
        Assert.True(Guid.TryParse(error.GetProperty("trace_id").GetString(), out _));
        Assert.Contains($"Correlation ID: {clientRequestId}", error.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("timestamp").GetString()));

        // Entra answers an app it cannot find in the tenant with 400 unauthorized_client, not invalid_client.
        await AssertEntraErrorAsync(unknown, HttpStatusCode.BadRequest, "unauthorized_client", 700016);
        await AssertEntraErrorAsync(wrongTenant, HttpStatusCode.BadRequest, "unauthorized_client", 700016);
        await AssertEntraErrorAsync(noCredential, HttpStatusCode.Unauthorized, "invalid_client", 7000218);
        await AssertEntraErrorAsync(organizations, HttpStatusCode.BadRequest, "invalid_request", 50059);

        Assert.Empty(entra.IssuedTokens);
        Assert.All(entra.TokenRequests, r => Assert.False(r.Succeeded));
        Assert.Equal("invalid_client", entra.TokenRequests[0].Error);
        Assert.Equal("secret", entra.TokenRequests[0].AuthMethod);
    }

    [Theory]
    [InlineData("PS256")]
    [InlineData("RS256")]
    public async Task ClientAssertion_SignedWithTheRegisteredCertificate_IssuesAnAppOnlyToken(string algorithm)
    {
        var assertion = CreateAssertion(AppCertificate.Value, algorithm, TokenEndpoint(Tenant));

        using var response = await PostTokenAsync(
            Tenant,
            ("grant_type", "client_credentials"),
            ("client_id", AppId),
            ("client_assertion_type", JwtBearer),
            ("client_assertion", assertion),
            ("scope", DefaultScope));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await ReadJsonAsync(response);
        var token = json.RootElement.GetProperty("access_token").GetString()!;
        Assert.Equal("2", (string?)Payload(token)["appidacr"]); // 2: certificate credential
        using var listed = await GraphGetAsync(token);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("assertion", Assert.Single(entra.TokenRequests).AuthMethod);
    }

    [Fact]
    public async Task ClientAssertion_ThatIsNotExactlyRight_Is401InvalidClient()
    {
        var now = DateTimeOffset.UtcNow;
        var endpoint = TokenEndpoint(Tenant);
        var assertions = new Dictionary<string, (string Assertion, int Code)>
        {
            ["signed by another key, headers naming the registered certificate"] = (CreateAssertion(OtherCertificate.Value, "PS256", endpoint, thumbprintsOf: AppCertificate.Value), 700027),
            ["signed by another, unregistered certificate"] = (CreateAssertion(OtherCertificate.Value, "PS256", endpoint), 700027),
            ["for another audience"] = (CreateAssertion(AppCertificate.Value, "PS256", $"{entra.AuthorityHost}{OtherTenant}/oauth2/v2.0/token"), 700027),
            ["expired"] = (CreateAssertion(AppCertificate.Value, "PS256", endpoint, expires: now.AddMinutes(-10)), 700024),
            ["issued by another client"] = (CreateAssertion(AppCertificate.Value, "PS256", endpoint, issuer: Guid.NewGuid().ToString()), 700021),
            ["with an unsupported algorithm"] = (CreateAssertion(AppCertificate.Value, "HS256", endpoint), 700027),
            ["not a JWT"] = ("not.a-jwt", 700027),
        };

        foreach (var (why, (assertion, code)) in assertions)
        {
            using var response = await PostTokenAsync(
                Tenant,
                ("grant_type", "client_credentials"),
                ("client_id", AppId),
                ("client_assertion_type", JwtBearer),
                ("client_assertion", assertion),
                ("scope", DefaultScope));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: expected 401, got {(int)response.StatusCode}");
            using var error = await ReadJsonAsync(response);
            Assert.Equal("invalid_client", error.RootElement.GetProperty("error").GetString());
            Assert.True(code == error.RootElement.GetProperty("error_codes")[0].GetInt32(), $"{why}: expected AADSTS{code}, got {error.RootElement.GetProperty("error_description").GetString()}");
        }

        Assert.Empty(entra.IssuedTokens);
    }

    [Fact]
    public async Task ClientCredentials_TakeOnlyTheLinkedGraphsDefaultScope()
    {
        var scopes = new Dictionary<string, (string Error, int Code)>
        {
            [GraphRoot + "/DeviceManagementApps.ReadWrite.All"] = ("invalid_scope", 1002012),
            [DefaultScope + " openid"] = ("invalid_scope", 1002012),
            ["https://graph.microsoft.com/.default"] = ("invalid_resource", 500011),
            ["http://127.0.0.1:1/.default"] = ("invalid_resource", 500011),
        };

        foreach (var (scope, (error, code)) in scopes)
        {
            using var response = await PostTokenAsync(Tenant, ("grant_type", "client_credentials"), ("client_id", AppId), ("client_secret", Secret), ("scope", scope));
            await AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, error, code);
        }

        using var missing = await PostTokenAsync(Tenant, ("grant_type", "client_credentials"), ("client_id", AppId), ("client_secret", Secret));
        await AssertEntraErrorAsync(missing, HttpStatusCode.BadRequest, "invalid_request", 900144);

        // A trailing slash on the resource names the same resource.
        using var slash = await PostTokenAsync(Tenant, ("grant_type", "client_credentials"), ("client_id", AppId), ("client_secret", Secret), ("scope", GraphRoot + "//.default"));
        Assert.Equal(HttpStatusCode.OK, slash.StatusCode);
    }

    [Fact]
    public async Task DeviceCode_IsPendingUntilApproved_ThenIssuesAPersonsTokens_Once()
    {
        using var issued = await PostAsync("organizations", "devicecode", ("client_id", PublicClientId), ("scope", DelegatedScope));

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        using var code = await ReadJsonAsync(issued);
        var deviceCode = code.RootElement.GetProperty("device_code").GetString()!;
        var userCode = code.RootElement.GetProperty("user_code").GetString()!;
        var verificationUri = code.RootElement.GetProperty("verification_uri").GetString()!;
        Assert.Equal(9, userCode.Length);
        Assert.Equal($"{entra.AuthorityHost}devicelogin", verificationUri);
        Assert.Equal(900, code.RootElement.GetProperty("expires_in").GetInt32());
        Assert.Equal(1, code.RootElement.GetProperty("interval").GetInt32());
        Assert.Equal($"To sign in, use a web browser to open the page {verificationUri} and enter the code {userCode} to authenticate.", code.RootElement.GetProperty("message").GetString());
        Assert.Equal([userCode], entra.UserCodes);

        using var pending = await RedeemAsync(deviceCode);
        await AssertEntraErrorAsync(pending, HttpStatusCode.BadRequest, "authorization_pending", 70016);

        entra.ApproveDeviceCode(userCode, "pat@contoso.com");
        using var redeemed = await RedeemAsync(deviceCode);

        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        using var tokens = await ReadJsonAsync(redeemed);
        var root = tokens.RootElement;
        Assert.Equal($"{GraphRoot}/DeviceManagementApps.ReadWrite.All openid profile offline_access", root.GetProperty("scope").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("refresh_token").GetString()));
        var access = Payload(root.GetProperty("access_token").GetString()!);
        var id = Payload(root.GetProperty("id_token").GetString()!);
        var clientInfo = JsonNode.Parse(Base64Url.DecodeFromChars(root.GetProperty("client_info").GetString()!))!;

        // "organizations" signs the person in to their home tenant: the Graph emulator's default one.
        var home = graph.Options.DefaultTenantId;
        Assert.Equal("DeviceManagementApps.ReadWrite.All", (string?)access["scp"]);
        Assert.Null(access["roles"]);
        Assert.Equal(("pat@contoso.com", "pat@contoso.com", "pat", home, PublicClientId), ((string?)access["upn"], (string?)access["preferred_username"], (string?)access["name"], (string?)access["tid"], (string?)access["appid"]));
        Assert.Equal(PublicClientId, (string?)id["aud"]);
        Assert.Equal($"{entra.AuthorityHost}{home}/v2.0", (string?)id["iss"]);
        Assert.Equal("2.0", (string?)id["ver"]);
        Assert.Equal(("pat@contoso.com", home), ((string?)id["preferred_username"], (string?)id["tid"]));
        Assert.Equal((string?)access["oid"], (string?)id["oid"]);
        Assert.Equal(((string?)id["oid"], home), ((string?)clientInfo["uid"], (string?)clientInfo["utid"]));

        using var listed = await GraphGetAsync(root.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);

        using var again = await RedeemAsync(deviceCode);
        await AssertEntraErrorAsync(again, HttpStatusCode.BadRequest, "invalid_grant", 70000);
        Assert.Throws<InvalidOperationException>(() => entra.ApproveDeviceCode(userCode));

        Assert.Equal(
            ["devicecode:True", "token:authorization_pending", "token:True", "token:invalid_grant"],
            entra.TokenRequests.Select(r => r.Endpoint + ":" + (r.Succeeded ? "True" : r.Error)));
        Assert.All(entra.TokenRequests, r => Assert.Equal("device_code", r.AuthMethod));
    }

    [Fact]
    public async Task DeviceCode_AutoApproved_GoesStraightToTheToken_InTheNamedTenant_AndExpires()
    {
        entra.Options.AutoApproveDeviceCodes = true;
        entra.Options.DefaultUser = "robin@fabrikam.com";

        using var issued = await PostAsync(OtherTenant, "devicecode", ("client_id", PublicClientId), ("scope", DelegatedScope));
        using var code = await ReadJsonAsync(issued);
        using var redeemed = await RedeemAsync(code.RootElement.GetProperty("device_code").GetString()!, OtherTenant);

        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        using var tokens = await ReadJsonAsync(redeemed);
        var access = Payload(tokens.RootElement.GetProperty("access_token").GetString()!);
        Assert.Equal(("robin@fabrikam.com", OtherTenant), ((string?)access["upn"], (string?)access["tid"]));

        entra.Options.AutoApproveDeviceCodes = false;
        entra.Options.DeviceCodeLifetime = TimeSpan.FromMilliseconds(300);
        using var shortLived = await PostAsync(OtherTenant, "devicecode", ("client_id", PublicClientId), ("scope", DelegatedScope));
        using var shortCode = await ReadJsonAsync(shortLived);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        using var expired = await RedeemAsync(shortCode.RootElement.GetProperty("device_code").GetString()!, OtherTenant);
        await AssertEntraErrorAsync(expired, HttpStatusCode.BadRequest, "expired_token", 70019);
    }

    [Fact]
    public async Task DeviceCode_RefusesUnknownClientsAndForeignScopes()
    {
        using var unknown = await PostAsync("organizations", "devicecode", ("client_id", Guid.NewGuid().ToString()), ("scope", DelegatedScope));
        using var confidential = await PostAsync(Tenant, "devicecode", ("client_id", AppId), ("scope", DelegatedScope));
        using var foreign = await PostAsync("organizations", "devicecode", ("client_id", PublicClientId), ("scope", "https://graph.microsoft.com/User.Read openid"));
        using var onlyOidc = await PostAsync("organizations", "devicecode", ("client_id", PublicClientId), ("scope", "openid profile offline_access"));
        using var bogusCode = await RedeemAsync("no-such-device-code");

        await AssertEntraErrorAsync(unknown, HttpStatusCode.BadRequest, "unauthorized_client", 700016);
        await AssertEntraErrorAsync(confidential, HttpStatusCode.BadRequest, "unauthorized_client", 700016);
        await AssertEntraErrorAsync(foreign, HttpStatusCode.BadRequest, "invalid_scope", 70011);
        await AssertEntraErrorAsync(onlyOidc, HttpStatusCode.BadRequest, "invalid_scope", 70011);
        await AssertEntraErrorAsync(bogusCode, HttpStatusCode.BadRequest, "invalid_grant", 70000);
        Assert.Throws<InvalidOperationException>(() => entra.ApproveDeviceCode("NOSUCHCODE"));
    }

    [Fact]
    public async Task RefreshToken_IssuesANewAccessAndRefreshToken_UntilRevoked()
    {
        var (_, refreshToken) = await SignInWithDeviceCodeAsync();

        using var refreshed = await PostTokenAsync(
            "organizations",
            ("grant_type", "refresh_token"),
            ("client_id", PublicClientId),
            ("refresh_token", refreshToken),
            ("scope", DelegatedScope),
            ("client_info", "1"));

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        using var tokens = await ReadJsonAsync(refreshed);
        var newRefreshToken = tokens.RootElement.GetProperty("refresh_token").GetString()!;
        var newAccessToken = tokens.RootElement.GetProperty("access_token").GetString()!;
        Assert.NotEqual(refreshToken, newRefreshToken);
        Assert.True(tokens.RootElement.TryGetProperty("id_token", out _));
        Assert.True(tokens.RootElement.TryGetProperty("client_info", out _));
        Assert.Equal("admin@contoso.com", (string?)Payload(newAccessToken)["upn"]);
        using var listed = await GraphGetAsync(newAccessToken);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var record = entra.TokenRequests[^1];
        Assert.Equal(("refresh_token", "refresh_token", true, newAccessToken), (record.GrantType, record.AuthMethod, record.Succeeded, record.IssuedToken));

        using var otherClient = await PostTokenAsync("organizations", ("grant_type", "refresh_token"), ("client_id", AppId), ("refresh_token", newRefreshToken), ("scope", DelegatedScope));
        await AssertEntraErrorAsync(otherClient, HttpStatusCode.BadRequest, "unauthorized_client", 700016);

        Assert.Equal(2, entra.RevokeRefreshTokens(PublicClientId));
        using var revoked = await PostTokenAsync("organizations", ("grant_type", "refresh_token"), ("client_id", PublicClientId), ("refresh_token", newRefreshToken), ("scope", DelegatedScope));
        using var garbage = await PostTokenAsync("organizations", ("grant_type", "refresh_token"), ("client_id", PublicClientId), ("refresh_token", "1.not-a-token"), ("scope", DelegatedScope));
        await AssertEntraErrorAsync(revoked, HttpStatusCode.BadRequest, "invalid_grant", 50173);
        await AssertEntraErrorAsync(garbage, HttpStatusCode.BadRequest, "invalid_grant", 9002313);
    }

    [Fact]
    public async Task IssuedTokens_AreRefusedByGraph_OnceExpired_OrRevoked()
    {
        var revoked = await ClientSecretTokenAsync();
        var kept = await ClientSecretTokenAsync();
        entra.Options.TokenLifetime = TimeSpan.FromSeconds(2);
        var expiring = await ClientSecretTokenAsync();

        using (var fresh = await GraphGetAsync(expiring))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        graph.RevokeToken(revoked);
        var untilExpired = graph.Options.TokenExpiry[expiring] - DateTimeOffset.UtcNow;
        Assert.InRange(untilExpired, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        await Task.Delay(untilExpired + TimeSpan.FromMilliseconds(100));

        using var afterExpiry = await GraphGetAsync(expiring);
        using var afterRevocation = await GraphGetAsync(revoked);
        using var stillGood = await GraphGetAsync(kept);

        Assert.Equal(HttpStatusCode.Unauthorized, afterExpiry.StatusCode);
        var expiredError = await ReadGraphErrorAsync(afterExpiry);
        Assert.Equal(("InvalidAuthenticationToken", "Lifetime validation failed, the token is expired."), expiredError);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevocation.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (await ReadGraphErrorAsync(afterRevocation)).Code);
        Assert.Equal(HttpStatusCode.OK, stillGood.StatusCode);
        Assert.True(graph.IsRevoked(revoked));
    }

    [Fact]
    public async Task ManagedIdentity_SystemAndUserAssigned_GetAppOnlyTokensInTheirTenants()
    {
        const string systemId = "dddddddd-0000-0000-0000-000000000004";
        const string userId = "eeeeeeee-0000-0000-0000-000000000005";
        const string userObjectId = "ffffffff-0000-0000-0000-000000000006";
        entra.RegisterManagedIdentity(systemId, Tenant, systemAssigned: true);
        entra.RegisterManagedIdentity(userId, OtherTenant, systemAssigned: false, objectId: userObjectId);

        using var system = await GetManagedIdentityAsync(GraphRoot);
        using var byClientId = await GetManagedIdentityAsync(GraphRoot, $"&client_id={userId}");
        using var byObjectId = await GetManagedIdentityAsync(GraphRoot, $"&object_id={userObjectId}");
        using var byResourceId = await GetManagedIdentityAsync(GraphRoot, "&mi_res_id=" + Uri.EscapeDataString($"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{userId}"));

        foreach (var (response, clientId, tenant) in new[] { (system, systemId, Tenant), (byClientId, userId, OtherTenant), (byObjectId, userId, OtherTenant), (byResourceId, userId, OtherTenant) })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = await ReadJsonAsync(response);
            var root = json.RootElement;
            Assert.Equal("Bearer", root.GetProperty("token_type").GetString());
            Assert.Equal(GraphRoot, root.GetProperty("resource").GetString());
            Assert.Equal(clientId, root.GetProperty("client_id").GetString());
            var expiresOn = long.Parse(root.GetProperty("expires_on").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(expiresOn - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3590, 3601);
            var token = root.GetProperty("access_token").GetString()!;
            var claims = Payload(token);
            Assert.Equal((tenant, clientId, GraphRoot), ((string?)claims["tid"], (string?)claims["appid"], (string?)claims["aud"]));
            Assert.Equal(["DeviceManagementApps.ReadWrite.All"], claims["roles"]!.AsArray().Select(r => (string?)r));
            using var listed = await GraphGetAsync(token);
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            Assert.Equal(tenant, graph.Requests.All[^1].TenantId);
        }

        Assert.All(entra.TokenRequests, r => Assert.Equal(("managedidentity", "managed_identity", GraphRoot, true), (r.Endpoint, r.AuthMethod, r.Resource, r.Succeeded)));
        Assert.Equal([systemId, userId, userId, userId], entra.TokenRequests.Select(r => r.ClientId));
    }

    [Fact]
    public async Task ManagedIdentity_RefusesAWrongOrMissingHeader_AndUnknownIdentities()
    {
        entra.RegisterManagedIdentity("dddddddd-0000-0000-0000-000000000004", Tenant, systemAssigned: false);

        using var wrongHeader = await GetManagedIdentityAsync(GraphRoot, header: "not-the-header");
        using var noHeader = await GetManagedIdentityAsync(GraphRoot, header: null);
        using var noSystemAssigned = await GetManagedIdentityAsync(GraphRoot);
        using var unknownUser = await GetManagedIdentityAsync(GraphRoot, $"&client_id={Guid.NewGuid()}");
        using var oldApi = await GetManagedIdentityAsync(GraphRoot, "&client_id=dddddddd-0000-0000-0000-000000000004", apiVersion: "2017-09-01");
        using var otherResource = await GetManagedIdentityAsync("https://graph.microsoft.com");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongHeader.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noHeader.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSystemAssigned.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownUser.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oldApi.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherResource.StatusCode);
        using var error = await ReadJsonAsync(unknownUser);
        Assert.Equal(400, error.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.", error.RootElement.GetProperty("message").GetString());

        // The resource names the emulator, so all but the foreign one are in this emulator's log.
        Assert.Equal(5, entra.TokenRequests.Count);
        Assert.All(entra.TokenRequests, r => Assert.False(r.Succeeded));
        Assert.Empty(entra.IssuedTokens);
    }

    [Fact]
    public async Task TwoEmulators_ShareOneManagedIdentityListener_AndEachAnswersForItsOwnGraph()
    {
        await using var otherGraph = await GraphEmulatorServer.StartAsync();
        await using var otherEntra = await EntraEmulatorServer.StartAsync(otherGraph);
        entra.RegisterManagedIdentity("dddddddd-0000-0000-0000-000000000004", Tenant, systemAssigned: true);
        otherEntra.RegisterManagedIdentity("dddddddd-0000-0000-0000-000000000007", OtherTenant, systemAssigned: true);

        Assert.Equal(entra.ManagedIdentityEndpoint, otherEntra.ManagedIdentityEndpoint);
        Assert.Equal(entra.ManagedIdentityHeader, otherEntra.ManagedIdentityHeader);
        Assert.NotEqual(entra.AuthorityHost, otherEntra.AuthorityHost);

        using var mine = await GetManagedIdentityAsync(GraphRoot);
        using var theirs = await GetManagedIdentityAsync(otherGraph.BaseUri.GetLeftPart(UriPartial.Authority));

        using var mineJson = await ReadJsonAsync(mine);
        using var theirsJson = await ReadJsonAsync(theirs);
        Assert.Equal("dddddddd-0000-0000-0000-000000000004", mineJson.RootElement.GetProperty("client_id").GetString());
        Assert.Equal("dddddddd-0000-0000-0000-000000000007", theirsJson.RootElement.GetProperty("client_id").GetString());
        Assert.Single(entra.TokenRequests);
        Assert.Single(otherEntra.TokenRequests);
    }

    [Fact]
    public async Task TokenEndpoint_RefusesMalformedRequests_AsEntraDoes()
    {
        using var noGrant = await PostTokenAsync(Tenant, ("client_id", AppId));
        using var noClient = await PostTokenAsync(Tenant, ("grant_type", "client_credentials"));
        using var unsupported = await PostTokenAsync(Tenant, ("grant_type", "password"), ("client_id", PublicClientId));
        using var get = await http.GetAsync(new Uri(TokenEndpoint(Tenant)));
        using var json = await http.PostAsync(new Uri(TokenEndpoint(Tenant)), new StringContent("{\"grant_type\":\"client_credentials\"}", Encoding.UTF8, "application/json"));

        await AssertEntraErrorAsync(noGrant, HttpStatusCode.BadRequest, "invalid_request", 900144);
        await AssertEntraErrorAsync(noClient, HttpStatusCode.BadRequest, "invalid_request", 900144);
        await AssertEntraErrorAsync(unsupported, HttpStatusCode.BadRequest, "unsupported_grant_type", 70003);
        await AssertEntraErrorAsync(get, HttpStatusCode.BadRequest, "invalid_request", 900561);
        await AssertEntraErrorAsync(json, HttpStatusCode.BadRequest, "invalid_request", 900144);
    }

    private string TokenEndpoint(string tenant) => $"{entra.AuthorityHost}{tenant}/oauth2/v2.0/token";

    private async Task<string> ClientSecretTokenAsync()
    {
        using var response = await PostTokenAsync(Tenant, ("grant_type", "client_credentials"), ("client_id", AppId), ("client_secret", Secret), ("scope", DefaultScope));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await ReadJsonAsync(response);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private async Task<(string AccessToken, string RefreshToken)> SignInWithDeviceCodeAsync()
    {
        using var issued = await PostAsync("organizations", "devicecode", ("client_id", PublicClientId), ("scope", DelegatedScope));
        using var code = await ReadJsonAsync(issued);
        entra.ApproveDeviceCode(code.RootElement.GetProperty("user_code").GetString()!);
        using var redeemed = await RedeemAsync(code.RootElement.GetProperty("device_code").GetString()!);
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        using var tokens = await ReadJsonAsync(redeemed);
        return (tokens.RootElement.GetProperty("access_token").GetString()!, tokens.RootElement.GetProperty("refresh_token").GetString()!);
    }

    private Task<HttpResponseMessage> RedeemAsync(string deviceCode, string tenant = "organizations") =>
        PostTokenAsync(tenant, ("grant_type", DeviceCodeGrant), ("client_id", PublicClientId), ("device_code", deviceCode), ("client_info", "1"));

    private Task<HttpResponseMessage> PostTokenAsync(string tenant, params (string Name, string Value)[] form) => PostAsync(tenant, "token", form);

    private Task<HttpResponseMessage> PostTokenAsync(string tenant, string clientRequestId, params (string Name, string Value)[] form) =>
        PostAsync(tenant, "token", form, clientRequestId);

    private Task<HttpResponseMessage> PostAsync(string tenant, string endpoint, params (string Name, string Value)[] form) => PostAsync(tenant, endpoint, form, null);

    private async Task<HttpResponseMessage> PostAsync(string tenant, string endpoint, (string Name, string Value)[] form, string? clientRequestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(entra.AuthorityHost, $"{tenant}/oauth2/v2.0/{endpoint}"))
        {
            Content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        if (clientRequestId is not null)
        {
            request.Headers.Add("client-request-id", clientRequestId);
        }

        return await http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> GetManagedIdentityAsync(string resource, string extraQuery = "", string? header = "", string apiVersion = "2019-08-01")
    {
        var uri = new Uri($"{entra.ManagedIdentityEndpoint}?api-version={apiVersion}&resource={Uri.EscapeDataString(resource)}{extraQuery}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (header is not null)
        {
            request.Headers.Add("X-IDENTITY-HEADER", header.Length == 0 ? entra.ManagedIdentityHeader : header);
        }

        return await http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> GraphGetAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(graph.BaseUri, Collection));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> AssertEntraErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, int code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = await ReadJsonAsync(response);
        var root = json.RootElement;
        Assert.Equal(error, root.GetProperty("error").GetString());
        Assert.Equal(code, Assert.Single(root.GetProperty("error_codes").EnumerateArray()).GetInt32());
        Assert.StartsWith($"AADSTS{code}: ", root.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        return root.Clone();
    }

    private static async Task<(string Code, string Message)> ReadGraphErrorAsync(HttpResponseMessage response)
    {
        using var json = await ReadJsonAsync(response);
        var error = json.RootElement.GetProperty("error");
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>The claims of a JWT, decoded without verification, as a client would read them.</summary>
    private static JsonObject Payload(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        return JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
    }

    /// <summary>
    /// A client assertion as MSAL builds one: header with x5t#S256 (and x5t) of the certificate, claims aud/iss/sub/jti/nbf/exp,
    /// signed with the certificate's RSA key. <paramref name="thumbprintsOf"/> names a different certificate in the header.
    /// </summary>
    private static string CreateAssertion(
        X509Certificate2 signer,
        string algorithm,
        string audience,
        X509Certificate2? thumbprintsOf = null,
        DateTimeOffset? expires = null,
        string issuer = AppId)
    {
        var named = thumbprintsOf ?? signer;
        var header = new JsonObject
        {
            ["alg"] = algorithm,
            ["typ"] = "JWT",
            ["x5t"] = Base64Url.EncodeToString(named.GetCertHash(HashAlgorithmName.SHA1)),
            ["x5t#S256"] = Base64Url.EncodeToString(named.GetCertHash(HashAlgorithmName.SHA256)),
        };
        var now = DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = issuer,
            ["sub"] = issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (expires ?? now.AddMinutes(10)).ToUnixTimeSeconds(),
        };
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        using var key = signer.GetRSAPrivateKey()!;
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = algorithm == "RS256"
            ? key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private static X509Certificate2 CreateCertificate(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
