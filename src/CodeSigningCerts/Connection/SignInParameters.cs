using System;
using System.Security;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Connection
{
    /// <summary>
    /// What Connect-EnterpriseCodeSigning was given for a sign-in, as values: the connection layer reads these, never
    /// the cmdlet, so it does not depend on the commands that use it.
    /// </summary>
    internal sealed class SignInParameters
    {
        /// <summary>Connect-'s parameter set, one of <see cref="ConnectParameterSets"/>: it names the flow.</summary>
        public string ParameterSet { get; set; } = ConnectParameterSets.Interactive;

        public GraphEnvironment Environment { get; set; } = GraphEnvironment.Global;

        /// <summary>-AuthorityHost; null for the cloud's own.</summary>
        public Uri? AuthorityHost { get; set; }

        public string? TenantId { get; set; }

        public string? ClientId { get; set; }

        public string[]? Scopes { get; set; }

        public SecureString? ClientSecret { get; set; }

        public string? CertificateThumbprint { get; set; }

        public X509Certificate2? Certificate { get; set; }
    }
}
