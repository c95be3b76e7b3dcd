using CodeSigningCerts.Certificates;

namespace CodeSigningCerts.UnitTests;

/// <summary>Whether an entry Graph holds is a given certificate, or its renewal, or the certificate it renews.</summary>
public sealed class CertificateIdentityTests
{
    [Fact]
    public void An_entry_without_content_is_the_certificate_when_subject_issuer_and_expiry_agree_even_spelled_in_reverse()
    {
        using var certificate = MadeCertificates.Make("CN=Signer, O=Contoso, C=US", MadeCertificates.Expiry);

        Assert.True(CertificateIdentity.IsSame(certificate, certificate.RawData, MadeCertificates.EntryFor(certificate, "a", "C=US, O=Contoso, CN=Signer")));
    }

    [Fact]
    public void Content_decides_when_Graph_returned_it()
    {
        using var certificate = MadeCertificates.Make("CN=Signer", MadeCertificates.Expiry);
        using var other = MadeCertificates.Make("CN=Signer", MadeCertificates.Expiry);

        Assert.False(CertificateIdentity.IsSame(certificate, certificate.RawData, MadeCertificates.EntryFor(certificate, "a", content: other.RawData)));
        Assert.True(CertificateIdentity.IsSame(certificate, certificate.RawData, MadeCertificates.EntryFor(certificate, "a", content: certificate.RawData)));
    }

    [Fact]
    public void A_renewal_with_the_same_subject_supersedes_the_older_one_and_not_the_other_way_round()
    {
        using var old = MadeCertificates.Make("CN=Signer", MadeCertificates.Expiry);
        using var renewal = MadeCertificates.Make("CN=Signer", MadeCertificates.Expiry.AddDays(365));
        var oldEntry = MadeCertificates.EntryFor(old, "old");

        Assert.True(CertificateIdentity.IsSupersededBy(oldEntry, renewal, renewal.RawData));
        Assert.False(CertificateIdentity.Supersedes(oldEntry, renewal, renewal.RawData));
        Assert.True(CertificateIdentity.Supersedes(MadeCertificates.EntryFor(renewal, "new"), old, old.RawData));
    }

    [Fact]
    public void Another_subject_is_neither_the_same_nor_superseded()
    {
        using var certificate = MadeCertificates.Make("CN=Signer", MadeCertificates.Expiry);
        using var stranger = MadeCertificates.Make("CN=Someone Else", MadeCertificates.Expiry.AddDays(-10));
        var entry = MadeCertificates.EntryFor(stranger, "x");

        Assert.False(CertificateIdentity.IsSame(certificate, certificate.RawData, entry));
        Assert.False(CertificateIdentity.IsSupersededBy(entry, certificate, certificate.RawData));
    }
}
