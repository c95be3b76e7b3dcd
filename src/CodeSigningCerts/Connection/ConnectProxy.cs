using System;
using System.Management.Automation;
using System.Net;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Connection
{
    /// <summary>
    /// Connect-EnterpriseCodeSigning's -Proxy, -ProxyCredential and -ProxyUseDefaultCredentials, named as
    /// Invoke-RestMethod names them, as one setting for Graph and Entra. Unlike Invoke-RestMethod, the credentials
    /// also apply without -Proxy, to the system's proxy: a Windows proxy usually comes from the system's settings
    /// (or a PAC file) and asks for the signed-in account, so naming it again should not be needed.
    /// </summary>
    internal static class ConnectProxy
    {
        /// <summary>
        /// The proxy settings for <paramref name="proxy"/>, <paramref name="credential"/> and
        /// <paramref name="useDefaultCredentials"/>; stops <paramref name="cmdlet"/> with ProxySettingsInvalid when they
        /// contradict each other or the proxy is not an absolute http or https address.
        /// </summary>
        public static ProxySettings Settings(Uri? proxy, PSCredential? credential, bool useDefaultCredentials, PSCmdlet cmdlet)
        {
            if (credential is not null && useDefaultCredentials)
            {
                Refuse(cmdlet, "Give -ProxyCredential or -ProxyUseDefaultCredentials, not both: the proxy is answered with one set of credentials.", null);
            }

            if (proxy is not null && !(proxy.IsAbsoluteUri && (proxy.Scheme == Uri.UriSchemeHttp || proxy.Scheme == Uri.UriSchemeHttps)))
            {
                Refuse(cmdlet, "The proxy '" + proxy.OriginalString + "' is not an absolute http:// or https:// address, such as http://proxy.contoso.com:8080.", proxy);
            }

            var credentials = credential?.GetNetworkCredential()
                ?? (useDefaultCredentials ? CredentialCache.DefaultCredentials : null);
            return proxy is null && credentials is null ? ProxySettings.System : new ProxySettings(proxy, credentials);
        }

        private static void Refuse(PSCmdlet cmdlet, string message, object? target) =>
            cmdlet.ThrowTerminatingError(ErrorTable.Create(
                ErrorIds.ProxySettingsInvalid,
                new ArgumentException(message),
                target));
    }
}
