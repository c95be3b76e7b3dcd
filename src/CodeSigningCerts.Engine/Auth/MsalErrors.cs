using System;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>Turns MSAL's exceptions into <see cref="SignInException"/>, so no MSAL type leaves the engine.</summary>
    internal static class MsalErrors
    {
        public static async Task<T> Translate<T>(Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (MsalUiRequiredException ex)
            {
                throw new SignInException("The sign-in has expired or needs your consent again: run Connect-EnterpriseCodeSigning again. (" + ex.ErrorCode + ": " + FirstLine(ex.Message) + ")", ex.ErrorCode, needsUserAction: true, ex);
            }
            catch (MsalServiceException ex)
            {
                throw new SignInException("Entra refused the sign-in: " + ex.ErrorCode + ": " + FirstLine(ex.Message), ex.ErrorCode, needsUserAction: false, ex);
            }
            catch (MsalClientException ex)
            {
                throw new SignInException("The sign-in could not complete: " + ex.ErrorCode + ": " + FirstLine(ex.Message), ex.ErrorCode, needsUserAction: false, ex);
            }
        }

        // Entra's messages carry trace and correlation ids on later lines; the first line says what failed.
        private static string FirstLine(string message)
        {
            var end = message.IndexOfAny(new[] { '\r', '\n' });
            return end < 0 ? message : message.Substring(0, end);
        }
    }
}
