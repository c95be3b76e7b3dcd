using System;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>Everything a sign-in flow needs, in BCL types only.</summary>
    public sealed class SignInRequest
    {
        /// <summary>Creates a request for a flow against a Graph root and an Entra authority host.</summary>
        public SignInRequest(SignInFlow flow, Uri graphEndpoint, Uri authorityHost)
        {
            Flow = flow;
            GraphEndpoint = graphEndpoint ?? throw new ArgumentNullException(nameof(graphEndpoint));
            AuthorityHost = authorityHost ?? throw new ArgumentNullException(nameof(authorityHost));
        }

        /// <summary>The flow.</summary>
        public SignInFlow Flow { get; }

        /// <summary>The Graph root the token is for; the scope is {graph}/.default.</summary>
        public Uri GraphEndpoint { get; }

        /// <summary>The Entra host (login.microsoftonline.com for Global).</summary>
        public Uri AuthorityHost { get; }

        /// <summary>True for a host that is not one of the national clouds' (an emulator): MSAL then skips instance discovery.</summary>
        public bool IsCustomAuthority { get; set; }

        /// <summary>The tenant id or domain; "organizations" for people when not given.</summary>
        public string? TenantId { get; set; }

        /// <summary>The app (client) id; for managed identity, a user-assigned identity's client id.</summary>
        public string? ClientId { get; set; }

        /// <summary>The app's client secret (ClientSecret flow). Held only until the app is built.</summary>
        public string? ClientSecret { get; set; }

        /// <summary>The app's certificate with its private key (ClientCertificate flow).</summary>
        public X509Certificate2? Certificate { get; set; }

        /// <summary>Delegated scopes for people (e.g. DeviceManagementApps.ReadWrite.All), qualified with the Graph root when bare.</summary>
        public string[] DelegatedScopes { get; set; } = Array.Empty<string>();

        /// <summary>Where the device code flow's instructions go (the host, never the output stream).</summary>
        public Action<string>? ShowDeviceCode { get; set; }

        /// <summary>The proxy to Entra (and to a managed identity endpoint, which is never proxied when local): the connection's.</summary>
        public ProxySettings Proxy { get; set; } = ProxySettings.System;

        /// <summary>The Graph root as a resource (no trailing slash), as Entra names it.</summary>
        public string GraphResource => GraphEndpoint.GetLeftPart(UriPartial.Authority);
    }
}
