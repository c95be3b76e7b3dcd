using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GraphEmulator.Hosting;

namespace CodeSigningCerts.Tests.Emulator;

/// <summary>
/// The Entra emulator's TLS certificate in the user's trusted roots, which every test run of that user shares (two
/// clones, a helper beside CI): each run trusts a certificate of its own and takes away nobody else's.
/// Alone in its collection: a root with this run's subject other than this run's own, added while a test of another
/// class makes a TLS handshake with the emulator, could be found as the issuer of the certificate it is shown.
/// </summary>
[Collection(nameof(ThisRunsTrustedRoots))]
public sealed class EmulatorTlsCertificateTests
{
    [Fact]
    public void Each_run_trusts_a_certificate_with_a_subject_of_its_own()
    {
        EmulatorTlsCertificate.EnsureTrusted();

        using var store = OpenRoot();
        var trusted = store.Certificates.Where(c => c.Subject == EmulatorTlsCertificate.Subject).ToList();

        Assert.Equal(EmulatorTlsCertificate.Certificate.Thumbprint, Assert.Single(trusted).Thumbprint);
        Assert.Equal(EmulatorTlsCertificate.Subject, EmulatorTlsCertificate.Certificate.Subject);
        Assert.Contains("process " + Environment.ProcessId + " run ", EmulatorTlsCertificate.Subject, StringComparison.Ordinal);
        trusted.ForEach(c => c.Dispose());
    }

    [Fact]
    public void Tidying_up_removes_another_runs_certificate_only_once_it_has_expired()
    {
        EmulatorTlsCertificate.EnsureTrusted();
        using var running = OtherRunsCertificate(expired: false);
        using var dead = OtherRunsCertificate(expired: true);
        using var someoneElses = ExpiredRoot("CN=Someone Else's Expired Root, O=Not the emulator");
        // Expired, with this run's subject: this run's certificate is never removed, whatever its dates say (the one it
        // serves with is valid, so only one like this tries that rule).
        using var thisRunsExpired = SelfSigned(EmulatorTlsCertificate.Subject, expired: true);
        using var store = OpenRoot();
        store.Add(running);
        store.Add(dead);
        store.Add(someoneElses);
        store.Add(thisRunsExpired);
        try
        {
            EmulatorTlsCertificate.RemoveExpiredLeftovers();

            var left = store.Certificates.Select(c => c.Thumbprint).ToHashSet();
            Assert.Contains(running.Thumbprint, left);
            Assert.Contains(EmulatorTlsCertificate.Certificate.Thumbprint, left);
            Assert.DoesNotContain(dead.Thumbprint, left);
            Assert.Contains(someoneElses.Thumbprint, left);
            Assert.Contains(thisRunsExpired.Thumbprint, left);
        }
        finally
        {
            store.Remove(running);
            store.Remove(dead);
            store.Remove(someoneElses);
            store.Remove(thisRunsExpired);
        }
    }

    private static X509Store OpenRoot()
    {
        var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        return store;
    }

    // A certificate as another emulator run makes it: its own run id, valid now or expired a day ago.
    private static X509Certificate2 OtherRunsCertificate(bool expired) =>
        SelfSigned("CN=" + EmulatorTlsCertificate.CommonNamePrefix + " process 1 run " + Guid.NewGuid().ToString("N") + ", O=CodeSigningCerts tests", expired);

    // A root the user trusts for their own reasons, expired: tidying up is no business of the emulator's there.
    private static X509Certificate2 ExpiredRoot(string subject) => SelfSigned(subject, expired: true);

    private static X509Certificate2 SelfSigned(string subject, bool expired)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        using var made = new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSelfSigned(now.AddDays(expired ? -3 : -1), now.AddDays(expired ? -1 : 1));
        return X509CertificateLoader.LoadCertificate(made.RawData);
    }
}

[CollectionDefinition(nameof(ThisRunsTrustedRoots), DisableParallelization = true)]
public sealed class ThisRunsTrustedRoots
{
}
