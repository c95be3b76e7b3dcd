using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GraphEmulator.Hosting;

/// <summary>
/// The TLS certificate of every Entra emulator in this process (MSAL accepts only https authorities): self-signed,
/// for 127.0.0.1 and localhost, server authentication only, made once per process. <see cref="EnsureTrusted"/> puts
/// it in the current user's trusted roots once and takes it out when the process exits; nothing here ever turns
/// certificate validation off. Tests run in parallel, so trust is per process, never per emulator instance.
/// </summary>
public static class EmulatorTlsCertificate
{
    /// <summary>The subject of every emulator certificate; stale ones from crashed runs are recognised by it.</summary>
    public const string Subject = "CN=CodeSigningCerts Entra Emulator (local tests only), O=CodeSigningCerts tests";

    // Short-lived, so a certificate left behind by a process that died before ProcessExit stops being trusted soon.
    private static readonly TimeSpan Validity = TimeSpan.FromDays(2);
    private static readonly Lazy<X509Certificate2> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();
    private static bool trusted;

    /// <summary>The certificate with its private key, as Kestrel serves it.</summary>
    public static X509Certificate2 Certificate => Shared.Value;

    /// <summary>
    /// Adds the certificate (public part) to CurrentUser\Root unless this process already did, and removes it at
    /// process exit. On Linux .NET's HttpClient (and so MSAL) trusts it from the next handshake on; removing expired
    /// leftovers of earlier runs is done here too. Thread-safe and idempotent.
    /// </summary>
    public static void EnsureTrusted()
    {
        lock (Gate)
        {
            if (trusted)
            {
                return;
            }

            using var publicOnly = X509CertificateLoader.LoadCertificate(Certificate.RawData);
            using (var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
            {
                store.Open(OpenFlags.ReadWrite);
                RemoveExpiredLeftovers(store);
                store.Add(publicOnly);
            }

            var thumbprint = publicOnly.Thumbprint;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Untrust(thumbprint);
            trusted = true;
        }
    }

    private static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build(critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddHours(-1), now + Validity);

        // A PKCS#12 round trip gives a key that SslStream can use on every platform (Windows refuses ephemeral keys).
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }

    private static void RemoveExpiredLeftovers(X509Store store)
    {
        foreach (var old in store.Certificates)
        {
            using (old)
            {
                if (old.Subject == Subject && old.NotAfter < DateTime.Now)
                {
                    store.Remove(old);
                }
            }
        }
    }

    private static void Untrust(string thumbprint)
    {
        try
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadWrite);
            foreach (var found in store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false))
            {
                using (found)
                {
                    store.Remove(found);
                }
            }
        }
        catch (CryptographicException)
        {
            // Exiting anyway; the leftover expires within two days and the next run removes it.
        }
    }
}
