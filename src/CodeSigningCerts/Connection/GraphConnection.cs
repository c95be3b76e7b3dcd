using System;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Connection
{
    /// <summary>
    /// One runspace's connection: its certificates API (one HttpClient, the sign-in's token source and the write pacer,
    /// for its life) and what it is. The only thing carried from one command to the next: nothing about the tenant is,
    /// so each command sees the tenant as it is when it runs.
    /// </summary>
    internal sealed class GraphConnection : IDisposable
    {
        public GraphConnection(CertificateApi certificates, ConnectionContext context)
        {
            Certificates = certificates;
            Context = context;
        }

        public CertificateApi Certificates { get; }

        public ConnectionContext Context { get; }

        public void Dispose() => Certificates.Dispose();
    }
}
