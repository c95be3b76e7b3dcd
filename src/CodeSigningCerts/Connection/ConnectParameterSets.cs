namespace CodeSigningCerts.Connection
{
    /// <summary>Connect-EnterpriseCodeSigning's parameter sets; each name is also the flow shown in the context.</summary>
    internal static class ConnectParameterSets
    {
        public const string Interactive = nameof(Interactive);
        public const string DeviceCode = nameof(DeviceCode);
        public const string ClientSecret = nameof(ClientSecret);
        public const string CertificateThumbprint = nameof(CertificateThumbprint);
        public const string Certificate = nameof(Certificate);
        public const string ManagedIdentity = nameof(ManagedIdentity);
        public const string AccessToken = nameof(AccessToken);
    }
}
