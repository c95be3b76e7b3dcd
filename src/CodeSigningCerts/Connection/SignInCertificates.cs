using System;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Connection
{
    /// <summary>The app's own certificate for app-only sign-in: found by thumbprint, and it must hold its private key.</summary>
    internal static class SignInCertificates
    {
        /// <summary>CurrentUser\My first, then LocalMachine\My, as Connect-MgGraph looks.</summary>
        public static X509Certificate2 FromStore(PSCmdlet cmdlet, string thumbprint)
        {
            var wanted = thumbprint.Replace(" ", string.Empty).Trim();
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                try
                {
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                }
                catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException || ex is PlatformNotSupportedException)
                {
                    // A store that does not exist on this platform (LocalMachine\My on Linux, say) holds nothing.
                    continue;
                }

                var found = store.Certificates.Find(X509FindType.FindByThumbprint, wanted, validOnly: false);
                if (found.Count > 0)
                {
                    return RequirePrivateKey(cmdlet, found[0]);
                }
            }

            cmdlet.ThrowTerminatingError(ErrorTable.Create(
                ErrorIds.SignInCertificateNotFound,
                new ArgumentException("No certificate with thumbprint " + wanted + " is in CurrentUser\\My or LocalMachine\\My."),
                thumbprint));
            throw new InvalidOperationException();
        }

        public static X509Certificate2 RequirePrivateKey(PSCmdlet cmdlet, X509Certificate2 certificate)
        {
            if (!certificate.HasPrivateKey)
            {
                cmdlet.ThrowTerminatingError(ErrorTable.Create(
                    ErrorIds.SignInCertificateHasNoPrivateKey,
                    new ArgumentException("The certificate " + certificate.Subject + " (" + certificate.Thumbprint + ") has no private key here: app-only sign-in signs with it."),
                    certificate));
            }

            return certificate;
        }
    }
}
