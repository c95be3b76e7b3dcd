using System;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// A signed file whose signer certificate loads but has a part that cannot be decoded
    /// (<see cref="CertificateChecks.FindDamage"/>): found before the file is verified, so before anything is hashed.
    /// </summary>
    internal sealed class SignerCertificateDamagedException : Exception
    {
        public SignerCertificateDamagedException(string damage)
            : base("The signer certificate is damaged: " + damage + ".")
        {
            Damage = damage;
        }

        /// <summary>What cannot be decoded, as a clause ("its Enhanced Key Usage extension (2.5.29.37) cannot be decoded: …").</summary>
        public string Damage { get; }
    }
}
