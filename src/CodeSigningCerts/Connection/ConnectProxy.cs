using System;
using System.Management.Automation;
using System.Net;
using CodeSigningCerts.Commands;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;

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
        public static ProxySettings Settings(ConnectEnterpriseCodeSigningCommand cmdlet)
        {
            if (cmdlet.ProxyCredential is not null && cmdlet.ProxyUseDefaultCredentials)
            {
                Refuse(cmdlet, "Give -ProxyCredential or -ProxyUseDefaultCredentials, not both: the proxy is answered with one set of credentials.", null);
            }

            if (cmdlet.Proxy is { } proxy && !(proxy.IsAbsoluteUri && (proxy.Scheme == Uri.UriSchemeHttp || proxy.Scheme == Uri.UriSchemeHttps)))
            {
                Refuse(cmdlet, "The proxy '" + proxy.OriginalString + "' is not an absolute http:// or https:// address, such as http://proxy.contoso.com:8080.", proxy);
            }

            var credentials = cmdlet.ProxyCredential?.GetNetworkCredential()
                ?? (cmdlet.ProxyUseDefaultCredentials ? CredentialCache.DefaultCredentials : null);
            return cmdlet.Proxy is null && credentials is null ? ProxySettings.System : new ProxySettings(cmdlet.Proxy, credentials);
        }

        private static void Refuse(ConnectEnterpriseCodeSigningCommand cmdlet, string message, object? target) =>
            cmdlet.ThrowTerminatingError(ErrorTable.Create(
                ErrorIds.ProxySettingsInvalid,
                new ArgumentException(message),
                target));
    }
}
