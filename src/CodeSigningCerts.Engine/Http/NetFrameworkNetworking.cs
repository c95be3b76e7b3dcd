using System;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// What .NET Framework (Windows PowerShell 5.1) needs told that .NET does by itself. PowerShell 7 is left exactly as
    /// it is: every member here does nothing there.
    /// </summary>
    internal static class NetFrameworkNetworking
    {
        /// <summary>
        /// Connections to Graph per host. .NET Framework allows 2 unless told otherwise (.NET has no limit); a runbook
        /// with a few thread jobs, each with its own connection, would queue behind two sockets.
        /// </summary>
        public const int GraphConnectionLimit = 16;

        private static readonly object Gate = new object();

        public static bool IsNetFramework { get; } =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// TLS 1.2 added to the protocols .NET Framework allows, never anything removed: on a Windows where the
        /// Framework's default is still SSL 3 and TLS 1.0 (SchUseStrongCrypto unset), Entra and Graph refuse every
        /// connection ("Could not create SSL/TLS secure channel"). Process-wide, as the setting is, and so also for MSAL.
        /// </summary>
        public static void AllowTls12()
        {
            if (!IsNetFramework)
            {
                return;
            }

            lock (Gate)
            {
#pragma warning disable SYSLIB0014 // Obsolete on .NET, where it does nothing; on .NET Framework it is the setting.
                ServicePointManager.SecurityProtocol = WithTls12(ServicePointManager.SecurityProtocol);
#pragma warning restore SYSLIB0014
            }
        }

        /// <summary>
        /// <paramref name="current"/> with TLS 1.2 added. SystemDefault (0) is left alone: the operating system then
        /// chooses, TLS 1.2 and 1.3 included, and adding a flag would narrow it to the flags named.
        /// </summary>
        public static SecurityProtocolType WithTls12(SecurityProtocolType current) =>
            current == 0 ? current : current | SecurityProtocolType.Tls12;

        /// <summary>
        /// On .NET Framework: the connection limit above, and no "Expect: 100-continue" (the Framework sends it with
        /// every request that has a body and then waits up to 350 ms for an interim answer Graph does not need).
        /// </summary>
        public static void ConfigureForGraph(HttpMessageHandler handler, HttpClient client, bool isNetFramework)
        {
            if (!isNetFramework)
            {
                return;
            }

            if (handler is HttpClientHandler clientHandler)
            {
                clientHandler.MaxConnectionsPerServer = GraphConnectionLimit;
            }

            client.DefaultRequestHeaders.ExpectContinue = false;
        }
    }
}
