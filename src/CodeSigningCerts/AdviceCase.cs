namespace CodeSigningCerts
{
    /// <summary>
    /// A case of an error id that needs other advice than the id's usual one. The advice itself is in
    /// <see cref="ErrorTable"/>, beside the id's usual advice, so every word the module advises is in one table.
    /// </summary>
    internal enum AdviceCase
    {
        /// <summary>The id's own advice.</summary>
        Usual,

        /// <summary>Any Graph id, for a change or removal whose answer was lost: it may have been carried out, so look before repeating it.</summary>
        AnswerLost,

        /// <summary>SignInUnreachable: the managed identity endpoint did not answer, not Entra.</summary>
        ManagedIdentityEndpoint,

        /// <summary>SignInFailed: Entra refused the app's credentials or consent, which signing in again does not mend.</summary>
        AppRefused,

        /// <summary>CertificateInputNull: Set-'s -Certificate was null, where leaving it out changes the status alone.</summary>
        SetCertificateNull,
    }
}
