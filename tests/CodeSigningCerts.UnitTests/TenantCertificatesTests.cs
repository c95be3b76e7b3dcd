using CodeSigningCerts.Certificates;

namespace CodeSigningCerts.UnitTests;

/// <summary>What one command knows the tenant holds, kept current with what it creates and removes.</summary>
public sealed class TenantCertificatesTests
{
    [Fact]
    public void Adding_an_entry_with_a_known_id_replaces_it_rather_than_keeping_both()
    {
        using var first = MadeCertificates.Make("CN=First", MadeCertificates.Expiry);
        using var second = MadeCertificates.Make("CN=Second", MadeCertificates.Expiry);
        var tenant = new TenantCertificates([MadeCertificates.EntryFor(first, "id-1")]);

        tenant.Add(MadeCertificates.EntryFor(second, "id-1"));

        Assert.Null(tenant.FindSame(first));
        Assert.Equal("id-1", tenant.FindSame(second)?.Id);
        Assert.Single(tenant.Ids());
    }

    [Fact]
    public void A_created_entry_survives_a_listing_that_does_not_show_it_yet()
    {
        using var certificate = MadeCertificates.Make("CN=Created", MadeCertificates.Expiry);
        var tenant = new TenantCertificates([]);
        tenant.AddCreated(MadeCertificates.EntryFor(certificate, "new"));

        tenant.Replace([]);

        Assert.Equal("new", tenant.FindSame(certificate)?.Id);
    }

    [Fact]
    public void A_removed_entry_is_forgotten_and_ids_in_except_are_left_out()
    {
        using var certificate = MadeCertificates.Make("CN=Twice", MadeCertificates.Expiry);
        var tenant = new TenantCertificates([MadeCertificates.EntryFor(certificate, "a"), MadeCertificates.EntryFor(certificate, "b")]);

        Assert.Equal(2, tenant.FindAllSame(certificate).Count);
        Assert.Equal("b", tenant.FindSame(certificate, except: new HashSet<string> { "a" })?.Id);
        tenant.Remove("b");
        Assert.Null(tenant.FindSame(certificate, except: new HashSet<string> { "a" }));
    }

    [Fact]
    public void The_newest_renewal_is_found_and_the_older_entries_are_superseded()
    {
        using var oldest = MadeCertificates.Make("CN=Rolling", MadeCertificates.Expiry);
        using var middle = MadeCertificates.Make("CN=Rolling", MadeCertificates.Expiry.AddDays(100));
        using var newest = MadeCertificates.Make("CN=Rolling", MadeCertificates.Expiry.AddDays(200));
        var tenant = new TenantCertificates([MadeCertificates.EntryFor(oldest, "oldest"), MadeCertificates.EntryFor(newest, "newest")]);

        Assert.Equal("newest", tenant.FindNewer(middle)?.Id);
        Assert.Equal(["oldest"], tenant.SupersededBy(middle).Select(e => e.Id));
    }

    // The service's spelling (content null on reads): the OpenSSL order, the slash form, other case and spacing.
    [Theory]
    [InlineData("O=Contoso Ltd, CN=Contoso Signing")]
    [InlineData("/O=Contoso Ltd/CN=Contoso Signing")]
    [InlineData("cn=contoso  signing,o=CONTOSO LTD")]
    public void An_entry_whose_subject_the_service_spelled_otherwise_is_still_found_renewed_and_superseded(string spelling)
    {
        const string subject = "CN=Contoso Signing, O=Contoso Ltd";
        using var earlier = MadeCertificates.Make(subject, MadeCertificates.Expiry.AddDays(-30));
        using var uploaded = MadeCertificates.Make(subject, MadeCertificates.Expiry);
        using var renewal = MadeCertificates.Make(subject, MadeCertificates.Expiry.AddDays(365));
        var tenant = new TenantCertificates([MadeCertificates.EntryFor(uploaded, "uploaded", subject: spelling)]);

        Assert.Equal("uploaded", tenant.FindSame(uploaded)?.Id);
        Assert.Equal("uploaded", tenant.FindNewer(earlier)?.Id);
        Assert.Equal(["uploaded"], tenant.SupersededBy(renewal).Select(e => e.Id));
    }
}
