using System;
using System.Management.Automation;
using System.Net;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Engine.Auth;

namespace CodeSigningCerts.Connection
{
    /// <summary>
    /// Connect-EnterpriseCodeSigning's sign-in flows: turns what the cmdlet was given into a sign-in request for the
    /// engine, and the engine's result into the connection. The cmdlet runs the sign-in itself, off the pipeline thread.
    /// </summary>
    internal static class SignInConnector
    {
        /// <summary>
        /// The engine's request for <paramref name="given"/>, to <paramref name="graph"/> through <paramref name="proxy"/>.
        /// Stops <paramref name="cmdlet"/> with a terminating error when the authority host is not https or the app's
        /// certificate is missing or has no private key here. <paramref name="showDeviceCode"/> shows the device code
        /// sign-in's prompt; the engine calls it off the pipeline thread.
        /// </summary>
        public static SignInRequest Request(SignInParameters given, Uri graph, ProxySettings proxy, Action<string> showDeviceCode, PSCmdlet cmdlet)
        {
            var authority = given.AuthorityHost ?? CloudEndpoints.AuthorityOf(given.Environment);
            if (authority.Scheme != Uri.UriSchemeHttps)
            {
                cmdlet.ThrowTerminatingError(ErrorTable.Create(
                    ErrorIds.AuthorityHostInsecure,
                    new ArgumentException("The authority host '" + authority + "' must use https: Entra sign-in never goes over plain http."),
                    authority));
            }

            var request = new SignInRequest(FlowOf(given.ParameterSet), graph, authority)
            {
                IsCustomAuthority = given.AuthorityHost is not null,
                TenantId = given.TenantId,
                ClientId = given.ClientId,
                DelegatedScopes = given.Scopes ?? Array.Empty<string>(),
                ShowDeviceCode = showDeviceCode,
                Proxy = proxy,
            };
            switch (given.ParameterSet)
            {
                case ConnectParameterSets.ClientSecret:
                    request.ClientSecret = new NetworkCredential(string.Empty, given.ClientSecret).Password;
                    break;
                case ConnectParameterSets.CertificateThumbprint:
                    request.Certificate = SignInCertificates.FromStore(cmdlet, given.CertificateThumbprint!);
                    break;
                case ConnectParameterSets.Certificate:
                    request.Certificate = SignInCertificates.RequirePrivateKey(cmdlet, given.Certificate!);
                    break;
            }

            return request;
        }

        /// <summary>The connection <paramref name="result"/> signed in, described as its token and the request say.</summary>
        public static ConnectionContext Connection(SignInRequest request, SignInResult result, GraphClientOptions options, GraphEnvironment environment)
        {
            var claims = result.FirstTokenClaims;
            var appOnly = request.Flow is SignInFlow.ClientSecret or SignInFlow.ClientCertificate or SignInFlow.ManagedIdentity;
            return new ConnectionContext(
                environment,
                options,
                request.Flow == SignInFlow.ManagedIdentity ? null : request.AuthorityHost,
                request.Flow.ToString(),
                claims?.TenantId ?? result.TenantId ?? request.TenantId,
                claims?.ClientId ?? request.ClientId ?? (appOnly ? null : SignIn.DefaultPublicClientId),
                result.Account ?? claims?.Account ?? (appOnly ? claims?.ClientId ?? request.ClientId : null),
                claims?.Scopes is { Length: > 0 } scopes ? scopes : result.Scopes,
                result.Tokens);
        }

        private static SignInFlow FlowOf(string parameterSet) => parameterSet switch
        {
            ConnectParameterSets.DeviceCode => SignInFlow.DeviceCode,
            ConnectParameterSets.ClientSecret => SignInFlow.ClientSecret,
            ConnectParameterSets.CertificateThumbprint or ConnectParameterSets.Certificate => SignInFlow.ClientCertificate,
            ConnectParameterSets.ManagedIdentity => SignInFlow.ManagedIdentity,
            _ => SignInFlow.Interactive,
        };
    }
}
