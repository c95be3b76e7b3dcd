using System;
using System.Management.Automation;
using CodeSigningCerts.Engine.Auth;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Connection
{
    /// <summary>What Connect-EnterpriseCodeSigning says when a sign-in fails: refused (SignInFailed) or never answered (SignInUnreachable).</summary>
    internal static class SignInErrors
    {
        public static ErrorRecord ToErrorRecord(SignInException exception, SignInRequest request)
        {
            if (exception.Unreachable)
            {
                return request.Flow == SignInFlow.ManagedIdentity
                    ? ErrorTable.Create(
                        ErrorIds.SignInUnreachable,
                        exception,
                        request.ClientId,
                        message: "The managed identity endpoint could not be reached to get a token: " + exception.Message,
                        advice: "Run this where a managed identity is enabled (Azure Automation, Functions, App Service, a VM), and check the network path to its endpoint (IDENTITY_ENDPOINT, or 169.254.169.254 on a VM): no proxy may stand in between (add the endpoint to NO_PROXY). -Environment picks the cloud the token is for; -AuthorityHost does not apply to a managed identity.")
                    : ErrorTable.Create(
                        ErrorIds.SignInUnreachable,
                        exception,
                        request.AuthorityHost,
                        message: "Microsoft Entra ID at " + request.AuthorityHost + " could not be reached to sign in: " + exception.Message,
                        advice: "Check the network path to " + request.AuthorityHost.Host + " (DNS, firewall, a TLS-inspecting device) and the proxy (HTTPS_PROXY, or the system's proxy settings). For a national cloud pass -Environment USGov, USGovDoD or China; for any other Entra host, -AuthorityHost with its https address.");
            }

            return ErrorTable.Create(
                ErrorIds.SignInFailed,
                exception,
                request.ClientId,
                advice: exception.NeedsUserAction
                    ? "Run Connect-EnterpriseCodeSigning again."
                    : "Check the tenant, the client id and its secret or certificate, and that the app has the Microsoft Graph permission " + GraphErrors.WritePermission + " with admin consent.");
        }
    }
}
