using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CodeSigningCerts.Bench;

/// <summary>
/// Issue 24's row: verifying a 100 MB signed package (what New- and Test- do before anything else: the signature, then
/// the APPX digests, AXPC hashing every byte of the zip once) against `sha256sum` over the same file, measured side by
/// side in alternating rounds so that both see the same page cache and load. Budget: at most 1.5x.
/// The module's reader is called in this process through reflection on output/'s CodeSigningCerts.dll: the row
/// measures the verification, not PowerShell's pipeline or Graph.
/// </summary>
internal static class PackageVerifyBench
{
    public const double Budget = 1.5;
    private const int PayloadBytes = 100 * 1000 * 1000;

    public static VerifyResult Run(string scratch, int rounds)
    {
        var package = Path.Combine(scratch, "Contoso.Large.msix");
        using (var signer = Signer())
        {
            File.WriteAllBytes(package, SignedPackage(signer));
        }

        var module = Assembly.LoadFrom(Path.Combine(Paths.ModuleDirectory, "CodeSigningCerts.dll"));
        var reader = module.GetType("CodeSigningCerts.Certificates.Signed.SignedFileReader", throwOnError: true)!
            .GetMethod("TryRead", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(string), typeof(CancellationToken)])!;

        // One untimed round each: the JIT, and the file into the page cache.
        Verify(reader, package);
        Sha256Sum(package);
        var moduleMs = new List<double>();
        var baseline = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            moduleMs.Add(Verify(reader, package));
            baseline.Add(Sha256Sum(package));
        }

        File.Delete(package);
        return new VerifyResult(PayloadBytes, moduleMs, baseline);
    }

    private static double Verify(MethodInfo reader, string package)
    {
        var watch = Stopwatch.StartNew();
        var signed = reader.Invoke(null, [package, CancellationToken.None]) ?? throw new InvalidOperationException("the package was not read as signed");
        watch.Stop();
        GC.KeepAlive(signed);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Sha256Sum(string package)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("sha256sum", [package]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("sha256sum failed");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static X509Certificate2 Signer()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Contoso Apps", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>A stored-entry MSIX with a 100 MB payload, signed over its APPX digest as MakeAppx and SignTool sign it.</summary>
    private static byte[] SignedPackage(X509Certificate2 signer)
    {
        var payload = new byte[PayloadBytes];
        new Random(24).NextBytes(payload);
        var contentTypes = Encoding.UTF8.GetBytes("<Types />");
        var blockMap = Encoding.UTF8.GetBytes("<BlockMap />");
        var entries = new List<(string, byte[])>
        {
            ("Payload.bin", payload),
            ("AppxManifest.xml", Encoding.UTF8.GetBytes("<Package><Identity Name=\"Contoso.Large\" Publisher=\"CN=Contoso Apps\" /></Package>")),
            ("AppxBlockMap.xml", blockMap),
            ("[Content_Types].xml", contentTypes),
        };
        var (records, directory) = Zip(entries);
        var end = End(entries.Count, directory.Length, records.Length);
        var digest = new List<byte>(Encoding.ASCII.GetBytes("APPX"));
        foreach (var (tag, bytes) in new[] { ("AXPC", records), ("AXCD", directory.Concat(end).ToArray()), ("AXCT", contentTypes), ("AXBM", blockMap) })
        {
            digest.AddRange(Encoding.ASCII.GetBytes(tag));
            digest.AddRange(SHA256.HashData(bytes));
        }

        var cms = new SignedCms(new ContentInfo(new Oid("1.3.6.1.4.1.311.2.1.4"), IndirectData(digest.ToArray())), detached: false);
        cms.ComputeSignature(new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer) { IncludeOption = X509IncludeOption.EndCertOnly });
        entries.Add(("AppxSignature.p7x", Encoding.ASCII.GetBytes("PKCX").Concat(cms.Encode()).ToArray()));
        var (allRecords, allDirectory) = Zip(entries);
        return [.. allRecords, .. allDirectory, .. End(entries.Count, allDirectory.Length, allRecords.Length)];
    }

    private static byte[] IndirectData(byte[] digest)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.3.6.1.4.1.311.2.1.30");
            }

            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("2.16.840.1.101.3.4.2.1");
                }

                writer.WriteOctetString(digest);
            }
        }

        return writer.Encode();
    }

    private static (byte[] Records, byte[] Directory) Zip(List<(string Name, byte[] Data)> entries)
    {
        using var records = new MemoryStream();
        using var directory = new MemoryStream();
        var r = new BinaryWriter(records);
        var d = new BinaryWriter(directory);
        foreach (var (name, data) in entries)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var crc = Crc32(data);
            var offset = (uint)records.Length;
            r.Write(0x04034B50u); r.Write((ushort)20); r.Write((ushort)0); r.Write((ushort)0); r.Write((ushort)0); r.Write((ushort)0x21);
            r.Write(crc); r.Write((uint)data.Length); r.Write((uint)data.Length); r.Write((ushort)nameBytes.Length); r.Write((ushort)0);
            r.Write(nameBytes); r.Write(data);
            d.Write(0x02014B50u); d.Write((ushort)20); d.Write((ushort)20); d.Write((ushort)0); d.Write((ushort)0); d.Write((ushort)0); d.Write((ushort)0x21);
            d.Write(crc); d.Write((uint)data.Length); d.Write((uint)data.Length); d.Write((ushort)nameBytes.Length); d.Write((ushort)0); d.Write((ushort)0);
            d.Write((ushort)0); d.Write((ushort)0); d.Write(0u); d.Write(offset); d.Write(nameBytes);
        }

        return (records.ToArray(), directory.ToArray());
    }

    private static byte[] End(int count, int directorySize, int directoryOffset)
    {
        using var end = new MemoryStream();
        var w = new BinaryWriter(end);
        w.Write(0x06054B50u); w.Write((ushort)0); w.Write((ushort)0); w.Write((ushort)count); w.Write((ushort)count);
        w.Write((uint)directorySize); w.Write((uint)directoryOffset); w.Write((ushort)0);
        return end.ToArray();
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }
}

/// <summary>The verify row's samples: the module's verification and sha256sum, in milliseconds, round by round.</summary>
internal sealed record VerifyResult(int PayloadBytes, List<double> ModuleMs, List<double> Sha256SumMs)
{
    public double Ratio => Median(ModuleMs.Zip(Sha256SumMs, (m, s) => m / s).ToList());

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
