using CodeSigningCerts.Connection;
using CodeSigningCerts.Engine;
using CodeSigningCerts.UnitTests.Upload;
using Microsoft.Extensions.Time.Testing;

namespace CodeSigningCerts.UnitTests.Connections;

/// <summary>
/// A connection is a value several runspaces may hold: -Connection finds it from its context, and closing it refuses
/// every later call from anyone while a call already running finishes its request.
/// </summary>
public sealed class ClosedConnectionTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FakeGraph _graph;
    private readonly GraphConnection _connection;

    public ClosedConnectionTests()
    {
        _graph = new FakeGraph(_time);
        var options = new GraphClientOptions(new Uri("https://graph.microsoft.com"), "UnitTests/1.0") { Clock = new GraphClock(_time), Handler = _graph, WriteLimit = 0 };
        var context = new ConnectionContext(GraphEnvironment.Global, options, null, "AccessToken", "contoso", null, null, [], () => null);
        _connection = new GraphConnection(new CertificateApi(options, new StaticTokenSource(new AccessToken("unit-test-token", null))), context);
    }

    [Fact]
    public void The_context_a_user_holds_leads_to_its_connection()
    {
        Assert.Same(_connection, GraphConnection.Of(_connection.Context));
    }

    [Fact]
    public async Task A_call_running_when_the_connection_is_closed_finishes_and_every_later_call_is_refused()
    {
        Assert.True(_connection.TryBeginCall());

        _connection.Dispose();
        var listed = await _connection.Certificates.ListAsync(null, null, null, null, CancellationToken.None);
        _connection.EndCall();

        Assert.Empty(listed);
        Assert.True(_connection.IsClosed);
        Assert.False(_connection.TryBeginCall());
        Assert.Same(_connection, GraphConnection.Of(_connection.Context));
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => _connection.Certificates.ListAsync(null, null, null, null, CancellationToken.None));
        Assert.Single(_graph.Requests);
    }

    [Fact]
    public void Closing_twice_is_closing_once()
    {
        _connection.Dispose();
        _connection.Dispose();

        Assert.True(_connection.IsClosed);
        Assert.False(_connection.TryBeginCall());
    }

    public void Dispose()
    {
        _connection.Dispose();
        _graph.Dispose();
    }
}
