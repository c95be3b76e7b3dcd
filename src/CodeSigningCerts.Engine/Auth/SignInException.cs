using System;

namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>A sign-in that failed, with Entra's error code; MSAL's exception types never leave the engine.</summary>
    public sealed class SignInException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public SignInException(string message, string? errorCode, bool needsUserAction, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorCode = errorCode;
            NeedsUserAction = needsUserAction;
        }

        /// <summary>Entra's or MSAL's error code, e.g. invalid_client.</summary>
        public string? ErrorCode { get; }

        /// <summary>True when only signing in again (interactively) can fix it.</summary>
        public bool NeedsUserAction { get; }
    }
}
