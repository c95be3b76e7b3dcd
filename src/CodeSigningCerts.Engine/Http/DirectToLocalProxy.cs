using System;
using System.Net;
using System.Net.Http;
using System.Reflection;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// The proxy of MSAL's handlers, whose destinations vary (Entra, the managed-identity endpoint): the one the user
    /// named, or the system's, except for loopback and link-local destinations, which always go direct
    /// (<see cref="HttpHandlers"/> says why). Graph's handler, whose one host is known at connect, decides once instead.
    /// </summary>
    internal sealed class DirectToLocalProxy : IWebProxy
    {
        // HttpClient.DefaultProxy (.NET Core 3.0+) is what PowerShell 7's own web cmdlets use, and what a script sets;
        // netstandard2.0 does not name it, so it is looked up once. Windows PowerShell has only WebRequest.DefaultWebProxy.
        private static readonly PropertyInfo? HttpClientDefaultProxy = typeof(HttpClient).GetProperty("DefaultProxy", BindingFlags.Public | BindingFlags.Static);

        private readonly IWebProxy? _named;
        private ICredentials? _credentials;

        private DirectToLocalProxy(ProxySettings settings)
        {
            _named = settings.Address is null ? null : new WebProxy(settings.Address);
            _credentials = settings.Credentials;
        }

        /// <summary>The proxy for handlers of a sign-in made with <paramref name="settings"/>.</summary>
        public static IWebProxy For(ProxySettings? settings) => new DirectToLocalProxy(settings ?? ProxySettings.System);

        /// <inheritdoc />
        public ICredentials? Credentials
        {
            get => _credentials ?? Inner?.Credentials;
            set => _credentials = value;
        }

        // The system's proxy is read at each request, as the runtime's own handler does, so a change a script makes
        // to it is followed.
        private IWebProxy? Inner => _named ?? (HttpClientDefaultProxy?.GetValue(null) as IWebProxy) ?? WebRequest.DefaultWebProxy;

        /// <summary>The proxy for <paramref name="destination"/>; the destination itself when it goes direct, as IWebProxy's contract says (.NET Framework reads it so).</summary>
        /// <remarks>The handler asks <see cref="IsBypassed"/> first; the inner proxy's own answer for a bypassed destination is that destination, so it is not asked again here.</remarks>
        public Uri GetProxy(Uri destination) => HttpHandlers.IsLocal(destination) || Inner is not { } inner ? destination : inner.GetProxy(destination) ?? destination;

        /// <inheritdoc />
        public bool IsBypassed(Uri host) => HttpHandlers.IsLocal(host) || Inner is not { } inner || inner.IsBypassed(host);
    }
}
