using CodeSigningCerts.Certificates.Names;

namespace CodeSigningCerts.UnitTests;

/// <summary>A DN is the same name however Windows, .NET, OpenSSL or the service spells it, and another name is never taken for it.</summary>
public sealed class DistinguishedNameTests
{
    [Theory]
    // Windows and .NET (X500DistinguishedName.Name) against RFC 2253 (OpenSSL -nameopt RFC2253): spacing after the comma.
    [InlineData("CN=Contoso Signing, O=Contoso, C=US", "CN=Contoso Signing,O=Contoso,C=US")]
    // OpenSSL's legacy one-line form, in the certificate's own order.
    [InlineData("CN=Contoso Signing, O=Contoso, C=US", "/C=US/O=Contoso/CN=Contoso Signing")]
    // OpenSSL -nameopt oneline: spaces around '=', the certificate's own order.
    [InlineData("CN=Contoso Signing, O=Contoso, C=US", "C = US, O = Contoso, CN = Contoso Signing")]
    // Case, of attribute names and of values; insignificant spaces.
    [InlineData("CN=Contoso Signing, O=Contoso", "cn=contoso signing, o=CONTOSO")]
    [InlineData("CN=Contoso Signing, O=Contoso", "CN=  Contoso   Signing ,  O = Contoso ")]
    // A value with a comma: quoted by Windows and .NET, escaped by RFC 4514, as a hex pair, or as BER hex.
    [InlineData("CN=\"Contoso, Ltd\", O=Contoso", "CN=Contoso\\, Ltd,O=Contoso")]
    [InlineData("CN=\"Contoso, Ltd\", O=Contoso", "CN=Contoso\\2C Ltd,O=Contoso")]
    [InlineData("CN=Contoso, O=Contoso", "CN=#0C07436F6E746F736F,O=Contoso")]
    // A quote inside a quoted value: doubled by Windows, escaped by RFC 4514.
    [InlineData("CN=\"Say \"\"Hi\"\"\", O=b", "CN=Say \\\"Hi\\\",O=b")]
    // Windows' semicolon between RDNs; attribute names Windows and OpenSSL spell differently; OIDs.
    [InlineData("CN=a; O=b", "CN=a, O=b")]
    [InlineData("CN=a, S=Washington, E=signing@contoso.com", "CN=a,ST=Washington,emailAddress=signing@contoso.com")]
    [InlineData("CN=a, O=b", "OID.2.5.4.3=a, 2.5.4.10=b")]
    // A multi-valued RDN, its attributes in any order.
    [InlineData("CN=a + OU=c, O=b", "OU=c+CN=a,O=b")]
    // UTF-8 escaped as hex pairs.
    [InlineData("CN=Zürich Signing, O=b", "CN=Z\\C3\\BCrich Signing,O=b")]
    public void Spellings_of_one_name_are_the_same_name(string left, string right)
    {
        Assert.True(DistinguishedName.AreSame(left, right), $"'{left}' and '{right}'");
        Assert.True(DistinguishedName.AreSame(right, left), $"'{right}' and '{left}'");
    }

    [Theory]
    [InlineData("CN=Contoso Signing, O=Contoso", "CN=Contoso Signing 2, O=Contoso")]
    [InlineData("CN=a, O=b", "CN=a, O=b, C=US")]
    [InlineData("CN=a, O=b", "CN=b, O=a")]
    [InlineData("CN=a, O=b", "O=a, CN=b")]
    [InlineData("CN=a + OU=c, O=b", "CN=a, OU=c, O=b")]
    [InlineData("CN=\"a, O=b\"", "CN=a, O=b")]
    [InlineData("CN=a, O=b", "CN=a, OU=b")]
    public void Different_names_are_never_the_same(string left, string right)
    {
        Assert.False(DistinguishedName.AreSame(left, right), $"'{left}' and '{right}'");
        Assert.False(DistinguishedName.AreSame(right, left), $"'{right}' and '{left}'");
    }

    [Fact]
    public void Every_spelling_of_a_real_certificates_subject_has_the_key_of_the_subject_as_NET_formats_it()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=\"Contoso, Ltd Signing\", OU=Apps + L=Redmond, O=Contoso, S=Washington, C=US", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        var name = certificate.SubjectName;
        var spellings = new[]
        {
            name.Name,
            name.Decode(X500DistinguishedNameFlags.UseCommas),
            name.Decode(X500DistinguishedNameFlags.UseSemicolons),
            name.Decode(X500DistinguishedNameFlags.Reversed),
            name.Decode(X500DistinguishedNameFlags.UseNewLines).Replace(Environment.NewLine, ", ", StringComparison.Ordinal),
        };

        Assert.All(spellings, spelling => Assert.True(DistinguishedName.AreSame(certificate.Subject, spelling), spelling));
        Assert.NotNull(DistinguishedName.TryParse(certificate.Subject));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a distinguished name")]
    [InlineData("CN=\"unterminated, O=b")]
    public void Text_that_is_no_DN_is_compared_as_loose_text_and_never_throws(string text)
    {
        Assert.Null(DistinguishedName.TryParse(text));
        Assert.True(DistinguishedName.AreSame(text, text.ToUpperInvariant()));
        Assert.False(DistinguishedName.AreSame(text, "CN=a, O=b"));
    }
}
