using System.Reflection;

namespace CodeSigningCerts.UnitTests;

/// <summary>
/// Vendor-signed files from public NuGet packages, which restore puts in the package folder (Directory.Build.targets
/// downloads each package at the version Directory.Packages.props pins, and the build tells this class which): Microsoft
/// Store-signed MSIX packages (72-hour signer certificates, RFC 3161 time-stamps), Authenticode PE files from 2017 to
/// now, a catalog, and signed PowerShell files in UTF-8 with and without a byte order mark and as XML. Each file is
/// pinned by its SHA-256, so a test never runs against another file.
/// </summary>
internal static class RealSignedFiles
{
    public sealed record RealFile(string Package, string PathInPackage, string Sha256, string Note)
    {
        /// <summary>The version restore downloaded, as Directory.Packages.props pins it.</summary>
        public string Version => Downloaded[Package];

        public override string ToString() => Package + "/" + Version + "/" + PathInPackage;
    }

    public static readonly RealFile[] All =
    {
        new("microsoft.windowsappsdk.runtime", "tools/MSIX/win10-x64/Microsoft.WindowsAppRuntime.Main.1.8.msix", "2ed1b8cbc9527087af3d12a0e2236a1146b93bf728313166f501eb7d97700c18", "Store-signed MSIX with AXCI"),
        new("microsoft.windowsappsdk.runtime", "tools/MSIX/win10-x64/Microsoft.WindowsAppRuntime.DDLM.1.8.msix", "c5b581c3651b04adf2597a26a5b061e676ecce93d2ad9eb0cd7794862c2e8904", "Store-signed MSIX"),
        new("microsoft.windowsappsdk.runtime", "tools/MSIX/win10-x64/Microsoft.WindowsAppRuntime.Singleton.1.8.msix", "eacff56d6df3c47793930c23476507a814e6b3fc81333229a330b97ec0147e3d", "Store-signed MSIX"),
        new("microsoft.windowsappsdk.runtime", "tools/MSIX/win10-x86/Microsoft.WindowsAppRuntime.Main.1.8.msix", "b5b142706e95785324498458af64c2df008ce71747d71e79253cb30cf2ab44fd", "Store-signed MSIX"),
        new("microsoft.windowsappsdk.runtime", "tools/MSIX/win10-arm64/Microsoft.WindowsAppRuntime.Main.1.8.msix", "ae5d8e802ee84e077929d66527eb1da08fffa528055ccded59599520cf230c76", "Store-signed MSIX"),
        new("powershell", "tools/net10.0/any/win/pwsh.exe", "dbbcd687e4d36d191a11170b3e403331c7096fd498e01722a66c81da5e2c588f", "PE, Microsoft"),
        new("pester", "tools/bin/net452/Pester.dll", "56c3453933a368c69409df4ce0e14711c81bf2c8832aa618b118beec08aea7b3", "PE, Pester's own certificate"),
        new("microsoft.testplatform.testhost", "build/net8.0/x64/testhost.exe", "6a3a6cfca1f99e54bc7d6851009df33c4184d2c65663165b5d5de6c0fe6e5420", "PE32+ executable"),
        new("system.buffers", "lib/netstandard2.0/System.Buffers.dll", "c65fff603b283dc966d1a8b730c11d5e5e750e8021bd24640612f6cc3f2c6fb7", "PE, 2018"),
        new("system.numerics.vectors", "lib/netstandard2.0/System.Numerics.Vectors.dll", "2324ee5a35674269225e2aa20957ce8830dbca0cffb918bd593f7a3222dee480", "PE, 2017, dual-signed"),
        new("system.valuetuple", "lib/net47/System.ValueTuple.dll", "e905d102585b22c6df04f219af5cbdbfa7bc165979e9788b62df6dcc165e10f4", "PE, 2018"),
        new("microsoft.management.infrastructure", "_manifest/spdx_2.2/manifest.cat", "e41d6ff611a4f91a9e6a240e2bad7673f87384ec5b6fbb91310ef1d3dc3cc8af", "catalog"),
        new("pester", "tools/Pester.psm1", "aee3fa3f345c9ed25f62bbb3d3584637ac31864e18077d541664bfc01ef22acb", "UTF-8 without BOM, non-ASCII past the first 32 bytes: hashed as ANSI"),
        new("pester", "tools/Pester.ps1", "6805f1a45d78009bcbccf9691ab7b3c69ea252a74e405f8dd58d725808ae98d5", "UTF-8 with BOM"),
        new("pester", "tools/Pester.psd1", "5ce1ff3d5aa9e6c84a20f36e082937b1c263277f4753529dc8db2e22fd964dca", "UTF-8 with BOM, module manifest"),
        new("powershell", "tools/net10.0/any/unix/Modules/Microsoft.PowerShell.Archive/Microsoft.PowerShell.Archive.psm1", "cd074c5faa453a282e8b046967b90ade769b2575cf46cce6db4659ac29198c27", "no BOM, non-ASCII"),
        new("powershell", "tools/net10.0/any/unix/Modules/PowerShellGet/PSGet.Format.ps1xml", "4f12dd41e0fab7b1a97ae83a84bddb567ce9876f9e6c3496d833cfbb8e52bd7f", "XML signature block"),
        new("powershell", "tools/net10.0/any/unix/Modules/PackageManagement/PackageManagement.format.ps1xml", "6cc6da35a87357e213fa7a2cd0faf9b1db1bb83bdaaf9f73c952fe9ad2bb4596", "XML signature block"),
    };

    private static readonly string PackageRoot = Metadata("NuGetPackageRoot");

    // Each PackageDownload as the build wrote it ("Id=[version];…"), by id as the package folder spells it (lower case).
    private static readonly Dictionary<string, string> Downloaded = Metadata("PackageDownloads")
        .Split(';')
        .Select(download => download.Split('='))
        .ToDictionary(parts => parts[0].ToLowerInvariant(), parts => parts[1].Trim('[', ']'), StringComparer.Ordinal);

    /// <summary>The file's bytes, after checking they are the pinned ones.</summary>
    public static byte[] Read(RealFile file)
    {
        var path = Path.Combine(PackageRoot, file.Package, file.Version, file.PathInPackage);
        Assert.True(File.Exists(path), "Restore did not bring " + path + " (see tests/CodeSigningCerts.UnitTests/Directory.Build.targets).");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return bytes;
    }

    private static string Metadata(string key) =>
        typeof(RealSignedFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
}
