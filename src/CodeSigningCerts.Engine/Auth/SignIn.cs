using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>
    /// The one entry to MSAL. Each connection gets its own MSAL application, and with it its own
    /// in-memory token cache: two runspaces never see each other's sign-in. MSAL is loaded the first
    /// time this class is used, never at import.
    /// </summary>
    public static class SignIn
    {
        /// <summary>The public client used when no -ClientId is given: Microsoft Graph Command Line Tools, as Connect-MgGraph uses.</summary>
        public const string DefaultPublicClientId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

        /// <summary>Signs in with the requested flow and returns a source that renews tokens silently.</summary>
        public static Task<SignInResult> ConnectAsync(SignInRequest request, CancellationToken cancellationToken)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            return MsalErrors.Translate(() => request.Flow switch
            {
                SignInFlow.ClientSecret or SignInFlow.ClientCertificate => ConfidentialAsync(request, cancellationToken),
                SignInFlow.ManagedIdentity => ManagedIdentityAsync(request, cancellationToken),
                _ => PublicAsync(request, cancellationToken),
            });
        }

        private static async Task<SignInResult> ConfidentialAsync(SignInRequest request, CancellationToken cancellationToken)
        {
            var builder = ConfidentialClientApplicationBuilder.Create(request.ClientId)
                .WithAuthority(Authority(request, request.TenantId ?? throw new ArgumentException("A tenant is required for app-only sign-in.")))
                .WithClientName("CodeSigningCerts")
                .WithHttpClientFactory(new ProxiedMsalHttpClients(request.Proxy));
            builder = request.Flow == SignInFlow.ClientSecret
                ? builder.WithClientSecret(request.ClientSecret)
                : builder.WithCertificate(request.Certificate, sendX5C: true);
            if (request.IsCustomAuthority)
            {
                builder = builder.WithInstanceDiscovery(false);
            }

            var scopes = new[] { request.GraphResource + "/.default" };
            var source = new ConfidentialClientTokenSource(builder.Build(), scopes, GraphClock.System);
            var first = await source.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            return new SignInResult(source, TokenClaims.TryRead(first), account: null, request.TenantId, scopes);
        }

        private static async Task<SignInResult> ManagedIdentityAsync(SignInRequest request, CancellationToken cancellationToken)
        {
            var identity = string.IsNullOrEmpty(request.ClientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.WithUserAssignedClientId(request.ClientId);
            var app = ManagedIdentityApplicationBuilder.Create(identity).WithHttpClientFactory(new ProxiedMsalHttpClients(request.Proxy)).Build();
            var source = new ManagedIdentityTokenSource(app, request.GraphResource, GraphClock.System);
            var first = await source.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            return new SignInResult(source, TokenClaims.TryRead(first), account: null, tenantId: null, new[] { request.GraphResource + "/.default" });
        }

        private static async Task<SignInResult> PublicAsync(SignInRequest request, CancellationToken cancellationToken)
        {
            var builder = PublicClientApplicationBuilder.Create(string.IsNullOrEmpty(request.ClientId) ? DefaultPublicClientId : request.ClientId)
                .WithAuthority(Authority(request, string.IsNullOrEmpty(request.TenantId) ? "organizations" : request.TenantId!))
                .WithRedirectUri("http://localhost")
                .WithClientName("CodeSigningCerts")
                .WithHttpClientFactory(new ProxiedMsalHttpClients(request.Proxy));
            if (request.IsCustomAuthority)
            {
                builder = builder.WithInstanceDiscovery(false);
            }

            var app = builder.Build();
            var scopes = QualifiedScopes(request);
            var result = request.Flow == SignInFlow.DeviceCode
                ? await app.AcquireTokenWithDeviceCode(scopes, code =>
                    {
                        request.ShowDeviceCode?.Invoke(code.Message);
                        return Task.CompletedTask;
                    }).ExecuteAsync(cancellationToken).ConfigureAwait(false)
                : await app.AcquireTokenInteractive(scopes).WithUseEmbeddedWebView(false).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            var source = new PublicClientTokenSource(app, result.Account, scopes, GraphClock.System);
            source.Remember(result);
            return new SignInResult(source, TokenClaims.TryRead(result.AccessToken), result.Account?.Username, result.TenantId, scopes);
        }

        private static string Authority(SignInRequest request, string tenant) =>
            new Uri(request.AuthorityHost, Uri.EscapeDataString(tenant)).ToString();

        /// <summary>Bare scope names are Graph's: DeviceManagementApps.ReadWrite.All becomes {graph}/DeviceManagementApps.ReadWrite.All.</summary>
        private static string[] QualifiedScopes(SignInRequest request)
        {
            var scopes = request.DelegatedScopes.Length == 0 ? new[] { "DeviceManagementApps.ReadWrite.All" } : request.DelegatedScopes;
            return scopes
                .Select(s => s.IndexOf("://", StringComparison.Ordinal) >= 0 || s == "offline_access" || s == "openid" || s == "profile" ? s : request.GraphResource + "/" + s)
                .ToArray();
        }
    }
}
