using CodeSigningCerts.Certificates.Signed;

namespace CodeSigningCerts.UnitTests;

/// <summary>A manifest's Publisher against its signer's subject, as Windows compares them.</summary>
public sealed class PublisherMatchTests
{
    [Theory]
    [InlineData("CN=Contoso Apps, O=Contoso Ltd, C=US", true)]
    [InlineData("CN=Contoso Apps,O=Contoso Ltd,C=US", true)]
    [InlineData("CN = Contoso Apps , O = Contoso Ltd , C = US", true)]
    [InlineData("C=US, O=Contoso Ltd, CN=Contoso Apps", false)]
    [InlineData("CN=contoso apps, O=Contoso Ltd, C=US", false)]
    [InlineData("CN=Contoso Apps, O=Contoso Ltd", false)]
    [InlineData("CN=Contoso Apps, OU=Contoso Ltd, C=US", false)]
    [InlineData(null, false)]
    public void The_publisher_matches_only_the_same_name_in_the_same_order_and_case(string? publisher, bool matches) =>
        Assert.Equal(matches, PublisherMatch.Matches(publisher, "CN=Contoso Apps, O=Contoso Ltd, C=US"));

    [Fact]
    public void Attributes_within_one_RDN_match_in_either_order() =>
        Assert.True(PublisherMatch.Matches("CN=Contoso + OU=Apps, C=US", "OU=Apps + CN=Contoso, C=US"));
}
