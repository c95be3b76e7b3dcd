using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Robustness;

/// <summary>
/// Malformed certificate inputs made from one valid code-signing certificate with fixed seeds: bit flips,
/// truncations, DER lengths off by one, broken PEM and PKCS#7. The positions are the same every run; the
/// certificate's key is fresh, but every RSA-2048 certificate made here has the same layout, so each mutation
/// hits the same field every run.
/// </summary>
public static class MalformedCorpus
{
    private const int Seed = 1401;

    /// <summary>A code-signing certificate with fixed names, dates and serial number, valid until 2099.</summary>
    public static X509Certificate2 Base()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Corpus Signing, O=Contoso Ltd, C=US", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.3") }, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var issuerKey = RSA.Create(2048);
        var issuerRequest = new CertificateRequest("CN=Corpus Issuing CA, O=Contoso Ltd, C=US", issuerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        issuerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var issuer = issuerRequest.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return request.Create(issuer, new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), new byte[] { 0x14, 0x01, 0x02, 0x03 });
    }

    /// <summary>Every DER mutation, named for messages: bit flips, truncations, lengths off by one.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> DerMutations(byte[] der)
    {
        var random = new Random(Seed);
        var mutations = new List<(string, byte[])>();
        for (var i = 0; i < 120; i++)
        {
            var position = random.Next(der.Length);
            var bit = random.Next(8);
            var flipped = (byte[])der.Clone();
            flipped[position] ^= (byte)(1 << bit);
            mutations.Add(($"flip-{position}-{bit}", flipped));
        }

        for (var i = 0; i < 20; i++)
        {
            var length = random.Next(1, der.Length);
            mutations.Add(($"truncated-{length}", der[..length]));
        }

        foreach (var offset in LengthOffsets(der))
        {
            foreach (var delta in new[] { 1, -1 })
            {
                var changed = (byte[])der.Clone();
                changed[offset] = (byte)(changed[offset] + delta);
                mutations.Add(($"length-{offset}{(delta > 0 ? "+1" : "-1")}", changed));
            }
        }

        // A position drawn twice would be the same input twice: each mutation once.
        return mutations.DistinctBy(m => m.Item1).ToList();
    }

    /// <summary>The issue's example: the EKU's inner SEQUENCE length 0a made 0b, so the certificate loads and its EKU cannot be decoded.</summary>
    public static byte[] DamagedEnhancedKeyUsage(byte[] der)
    {
        byte[] eku = { 0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x03 };
        var at = der.AsSpan().IndexOf(eku);
        Assert.True(at >= 0, "The base certificate has no code-signing EKU to damage.");
        var damaged = (byte[])der.Clone();
        damaged[at + 1] = 0x0b;
        return damaged;
    }

    /// <summary>PEM and PKCS#7 that are broken in the ways files get broken.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> BrokenContainers(X509Certificate2 certificate)
    {
        var pem = TestCertificates.Pem(certificate);
        var body = pem.Replace("-----BEGIN CERTIFICATE-----", string.Empty, StringComparison.Ordinal).Replace("-----END CERTIFICATE-----", string.Empty, StringComparison.Ordinal).Trim();
        var p7b = TestCertificates.Pkcs7(certificate);
        var random = new Random(Seed);
        var items = new List<(string, string)>
        {
            ("pem-no-footer", "-----BEGIN CERTIFICATE-----\n" + body + "\n"),
            ("pem-bad-base64", "-----BEGIN CERTIFICATE-----\n" + body.Insert(body.Length / 2, "*!") + "\n-----END CERTIFICATE-----\n"),
            ("pem-empty-block", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"),
            ("pem-only-a-key", "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n"),
            ("pem-half-body", "-----BEGIN CERTIFICATE-----\n" + body[..(body.Length / 2)] + "\n-----END CERTIFICATE-----\n"),
            ("pem-damaged-eku", PemOf(DamagedEnhancedKeyUsage(certificate.RawData))),
            ("pem-pkcs7-truncated", "-----BEGIN PKCS7-----\n" + Convert.ToBase64String(p7b[..(p7b.Length / 2)]) + "\n-----END PKCS7-----\n"),
        };
        var bytes = items.Select(i => (i.Item1, Encoding.ASCII.GetBytes(i.Item2))).ToList();
        bytes.Add(("p7b-truncated", p7b[..(p7b.Length * 2 / 3)]));
        for (var i = 0; i < 10; i++)
        {
            var flipped = (byte[])p7b.Clone();
            var position = random.Next(flipped.Length);
            flipped[position] ^= (byte)(1 << random.Next(8));
            bytes.Add(($"p7b-flip-{position}", flipped));
        }

        return bytes;
    }

    /// <summary>
    /// <paramref name="count"/> distinct code-signing certificates as one PEM bundle; one key signs them all, so
    /// making hundreds takes a fraction of a second.
    /// </summary>
    public static string PemBundle(int count)
    {
        using var key = RSA.Create(2048);
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var request = new CertificateRequest($"CN=Bundle {i:D4}, O=Contoso Ltd, C=US", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.3") }, false));
            using var certificate = request.CreateSelfSigned(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
            text.Append(PemOf(certificate.RawData));
        }

        return text.ToString();
    }

    private static string PemOf(byte[] der) => new string(PemEncoding.Write("CERTIFICATE", der)) + "\n";

    /// <summary>The offsets of DER length bytes (short form, or the last byte of a long form), nested values included.</summary>
    private static IEnumerable<int> LengthOffsets(byte[] der)
    {
        var offsets = new List<int>();
        Walk(der, 0, der.Length, offsets, depth: 0);
        return offsets.Distinct().Take(80);
    }

    private static void Walk(byte[] der, int start, int end, List<int> offsets, int depth)
    {
        var at = start;
        while (at < end)
        {
            if (at + 2 > end)
            {
                return;
            }

            var tag = der[at];
            var first = der[at + 1];
            int length;
            int header;
            if (first < 0x80)
            {
                length = first;
                header = 2;
            }
            else
            {
                var count = first & 0x7F;
                if (count is 0 or > 3 || at + 2 + count > end)
                {
                    return;
                }

                length = 0;
                for (var i = 0; i < count; i++)
                {
                    length = (length << 8) | der[at + 2 + i];
                }

                header = 2 + count;
            }

            if (at + header + length > end)
            {
                return;
            }

            offsets.Add(at + header - 1);
            var constructed = (tag & 0x20) != 0;
            if (depth < 8 && (constructed || tag == 0x04))
            {
                Walk(der, at + header, at + header + length, offsets, depth + 1);
            }

            at += header + length;
        }
    }
}
