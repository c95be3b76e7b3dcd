using System;
using CodeSigningCerts.Certificates;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Connection
{
    /// <summary>One runspace's connection: its Graph client (one HttpClient for its life) and what it is.</summary>
    internal sealed class GraphConnection : IDisposable
    {
        // How long a listing of the tenant stands in for a new one. A script that calls New- once per
        // certificate in a loop then lists once, not once per call (which would grow with the tenant);
        // a certificate someone else uploads in this window is not seen until it passes.
        private static readonly TimeSpan KnownCertificatesLifetime = TimeSpan.FromSeconds(30);
        private readonly object _gate = new object();
        private TenantCertificates? _known;
        private DateTime _knownAtUtc;

        public GraphConnection(GraphClient client, ConnectionContext context)
        {
            Client = client;
            Context = context;
        }

        public GraphClient Client { get; }

        public ConnectionContext Context { get; }

        /// <summary>What this connection listed recently, kept current with its own uploads; null when there is none or it is old.</summary>
        public TenantCertificates? RecentCertificates
        {
            get
            {
                lock (_gate)
                {
                    return _known is not null && DateTime.UtcNow - _knownAtUtc < KnownCertificatesLifetime ? _known : null;
                }
            }
        }

        public void RememberCertificates(TenantCertificates known)
        {
            lock (_gate)
            {
                _known = known;
                _knownAtUtc = DateTime.UtcNow;
            }
        }

        /// <summary>After a change the index does not follow (Set- replacing a certificate, Remove-), list afresh next time.</summary>
        public void ForgetCertificates()
        {
            lock (_gate)
            {
                _known = null;
            }
        }

        public void Dispose() => Client.Dispose();
    }
}
