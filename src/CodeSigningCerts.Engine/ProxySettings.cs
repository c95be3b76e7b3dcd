using System;
using System.Net;

namespace CodeSigningCerts.Engine
{
    /// <summary>
    /// The proxy a connection's requests take, to Graph and to Entra alike (Connect -Proxy, -ProxyCredential,
    /// -ProxyUseDefaultCredentials). Without an address, the system's proxy (Windows settings, or HTTPS_PROXY,
    /// HTTP_PROXY and NO_PROXY elsewhere). A loopback or link-local destination (the emulator, a managed
    /// identity endpoint) is never proxied.
    /// </summary>
    public sealed class ProxySettings
    {
        /// <summary>The system's proxy, with its own credentials (if any).</summary>
        public static ProxySettings System { get; } = new ProxySettings(null, null);

        /// <summary>Creates settings: <paramref name="address"/> null for the system's proxy; <paramref name="credentials"/> null for the proxy's own (if any).</summary>
        public ProxySettings(Uri? address, ICredentials? credentials)
        {
            Address = address;
            Credentials = credentials;
        }

        /// <summary>The proxy, or null for the system's.</summary>
        public Uri? Address { get; }

        /// <summary>What to answer a proxy's 407 with: a user and password, or the signed-in account's (CredentialCache.DefaultCredentials).</summary>
        public ICredentials? Credentials { get; }
    }
}
