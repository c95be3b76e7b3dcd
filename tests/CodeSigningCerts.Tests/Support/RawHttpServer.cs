using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CodeSigningCerts.Tests.Support;

/// <summary>One request as a raw HTTP server saw it: a proxy sees "CONNECT host:443", or a server "GET /path".</summary>
public sealed record RawRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A bare HTTP/1.1 listener on 127.0.0.1 that answers each connection's first request with what the test says,
/// then closes it: a proxy that asks for credentials, or a server that quotes the request back. Kestrel would
/// not answer a CONNECT as a proxy does, and the emulator's answers are Graph's, so this stays this small.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<RawRequest, string> _respond;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<RawRequest> _requests = new();
    private readonly Task _accepting;

    private RawHttpServer(Func<RawRequest, string> respond)
    {
        _respond = respond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUri = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture) + "/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<RawRequest> Requests => _requests.ToList();

    public static RawHttpServer Start(Func<RawRequest, string> respond) => new(respond);

    /// <summary>A whole answer: status line, headers, Content-Length, Connection: close, body.</summary>
    public static string Answer(int status, string reason, string body = "", params (string Name, string Value)[] headers)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n").Append(body);
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped while waiting for a connection: what stopping means.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            if (head is null)
            {
                return;
            }

            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal)))
            {
                headers[line[..line.IndexOf(':', StringComparison.Ordinal)].Trim()] = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }

            var request = new RawRequest(requestLine[0], requestLine.Length > 1 ? requestLine[1] : string.Empty, headers);
            _requests.Enqueue(request);
            var answer = Encoding.UTF8.GetBytes(_respond(request));
            await stream.WriteAsync(answer);
            await stream.FlushAsync();
        }
    }

    /// <summary>The request line and headers (a body, if any, is not needed by these tests and not read).</summary>
    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[64 * 1024];
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await stream.ReadAsync(buffer.AsMemory(read));
            if (count == 0)
            {
                return null;
            }

            read += count;
            var text = Encoding.ASCII.GetString(buffer, 0, read);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                return text[..end];
            }
        }

        return null;
    }
}
