using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GraphEmulator.Hosting;

/// <summary>
/// The TLS certificate of every Entra emulator in this process (MSAL accepts only https authorities): self-signed,
/// for 127.0.0.1 and localhost, server authentication only, made once per process. <see cref="EnsureTrusted"/> puts
/// it in the current user's trusted roots once and takes it out when the process exits; nothing here ever turns
/// certificate validation off. Tests run in parallel, so trust is per process, never per emulator instance.
/// </summary>
/// <remarks>
/// Each run's certificate has a subject of its own (<see cref="RunId"/>: this process's id and a GUID), and a run
/// removes only the certificate it added. The trusted roots are the user's, not the run's (on Linux, files under
/// ~/.dotnet/corefx/cryptography/x509stores/root/), so every test run of that user shares them: two clones tested at
/// once, a helper's run beside CI. With one fixed subject for all of them, the roots of two runs were told apart by
/// nothing but their keys, so whatever looks a root up by its name (chain building, which finds a self-signed
/// certificate's issuer by subject; a clean-up matching on the subject) could meet the other run's root instead of its
/// own: a chain that does not verify, or a root removed under a run still serving with it. The only certificates of
/// other runs ever removed are expired ones, left by a run that died before its exit: trusted by no one any more, so
/// removing them cannot break a run still going.
/// </remarks>
public static class EmulatorTlsCertificate
{
    /// <summary>The common name every emulator certificate starts with; leftovers of crashed runs are recognised by it.</summary>
    public const string CommonNamePrefix = "CodeSigningCerts Entra Emulator (local tests only)";

    // Short-lived, so a certificate left behind by a process that died before ProcessExit stops being trusted soon.
    private static readonly TimeSpan Validity = TimeSpan.FromDays(2);
    private static readonly Lazy<X509Certificate2> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();
    private static bool trusted;

    /// <summary>What sets this run's certificate apart from every other run's: the process id, and a GUID for a reused one.</summary>
    public static string RunId { get; } = "process " + Environment.ProcessId + " run " + Guid.NewGuid().ToString("N");

    /// <summary>This run's subject: the prefix and <see cref="RunId"/>.</summary>
    public static string Subject { get; } = "CN=" + CommonNamePrefix + " " + RunId + ", O=CodeSigningCerts tests";

    /// <summary>The certificate with its private key, as Kestrel serves it.</summary>
    public static X509Certificate2 Certificate => Shared.Value;

    /// <summary>
    /// Adds the certificate (public part) to CurrentUser\Root unless this process already did, and removes it at
    /// process exit. On Linux .NET's HttpClient (and so MSAL) trusts it from the next handshake on; expired leftovers of
    /// earlier runs are removed here too (<see cref="RemoveExpiredLeftovers"/>). Thread-safe and idempotent.
    /// </summary>
    public static void EnsureTrusted()
    {
        lock (Gate)
        {
            if (trusted)
            {
                return;
            }

            RemoveExpiredLeftovers();
            using var publicOnly = X509CertificateLoader.LoadCertificate(Certificate.RawData);
            using (var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
            {
                store.Open(OpenFlags.ReadWrite);
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

    /// <summary>
    /// Removes from CurrentUser\Root the certificates of other emulator runs (<see cref="CommonNamePrefix"/>) whose
    /// validity has ended: left by runs that died before their exit. Never this run's, never one still valid.
    /// </summary>
    public static void RemoveExpiredLeftovers()
    {
        var now = DateTime.Now;
        using var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        foreach (var old in store.Certificates)
        {
            using (old)
            {
                if (old.NotAfter < now && old.Subject != Subject
                    && old.GetNameInfo(X509NameType.SimpleName, forIssuer: false).StartsWith(CommonNamePrefix, StringComparison.Ordinal))
                {
                    store.Remove(old);
                }
            }
        }
    }

    // By thumbprint: exactly the certificate this run added, never another run's with a name like it.
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
