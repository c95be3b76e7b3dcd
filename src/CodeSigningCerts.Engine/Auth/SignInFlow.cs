namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>The ways the module signs in to Entra itself (an access token from elsewhere needs none).</summary>
    public enum SignInFlow
    {
        /// <summary>A person, in the system browser, with a loopback redirect.</summary>
        Interactive,

        /// <summary>A person, on another device: a code and a URL shown through the host.</summary>
        DeviceCode,

        /// <summary>An app registration with a client secret (app-only).</summary>
        ClientSecret,

        /// <summary>An app registration with a certificate and its private key (app-only).</summary>
        ClientCertificate,

        /// <summary>The managed identity of the Azure resource the code runs on (Automation, Functions, App Service, VMs).</summary>
        ManagedIdentity,
    }
}
