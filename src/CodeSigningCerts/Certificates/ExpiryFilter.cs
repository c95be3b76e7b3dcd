using System;

namespace CodeSigningCerts.Certificates
{
    /// <summary>Get-EnterpriseCodeSigningCertificate's -ExpiringWithin and -Expired, for monitoring runbooks.</summary>
    internal sealed class ExpiryFilter
    {
        private readonly DateTimeOffset _now;
        private readonly TimeSpan? _expiringWithin;
        private readonly bool _expired;

        public ExpiryFilter(DateTimeOffset now, TimeSpan? expiringWithin, bool expired)
        {
            _now = now;
            _expiringWithin = expiringWithin;
            _expired = expired;
        }

        /// <summary>Everything when neither is given; otherwise those expiring in the window, those expired, or both.</summary>
        public bool Matches(EnterpriseCodeSigningCertificate certificate)
        {
            if (_expiringWithin is null && !_expired)
            {
                return true;
            }

            if (certificate.ExpirationDateTime is not { } expires)
            {
                return false;
            }

            var isExpired = expires <= _now;
            return (_expired && isExpired) || (_expiringWithin is { } window && !isExpired && expires <= _now + window);
        }
    }
}
