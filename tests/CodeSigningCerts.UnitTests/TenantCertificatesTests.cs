using System.Text;
using CodeSigningCerts.Certificates;
using CodeSigningCerts.Certificates.Names;

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

    [Fact]
    public void An_entry_with_content_and_no_expiry_is_found_by_its_content()
    {
        using var certificate = MadeCertificates.Quick("CN=Content Only", MadeCertificates.Expiry);
        using var other = MadeCertificates.Quick("CN=Content Only", MadeCertificates.Expiry);
        var tenant = new TenantCertificates(
        [
            Entry("other", "CN=Content Only", expires: null, content: other.RawData),
            Entry("no-content", "CN=Content Only", expires: null),
            // Content decides, whatever the names say.
            Entry("by-content", "not a DN", expires: null, content: certificate.RawData),
        ]);

        Assert.Equal(["by-content"], tenant.FindAllSame(certificate).Select(e => e.Id));
        tenant.Remove("by-content");
        Assert.Null(tenant.FindSame(certificate));
    }

    [Fact]
    public void An_entry_with_content_is_found_by_its_content_whatever_expiry_it_was_listed_with()
    {
        // Content decides sameness (CertificateIdentity), so an entry that carries it is read by every lookup, not only
        // by those for its listed expiry: an answer that echoed another date must not make the certificate pass for new.
        using var certificate = MadeCertificates.Quick("CN=Echoed Date", MadeCertificates.Expiry);
        var tenant = new TenantCertificates([Entry("echoed", "CN=Echoed Date", expires: MadeCertificates.Expiry.UtcDateTime.AddDays(-3), content: certificate.RawData)]);

        Assert.Equal(["echoed"], tenant.FindAllSame(certificate).Select(e => e.Id));
        tenant.Remove("echoed");
        Assert.Empty(tenant.FindAllSame(certificate));
    }

    [Fact]
    public void Entries_without_id_or_subject_are_kept_and_answer_no_question_they_cannot()
    {
        using var certificate = MadeCertificates.Quick("CN=Kept Anyway", MadeCertificates.Expiry);
        using var renewal = MadeCertificates.Quick("CN=Kept Anyway", MadeCertificates.Expiry.AddDays(30));
        var tenant = new TenantCertificates([Entry(null, certificate.Subject, certificate.NotAfter), Entry("no-subject", null, certificate.NotAfter)]);

        Assert.Null(tenant.FindSame(certificate)?.Id);
        Assert.NotNull(tenant.FindSame(certificate));
        Assert.Empty(tenant.SupersededBy(renewal)); // the entry without id cannot be removed
        Assert.Equal(["no-subject"], tenant.Ids());
    }

    [Fact]
    public void The_subject_index_built_by_the_first_supersession_question_follows_what_was_added_and_removed_before_and_after()
    {
        const string subject = "CN=Rolling";
        using var first = MadeCertificates.Quick(subject, MadeCertificates.Expiry);
        using var second = MadeCertificates.Quick(subject, MadeCertificates.Expiry.AddDays(10));
        using var third = MadeCertificates.Quick(subject, MadeCertificates.Expiry.AddDays(20));
        using var fourth = MadeCertificates.Quick(subject, MadeCertificates.Expiry.AddDays(30));
        using var renewal = MadeCertificates.Quick(subject, MadeCertificates.Expiry.AddDays(100));
        using var unrelated = MadeCertificates.Quick("CN=Unrelated", MadeCertificates.Expiry);
        var tenant = new TenantCertificates([MadeCertificates.EntryFor(first, "a"), MadeCertificates.EntryFor(second, "b")]);

        // Before any supersession question: one removed, one created, one replaced by an entry of another subject.
        tenant.Remove("a");
        tenant.AddCreated(MadeCertificates.EntryFor(third, "c"));
        tenant.Add(MadeCertificates.EntryFor(unrelated, "b"));
        Assert.Equal(["c"], tenant.SupersededBy(renewal).Select(e => e.Id));

        // After it: the same kinds of change.
        tenant.Remove("c");
        tenant.AddCreated(MadeCertificates.EntryFor(fourth, "d"));
        tenant.Add(MadeCertificates.EntryFor(first, "b"));
        Assert.Equal(["b", "d"], tenant.SupersededBy(renewal).Select(e => e.Id).Order());
        Assert.Equal("d", tenant.FindNewer(third)?.Id);
        Assert.Null(tenant.FindSame(unrelated));

        // A lost answer's fresh listing, which does not show "d" yet: the created entry is still superseded, the listed one too.
        tenant.Replace([MadeCertificates.EntryFor(second, "b")]);
        Assert.Equal(["b", "d"], tenant.SupersededBy(renewal).Select(e => e.Id).Order());
        Assert.Equal("d", tenant.FindNewer(first)?.Id);
    }

    [Fact]
    public void Entries_whose_names_are_no_DN_are_compared_without_error_and_match_no_certificate()
    {
        string[] names = ["not a distinguished name", "CN=", "CN=\"unclosed", "=value", "CN=a,,O=b", "/", "#", "CN=#zz", "CN=#13ff61", "", "   ", "O=b, CN", "CN=\\"];
        using var certificate = MadeCertificates.Quick("CN=New, O=Contoso", MadeCertificates.Expiry);
        using var renewal = MadeCertificates.Quick("CN=New, O=Contoso", MadeCertificates.Expiry.AddDays(30));
        // Half share the certificate's expiry, so their names are read.
        var tenant = new TenantCertificates(names.Select((name, i) => Entry("id-" + i, name, i % 2 == 0 ? certificate.NotAfter : certificate.NotAfter.AddDays(-i))));

        Assert.Empty(tenant.FindAllSame(certificate));
        Assert.Null(tenant.FindNewer(certificate));
        Assert.Empty(tenant.SupersededBy(renewal));
    }

    // The point of keeping entries by expiry: a certificate new to the tenant costs no name parsed, however many entries.
    [Fact]
    public void Listing_a_tenant_and_asking_whether_a_certificate_whose_expiry_no_entry_shares_is_there_parses_no_name()
    {
        // A PrintableString in RFC 4514's hex: the parser decodes it with the encoding it asks for by name, which a
        // registered provider is asked for first. That request is how this test sees a name being parsed.
        const string seen = "CN=#130161, O=Contoso";
        using var certificate = MadeCertificates.Quick("CN=a, O=Contoso", MadeCertificates.Expiry);
        var entries = Enumerable.Range(1, 200).Select(i => Entry("id-" + i, seen, certificate.NotAfter.AddSeconds(-i), issuer: seen)).ToList();
        var before = EncodingRequests.Latin1;
        Assert.Equal(DistinguishedName.MatchKey("CN=a, O=Contoso"), DistinguishedName.MatchKey(seen));
        Assert.True(EncodingRequests.Latin1 > before, "parsing the entries' names is not seen");

        before = EncodingRequests.Latin1;
        var tenant = new TenantCertificates(entries);
        Assert.Empty(tenant.FindAllSame(certificate));
        Assert.Null(tenant.FindSame(certificate));
        Assert.Equal(before, EncodingRequests.Latin1);

        // An entry that shares the expiry is compared by name (and found the same under that spelling): that is seen.
        tenant.Add(Entry("same", seen, certificate.NotAfter, issuer: seen));
        Assert.Equal("same", tenant.FindSame(certificate)?.Id);
        Assert.True(EncodingRequests.Latin1 > before);
    }

    private static EnterpriseCodeSigningCertificate Entry(string? id, string? subject, DateTime? expires, byte[]? content = null, string? issuer = null) =>
        new(id, CertificateStatus.NotProvisioned, subject, null, issuer ?? subject, null, expires is { } e ? new DateTimeOffset(e.ToUniversalTime(), TimeSpan.Zero) : null, DateTimeOffset.UtcNow, content);

    /// <summary>Counts, on the calling thread (tests run in parallel), the requests for ISO-8859-1 by name; answers none of them.</summary>
    private sealed class EncodingRequests : EncodingProvider
    {
        [ThreadStatic]
        private static int t_latin1;

        static EncodingRequests() => Encoding.RegisterProvider(new EncodingRequests());

        public static int Latin1 => t_latin1;

        public override Encoding? GetEncoding(string name)
        {
            if (string.Equals(name, "ISO-8859-1", StringComparison.OrdinalIgnoreCase))
            {
                t_latin1++;
            }

            return null;
        }

        public override Encoding? GetEncoding(int codepage) => null;
    }
}
