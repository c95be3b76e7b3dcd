using System.Text;
using CodeSigningCerts.Certificates.Signed;
using CodeSigningCerts.Certificates.Signed.Cms;

namespace CodeSigningCerts.UnitTests;

/// <summary>
/// No false alarm on files no one here made, and no missed change: every real vendor-signed file verifies, and the
/// same file with one byte changed does not.
/// </summary>
public sealed class RealSignedFilesTests
{
    public static TheoryData<int> Files() => new(Enumerable.Range(0, RealSignedFiles.All.Length));

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_real_signed_file_verifies(int index)
    {
        var file = RealSignedFiles.All[index];
        var signed = Inspect(file, RealSignedFiles.Read(file));

        Assert.True(signed.Verification.Verified, file + ": " + signed.Verification.Reason);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_real_signed_file_with_one_byte_changed_does_not_verify(int index)
    {
        var file = RealSignedFiles.All[index];
        var bytes = RealSignedFiles.Read(file);
        var at = SignedByteToChange(file, bytes);
        bytes[at] = bytes[at] == (byte)'e' ? (byte)'a' : (byte)'e';

        var signed = Inspect(file, bytes);

        Assert.False(signed.Verification.Verified, file + ": the byte at " + at + " changed, and it still verified.");
        Assert.Equal(file.PathInPackage.EndsWith(".cat", StringComparison.Ordinal) ? PackageTrustProblem.SignatureNotValid : PackageTrustProblem.ChangedAfterSigning, signed.Verification.Problem);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Store_signed_packages_carry_a_valid_time_stamp_inside_their_short_lived_signer(int index)
    {
        var file = RealSignedFiles.All[index];
        var signed = Inspect(file, RealSignedFiles.Read(file));
        Assert.Equal(file.PathInPackage.EndsWith(".msix", StringComparison.Ordinal), signed.IsPackage);
        if (!signed.IsPackage)
        {
            // Every real PE, catalog and script here is time-stamped too: the time-stamp is found for every kind.
            Assert.NotNull(signed.Verification.TimeStamp);
            return;
        }

        // Microsoft Store signer certificates live for days; devices judge the signature at its time-stamp.
        var stamped = Assert.NotNull(signed.Verification.TimeStamp);
        Assert.InRange(stamped, signed.Signer.NotBefore.ToUniversalTime(), signed.Signer.NotAfter.ToUniversalTime());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_as_a_package_only_a_package_is_verified_and_nothing_else_is_hashed(int index)
    {
        var file = RealSignedFiles.All[index];
        var bytes = RealSignedFiles.Read(file);
        using var stream = new MemoryStream(bytes, writable: false);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        if (!file.PathInPackage.EndsWith(".msix", StringComparison.Ordinal))
        {
            // Hashing checks the token before every read: a cancelled token shows the file was refused unhashed.
            Assert.Null(SignedFileInspection.InspectPackage(Path.GetFileName(file.PathInPackage), stream, bytes[..4], 4 * 1024 * 1024, cancelled.Token));
            return;
        }

        var package = SignedFileInspection.InspectPackage(Path.GetFileName(file.PathInPackage), stream, bytes[..4], 4 * 1024 * 1024, CancellationToken.None);

        Assert.True(package!.IsPackage);
        Assert.True(package.Verification.Verified, file + ": " + package.Verification.Reason);
    }

    [Fact]
    public void A_package_digest_that_names_a_part_twice_is_refused_before_anything_is_hashed()
    {
        // A real package's own signed digest, which verifies, with its AXPC entry named again: hashing every entry the
        // digest names would hash the whole package once per repetition (thousands, in a self-signed package).
        var file = RealSignedFiles.All.First(f => f.PathInPackage.EndsWith(".msix", StringComparison.Ordinal));
        var bytes = RealSignedFiles.Read(file);
        using var stream = new MemoryStream(bytes, writable: false);
        using var archive = AppPackage.Open(stream);
        var (digest, algorithm) = SignedPackageDigest(AppPackage.Read(archive, 4 * 1024 * 1024)!.Signature!);
        Assert.Null(AppPackageDigest.Check(stream, archive, digest, algorithm, CancellationToken.None));

        using var probe = IncrementalHash.CreateHash(algorithm);
        var entryLength = 4 + probe.HashLengthInBytes;
        var axpc = Enumerable.Range(0, (digest.Length - 4) / entryLength).Select(i => 4 + (i * entryLength)).Single(at => Encoding.ASCII.GetString(digest, at, 4) == "AXPC");
        var repeated = digest.Concat(digest[axpc..(axpc + entryLength)]).ToArray();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal("its signed digest names a part (AXPC) twice", AppPackageDigest.Check(stream, archive, repeated, algorithm, CancellationToken.None));

        // Hashing checks the token before every read: a cancelled token shows the digest was refused unhashed.
        Assert.Equal("its signed digest names a part (AXPC) twice", AppPackageDigest.Check(stream, archive, repeated, algorithm, cancelled.Token));
    }

    [Fact]
    public void An_xml_files_signed_text_ends_at_its_own_block_even_when_its_text_quotes_a_scripts_opening_line()
    {
        // PSGet.Format.ps1xml with "# SIG # Begin signature block", a script's opening line, quoted in a comment of its
        // text (as documentation of signing might): the signed text still ends at the XML block's own line.
        var file = RealSignedFiles.All.First(f => f.PathInPackage.EndsWith("PSGet.Format.ps1xml", StringComparison.Ordinal));
        var original = RealSignedFiles.Read(file);
        var quoted = Encoding.UTF8.GetBytes("\r\n<!-- how a script is signed:\r\n# SIG # Begin signature block\r\n-->");
        var firstLine = Array.IndexOf(original, (byte)'\n') + 1;
        var bytes = original[..firstLine].Concat(quoted).Concat(original[firstLine..]).ToArray();
        var block = Bytes.IndexOf(bytes, Encoding.UTF8.GetBytes("\r\n<!-- SIG # Begin signature block"));

        using var stream = new MemoryStream(bytes, writable: false);
        var layout = ScriptSignature.Read(stream, bytes[..32], bytes.Length);

        Assert.True(block > firstLine);
        Assert.Equal(block, layout!.SignedTextEnd);
    }

    [Fact]
    public void A_damaged_time_stamp_attribute_leaves_the_signature_verified_without_a_time_stamp()
    {
        // pwsh.exe's signer carries Microsoft's RFC 3161 time-stamp as an unsigned attribute, which neither the
        // signature nor the file's digest covers: a damaged one is no time-stamp, not a damaged file.
        var file = RealSignedFiles.All.First(f => f.PathInPackage.EndsWith("pwsh.exe", StringComparison.Ordinal));
        var bytes = RealSignedFiles.Read(file);
        var oid = Bytes.IndexOf(bytes, [0x06, 0x0A, 0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x03, 0x03, 0x01]);
        Assert.True(oid > 4 && bytes[oid - 4] == 0x30 && bytes[oid - 3] == 0x82, "the time-stamp attribute's SEQUENCE (a two-byte length) before its type");
        Assert.NotNull(Inspect(file, bytes).Verification.TimeStamp);

        bytes[oid - 4] = 0x31;
        var damaged = Inspect(file, bytes);

        Assert.True(damaged.Verification.Verified, damaged.Verification.Reason);
        Assert.Null(damaged.Verification.TimeStamp);
    }

    /// <summary>The digest an app package's signature carries (its SpcIndirectData's DigestInfo), and its algorithm.</summary>
    private static (byte[] Digest, HashAlgorithmName Algorithm) SignedPackageDigest(byte[] signature)
    {
        var indirect = CmsSignedData.Read(signature).ParsedContent!.Value.Children();
        indirect.Read(0x30, "SpcIndirectData's data");
        var digestInfo = indirect.Read(0x30, "SpcIndirectData's digest").Children();
        var algorithm = DigestAlgorithms.FromOid(DerOid.Read(digestInfo.Read(0x30, "the digest's algorithm").Children().Read()))!.Value;
        return (digestInfo.Read(0x04, "the digest").Content(), algorithm);
    }

    /// <summary>A byte the signature covers but does not contain: a letter of a script's text, a byte of a PE's code or a package's files, a catalog's member list.</summary>
    private static int SignedByteToChange(RealSignedFiles.RealFile file, byte[] bytes)
    {
        if (file.PathInPackage.EndsWith(".cat", StringComparison.Ordinal))
        {
            // The trust list comes first in the signed content, a few hundred bytes in.
            return IndexOfLetter(bytes, 200);
        }

        if (file.PathInPackage.EndsWith(".msix", StringComparison.Ordinal) || file.PathInPackage.EndsWith(".dll", StringComparison.Ordinal) || file.PathInPackage.EndsWith(".exe", StringComparison.Ordinal))
        {
            return bytes.Length / 3;
        }

        return IndexOfLetter(bytes, 3);
    }

    private static int IndexOfLetter(byte[] bytes, int from)
    {
        for (var i = from; i < bytes.Length; i++)
        {
            if (bytes[i] is >= (byte)'b' and <= (byte)'z')
            {
                return i;
            }
        }

        throw new Xunit.Sdk.XunitException("no letter to change");
    }

    private static SignedFile Inspect(RealSignedFiles.RealFile file, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return SignedFileInspection.Inspect(Path.GetFileName(file.PathInPackage), stream, bytes[..4], 4 * 1024 * 1024, CancellationToken.None)
            ?? throw new Xunit.Sdk.XunitException(file + " was not recognised as a signed file.");
    }
}
