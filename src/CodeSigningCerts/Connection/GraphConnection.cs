using System;
using CodeSigningCerts.Certificates;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Connection
{
    /// <summary>One runspace's connection: its certificates API (one HttpClient for its life), what it is, and the tenant as last listed.</summary>
    internal sealed class GraphConnection : IDisposable
    {
        // How long a listing of the tenant stands in for a new one. A script that calls New- once per
        // certificate in a loop then lists once, not once per call (which would grow with the tenant);
        // a certificate someone else uploads in this window is not seen until it passes.
        private static readonly TimeSpan ListingLifetime = TimeSpan.FromSeconds(30);
        private readonly object _gate = new object();
        private TenantCertificates? _listing;
        private long _listingWrites;
        private DateTime _listedAtUtc;

        public GraphConnection(CertificateApi certificates, ConnectionContext context)
        {
            Certificates = certificates;
            Context = context;
        }

        public CertificateApi Certificates { get; }

        public ConnectionContext Context { get; }

        /// <summary>
        /// The tenant as last listed, while it is recent and no write has gone through this connection since it was
        /// <see cref="Keep">kept</see>: any command's write (Set-, Remove-, a lost upload) makes it stale by itself,
        /// so no command has to remember to forget it.
        /// </summary>
        public TenantCertificates? RecentListing()
        {
            lock (_gate)
            {
                return _listing is not null && _listingWrites == Certificates.WritesSent && DateTime.UtcNow - _listedAtUtc < ListingLifetime ? _listing : null;
            }
        }

        /// <summary>
        /// Keeps <paramref name="listing"/> as accounting for every write sent so far: called after a listing, and by
        /// the uploader after it has entered its own write in the listing.
        /// </summary>
        public void Keep(TenantCertificates listing, bool listedNow)
        {
            lock (_gate)
            {
                _listing = listing;
                _listingWrites = Certificates.WritesSent;
                if (listedNow)
                {
                    _listedAtUtc = DateTime.UtcNow;
                }
            }
        }

        public void Dispose() => Certificates.Dispose();
    }
}
