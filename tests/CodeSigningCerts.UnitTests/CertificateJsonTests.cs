using System.Text;
using CodeSigningCerts.Engine.Json;

namespace CodeSigningCerts.UnitTests;

/// <summary>The mapping between a certificate and Graph's enterpriseCodeSigningCertificate JSON, both ways.</summary>
public sealed class CertificateJsonTests
{
    [Fact]
    public void A_body_carries_the_public_certificate_as_base64_and_its_dates_in_whole_UTC_seconds()
    {
        using var certificate = MadeCertificates.Make("CN=Body, O=Contoso", DateTimeOffset.UtcNow.AddDays(30));

        var json = Encoding.UTF8.GetString(CertificateJson.Serialize(CertificateJson.ToBody(certificate, new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)), "provisioned")));
        var parsed = CertificateJson.ParseObject(json);

        Assert.Equal(Convert.ToBase64String(certificate.RawData), parsed["content"]);
        Assert.Equal("2026-01-02T01:04:05Z", parsed["uploadDateTime"]);
        Assert.Equal("provisioned", parsed["status"]);
        Assert.Equal("Body", parsed["subjectName"]);
        Assert.DoesNotContain("PRIVATE", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_entity_is_read_with_its_dates_as_UTC_and_unknown_properties_ignored()
    {
        var record = CertificateJson.ToRecord(CertificateJson.ParseObject(
            """{"id":"x1","status":"somethingNew","subject":"CN=A","expirationDateTime":"2027-05-06T07:08:09.5+02:00","uploadDateTime":"2026-01-01T00:00:00Z","content":null,"futureProperty":[1,2]}"""));

        Assert.Equal("x1", record.Id);
        Assert.Equal("somethingNew", record.Status);
        Assert.Equal(new DateTimeOffset(2027, 5, 6, 5, 8, 9, 500, TimeSpan.Zero), record.ExpirationDateTime);
        Assert.Equal(TimeSpan.Zero, record.ExpirationDateTime!.Value.Offset);
        Assert.Null(record.Content);
    }

    [Fact]
    public void Content_that_is_not_base64_is_dropped_and_the_rest_kept()
    {
        var record = CertificateJson.ToRecord(CertificateJson.ParseObject("""{"id":"x2","content":"not base64!","subjectName":"B"}"""));

        Assert.Null(record.Content);
        Assert.Equal("B", record.SubjectName);
    }

    [Fact]
    public void A_page_gives_its_entities_and_the_next_link()
    {
        var page = CertificateJson.ReadPage(CertificateJson.ParseObject("""{"value":[{"id":"a"},{"id":"b"},"not an entity"],"@odata.nextLink":"https://graph.microsoft.com/beta/next"}"""), out var next);

        Assert.Equal(["a", "b"], page.Select(r => r.Id));
        Assert.Equal("https://graph.microsoft.com/beta/next", next);
    }

    [Theory]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("  ", "it is empty")]
    [InlineData("{\"a\":", "not valid JSON")]
    public void What_is_not_one_JSON_object_is_refused_with_why(string json, string why)
    {
        var ex = Assert.Throws<FormatException>(() => CertificateJson.ParseObject(json));

        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }
}
