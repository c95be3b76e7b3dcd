namespace GraphEmulator.Graph;

/// <summary>How the emulator spells the subject and issuer DNs it stores and returns.</summary>
public enum DnSpelling
{
    /// <summary>
    /// As the service spells a DN it read from the certificate itself: .NET's <c>X500DistinguishedName.Name</c>
    /// (<c>CN=a, O=b</c>, values with special characters in quotes), whatever the body sent. Intune reads the
    /// certificates uploaded in the admin center itself; how it formats them is not documented, so this is the
    /// likeliest spelling, not a certain one.
    /// </summary>
    Service,

    /// <summary>Exactly the text the POST or PATCH body sent.</summary>
    AsSent,

    /// <summary>RFC 2253/4514, as OpenSSL's <c>-nameopt RFC2253</c> writes it: <c>CN=a,O=b</c>, specials escaped with a backslash.</summary>
    Rfc2253,

    /// <summary>OpenSSL's legacy one-line form, in the certificate's own RDN order: <c>/O=b/CN=a</c>.</summary>
    OpenSslSlashes,

    /// <summary>OpenSSL's <c>-nameopt oneline</c>, in the certificate's own RDN order: <c>O = b, CN = a</c>.</summary>
    OpenSslOneLine,

    /// <summary>The service's spelling in lower case, attribute names and values: <c>cn=a, o=b</c>.</summary>
    LowerCase,
}
