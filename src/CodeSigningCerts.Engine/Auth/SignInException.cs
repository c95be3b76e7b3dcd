using System;

namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>A sign-in that failed, with Entra's error code; MSAL's exception types never leave the engine.</summary>
    public sealed class SignInException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public SignInException(string message, string? errorCode, bool needsUserAction, Exception? innerException = null, bool unreachable = false)
            : base(message, innerException)
        {
            ErrorCode = errorCode;
            NeedsUserAction = needsUserAction;
            Unreachable = unreachable;
        }

        /// <summary>Entra's or MSAL's error code, e.g. invalid_client.</summary>
        public string? ErrorCode { get; }

        /// <summary>True when only signing in again (interactively) can fix it.</summary>
        public bool NeedsUserAction { get; }

        /// <summary>
        /// True when Entra (or the managed identity endpoint) never answered: connection refused, unknown host, TLS
        /// failure, timeout. The message then says why, in the network's words; it is not a refusal.
        /// </summary>
        public bool Unreachable { get; }
    }
}
