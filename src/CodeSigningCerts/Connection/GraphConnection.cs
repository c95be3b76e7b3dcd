using System;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Connection
{
    /// <summary>One runspace's connection: its Graph client (one HttpClient for its life) and what it is.</summary>
    internal sealed class GraphConnection : IDisposable
    {
        public GraphConnection(GraphClient client, ConnectionContext context)
        {
            Client = client;
            Context = context;
        }

        public GraphClient Client { get; }

        public ConnectionContext Context { get; }

        public void Dispose() => Client.Dispose();
    }
}
