using System;
using System.Net.Http;
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
            catch (Exception ex) when (NetworkFailure(ex) is { } failure)
            {
                throw new SignInException(failure, (ex as MsalException)?.ErrorCode, needsUserAction: false, ex, unreachable: true);
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

        /// <summary>
        /// Why nothing answered, when nothing did. MSAL lets an HttpRequestException through for Entra (client secret,
        /// certificate, device code, interactive), and wraps one for managed identity as managed_identity_unreachable_network;
        /// its own timeout is request_timeout. The socket's or TLS's words are kept: they say which it was.
        /// </summary>
        private static string? NetworkFailure(Exception ex)
        {
            if (ex is MsalException msal && msal.ErrorCode is "managed_identity_unreachable_network" or "request_timeout")
            {
                return FirstLine(msal.InnerException is HttpRequestException inner ? Describe(inner) : msal.Message);
            }

            return ex is HttpRequestException http ? Describe(http) : null;
        }

        // "The SSL connection could not be established, see inner exception." names no cause: the inner one does.
        // It runs inside a catch filter, so it must never throw: a message without that comma is shown as it is.
        private static string Describe(HttpRequestException http)
        {
            var comma = http.Message.IndexOf(',');
            return http.InnerException is { } inner && comma > 0 && http.Message.IndexOf("inner exception", StringComparison.OrdinalIgnoreCase) > comma
                ? http.Message.Substring(0, comma) + ": " + FirstLine(inner.Message)
                : FirstLine(http.Message);
        }

        // Entra's messages carry trace and correlation ids on later lines; the first line says what failed.
        private static string FirstLine(string message)
        {
            var end = message.IndexOfAny(new[] { '\r', '\n' });
            return end < 0 ? message : message.Substring(0, end);
        }
    }
}
