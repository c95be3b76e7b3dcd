using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// The engine's record as the object users get. A class apart from <see cref="EnterpriseCodeSigningCertificate"/>, so
    /// that formatting that type at import never touches an engine type.
    /// </summary>
    internal static class CertificateRecords
    {
        public static EnterpriseCodeSigningCertificate ToCertificate(this CertificateRecord record) =>
            new EnterpriseCodeSigningCertificate(
                record.Id,
                CertificateStatus.FromGraph(record.Status),
                record.Subject,
                record.SubjectName,
                record.Issuer,
                record.IssuerName,
                record.ExpirationDateTime,
                record.UploadDateTime,
                record.Content);
    }
}
