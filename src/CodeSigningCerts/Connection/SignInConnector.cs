using System;
using System.Management.Automation;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Commands;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Engine.Auth;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Connection
{
    /// <summary>
    /// Connect-EnterpriseCodeSigning's sign-in flows: turns the cmdlet's parameters into a sign-in
    /// request for the engine, runs it off the pipeline thread and builds the connection from the result.
    /// </summary>
    internal sealed class SignInConnector
    {
        private readonly ConnectEnterpriseCodeSigningCommand _cmdlet;
        private readonly Uri _graph;
        private readonly GraphEnvironment _environment;
        private readonly ProxySettings _proxy;

        public SignInConnector(ConnectEnterpriseCodeSigningCommand cmdlet, Uri graph, GraphEnvironment environment, ProxySettings proxy)
        {
            _cmdlet = cmdlet;
            _graph = graph;
            _environment = environment;
            _proxy = proxy;
        }

        public GraphConnection Connect()
        {
            var request = BuildRequest();
            SignInResult result;
            try
            {
                result = _cmdlet.Await(token => SignIn.ConnectAsync(request, token));
            }
            catch (SignInException ex)
            {
                _cmdlet.ThrowTerminatingError(SignInErrors.ToErrorRecord(ex, request));
                throw;
            }

            var claims = TokenClaims.TryRead(result.FirstToken.Token);
            var appOnly = request.Flow is SignInFlow.ClientSecret or SignInFlow.ClientCertificate or SignInFlow.ManagedIdentity;
            var options = _cmdlet.ClientOptions(_graph, _proxy);
            var context = new ConnectionContext(
                _environment,
                options,
                request.Flow == SignInFlow.ManagedIdentity ? null : request.AuthorityHost,
                FlowName(request.Flow),
                claims?.TenantId ?? result.TenantId ?? request.TenantId,
                claims?.ClientId ?? request.ClientId ?? (appOnly ? null : SignIn.DefaultPublicClientId),
                result.Account ?? claims?.Account ?? (appOnly ? claims?.ClientId ?? request.ClientId : null),
                claims?.Scopes is { Length: > 0 } scopes ? scopes : result.Scopes,
                () => result.Tokens.CurrentExpiry);
            return new GraphConnection(new CertificateApi(options, result.Tokens), context);
        }

        private SignInRequest BuildRequest()
        {
            var authority = _cmdlet.AuthorityHost ?? CloudEndpoints.AuthorityOf(_cmdlet.Environment);
            if (authority.Scheme != Uri.UriSchemeHttps)
            {
                _cmdlet.ThrowTerminatingError(ErrorTable.Create(
                    ErrorIds.AuthorityHostInsecure,
                    new ArgumentException("The authority host '" + authority + "' must use https: Entra sign-in never goes over plain http."),
                    authority));
            }

            var request = new SignInRequest(FlowOf(_cmdlet.ParameterSetName), _graph, authority)
            {
                IsCustomAuthority = _cmdlet.AuthorityHost is not null,
                TenantId = _cmdlet.TenantId,
                ClientId = _cmdlet.ClientId,
                DelegatedScopes = _cmdlet.Scopes ?? Array.Empty<string>(),
                ShowDeviceCode = message => _cmdlet.Post(() => _cmdlet.WriteWarning(message)),
                Proxy = _proxy,
            };
            switch (_cmdlet.ParameterSetName)
            {
                case ConnectParameterSets.ClientSecret:
                    request.ClientSecret = new NetworkCredential(string.Empty, _cmdlet.ClientSecret).Password;
                    break;
                case ConnectParameterSets.CertificateThumbprint:
                    request.Certificate = SignInCertificates.FromStore(_cmdlet, _cmdlet.CertificateThumbprint!);
                    break;
                case ConnectParameterSets.Certificate:
                    request.Certificate = SignInCertificates.RequirePrivateKey(_cmdlet, _cmdlet.Certificate!);
                    break;
            }

            return request;
        }

        private static SignInFlow FlowOf(string parameterSet) => parameterSet switch
        {
            ConnectParameterSets.DeviceCode => SignInFlow.DeviceCode,
            ConnectParameterSets.ClientSecret => SignInFlow.ClientSecret,
            ConnectParameterSets.CertificateThumbprint or ConnectParameterSets.Certificate => SignInFlow.ClientCertificate,
            ConnectParameterSets.ManagedIdentity => SignInFlow.ManagedIdentity,
            _ => SignInFlow.Interactive,
        };

        private static string FlowName(SignInFlow flow) => flow.ToString();
    }
}
