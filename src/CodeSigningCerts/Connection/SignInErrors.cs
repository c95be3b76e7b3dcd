using System.Management.Automation;
using CodeSigningCerts.Engine.Auth;

namespace CodeSigningCerts.Connection
{
    /// <summary>
    /// What Connect-EnterpriseCodeSigning says when a sign-in fails: refused (SignInFailed) or never answered
    /// (SignInUnreachable). It picks the id, the target and the message; the advice for each case is <see cref="ErrorTable"/>'s.
    /// </summary>
    internal static class SignInErrors
    {
        public static ErrorRecord ToErrorRecord(SignInException exception, SignInRequest request)
        {
            if (!exception.Unreachable)
            {
                return ErrorTable.Create(
                    ErrorIds.SignInFailed,
                    exception,
                    request.ClientId,
                    situation: exception.NeedsUserAction ? AdviceCase.Usual : AdviceCase.AppRefused);
            }

            return request.Flow == SignInFlow.ManagedIdentity
                ? ErrorTable.Create(
                    ErrorIds.SignInUnreachable,
                    exception,
                    request.ClientId,
                    "The managed identity endpoint could not be reached to get a token: " + exception.Message,
                    AdviceCase.ManagedIdentityEndpoint)
                : ErrorTable.Create(
                    ErrorIds.SignInUnreachable,
                    exception,
                    request.AuthorityHost,
                    "Microsoft Entra ID at " + request.AuthorityHost + " could not be reached to sign in: " + exception.Message);
        }
    }
}
