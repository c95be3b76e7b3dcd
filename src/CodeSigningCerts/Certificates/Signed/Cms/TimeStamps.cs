using System;
using System.Collections.Generic;
using System.Linq;

namespace CodeSigningCerts.Certificates.Signed.Cms
{
    /// <summary>
    /// The time a signature was stamped at, read from its unsigned attributes. Two forms count, as for Windows:
    /// <list type="bullet">
    /// <item>an RFC 3161 token (Microsoft's 1.3.6.1.4.1.311.3.3.1, or RFC 3161 appendix A's id-aa-timeStampToken): a
    /// SignedData over a TSTInfo whose messageImprint is the hash of the signer's signature value, and whose genTime is
    /// the time;</item>
    /// <item>a PKCS#9 countersignature (RFC 2985 5.3.6, Authenticode's legacy time-stamp): a SignerInfo whose
    /// messageDigest is the digest of the signer's signature value, and whose signingTime is the time.</item>
    /// </list>
    /// A time-stamp counts only when its own signature verifies with the certificate it names, that is, the time-stamp
    /// authority signed that time for this very signature. Whether the authority is trusted is a device's chain check,
    /// as it is for the signer.
    /// </summary>
    internal static class TimeStamps
    {
        private const string MicrosoftRfc3161Oid = "1.3.6.1.4.1.311.3.3.1";
        private const string TimeStampTokenOid = "1.2.840.113549.1.9.16.2.14";
        private const string CounterSignatureOid = "1.2.840.113549.1.9.6";
        private const string SigningTimeOid = "1.2.840.113549.1.9.5";
        private const string TstInfoOid = "1.2.840.113549.1.9.16.1.4";

        /// <summary>The earliest time a valid time-stamp of <paramref name="signer"/> gives, or null when none verifies.</summary>
        public static DateTime? Find(CmsSignerInfo signer, IReadOnlyList<DerElement> certificates)
        {
            var times = new List<DateTime>();
            foreach (var token in Unsigned(signer, MicrosoftRfc3161Oid).Concat(Unsigned(signer, TimeStampTokenOid)))
            {
                if (Guarded(() => FromToken(token, signer.Signature, certificates)) is { } time)
                {
                    times.Add(time);
                }
            }

            foreach (var counterSignature in Unsigned(signer, CounterSignatureOid))
            {
                if (Guarded(() => FromCounterSignature(counterSignature, signer.Signature, certificates)) is { } time)
                {
                    times.Add(time);
                }
            }

            return times.Count == 0 ? null : times.Min();
        }

        // The signer's unsigned attributes of one type; none when they cannot be read (they are the
        // time-stamps' only home, and a damaged time-stamp is no time-stamp).
        private static List<DerElement> Unsigned(CmsSignerInfo signer, string oid)
        {
            try
            {
                return CmsSignerInfo.AttributeValues(signer.UnsignedAttributes, oid).ToList();
            }
            catch (SignatureFormatException)
            {
                return new List<DerElement>();
            }
        }

        // A damaged time-stamp is no time-stamp: the signature is judged without one, never refused for it.
        private static DateTime? Guarded(Func<DateTime?> read)
        {
            try
            {
                return read();
            }
            catch (SignatureFormatException)
            {
                return null;
            }
        }

        private static DateTime? FromToken(DerElement token, byte[] signatureValue, IReadOnlyList<DerElement> outerCertificates)
        {
            var signedData = CmsSignedData.Read(token);
            if (signedData.ContentType != TstInfoOid || signedData.Signer is null || signedData.ContentOctets is not { } tstInfoBytes || signedData.ParsedContent is not { } tstInfo)
            {
                return null;
            }

            using var authority = Pkcs7Signer.FindIn(signedData.Certificates.Concat(outerCertificates), signedData.Signer.Identifier);
            if (authority is null || SignerVerification.Verify(signedData.Signer, authority, tstInfoBytes) is not null)
            {
                return null;
            }

            // TSTInfo (RFC 3161 2.4.2): version, policy, messageImprint, serialNumber, genTime, ...
            var fields = tstInfo.Children();
            fields.Read(0x02, "TSTInfo's version");
            fields.Read(0x06, "TSTInfo's policy");
            var imprint = fields.Read(0x30, "TSTInfo's message imprint").Children();
            var algorithm = DigestAlgorithms.FromOid(DerOid.Read(imprint.Read(0x30, "the imprint's algorithm").Children().Read()));
            var hashed = imprint.Read(0x04, "the imprint's hash").Content();
            fields.Read(0x02, "TSTInfo's serial number");
            var time = DerTime.Read(fields.Read(0x18, "TSTInfo's time"));
            return algorithm is { } hash && DigestAlgorithms.SameBytes(hashed, DigestAlgorithms.Hash(hash, signatureValue)) ? time : null;
        }

        private static DateTime? FromCounterSignature(DerElement element, byte[] signatureValue, IReadOnlyList<DerElement> certificates)
        {
            if (element.Tag != 0x30)
            {
                return null;
            }

            var counterSigner = CmsSignerInfo.Read(element.Children());
            var times = CmsSignerInfo.AttributeValues(counterSigner.SignedAttributes, SigningTimeOid).ToList();
            if (times.Count != 1)
            {
                return null;
            }

            using var authority = Pkcs7Signer.FindIn(certificates, counterSigner.Identifier);
            return authority is not null && SignerVerification.Verify(counterSigner, authority, signatureValue) is null ? DerTime.Read(times[0]) : null;
        }
    }
}
