using CodeSigningCerts.Engine;
using CodeSigningCerts.UnitTests.Upload;

namespace CodeSigningCerts.UnitTests.Connections;

/// <summary>
/// A connection is a value several runspaces may hold (the context Connect- returns, given as -Connection): closing it
/// refuses every later call from anyone while a call already running finishes its request.
/// </summary>
public sealed class ClosedConnectionTests : IDisposable
{
    private readonly SteppingTime _time = new();
    private readonly FakeGraph _graph;
    private readonly CertificateApi _connection;

    public ClosedConnectionTests()
    {
        _graph = new FakeGraph(_time);
        // The client a connection's context holds (ConnectionContext.Certificates), made as Connect- makes it.
        _connection = _graph.Connect(_time, writeLimit: 0);
    }

    [Fact]
    public async Task A_call_running_when_the_connection_is_closed_finishes_and_every_later_call_is_refused()
    {
        Assert.True(_connection.TryBeginCall());

        _connection.Close();
        var listed = await _connection.ListAsync(null, null, null, null, CancellationToken.None);
        _connection.EndCall();

        Assert.Empty(listed);
        Assert.True(_connection.IsClosed);
        Assert.False(_connection.TryBeginCall());
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => _connection.ListAsync(null, null, null, null, CancellationToken.None));
        Assert.Single(_graph.Requests);
    }

    [Fact]
    public async Task Closing_twice_is_closing_once_and_a_request_already_in_flight_still_gets_its_answer()
    {
        // Disconnect- twice (a script's cleanup and then the user, or two runspaces sharing the connection): the second
        // close must change nothing, above all not free the HTTP client under a request still on the wire, which its
        // Dispose would cancel. The client goes once, when that call ends.
        var late = TimeSpan.FromSeconds(5);
        Assert.True(_connection.TryBeginCall());
        _graph.ArriveNextLate(late);
        var listing = _connection.ListAsync(null, null, null, null, CancellationToken.None);
        await InFlightUntil(_time.GetUtcNow() + late);

        _connection.Close();
        _connection.Close();
        _time.Advance(late);
        var answered = await Task.WhenAny(listing, Task.Delay(TimeSpan.FromSeconds(10))) == listing;
        Assert.True(answered, "The request in flight got no answer: the second close freed the HTTP client under it.");
        var listed = await listing;
        _connection.EndCall();
        _connection.Close();

        Assert.Empty(listed);
        Assert.Single(_graph.Requests);
        Assert.True(_connection.IsClosed);
        Assert.False(_connection.TryBeginCall());
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => _connection.ListAsync(null, null, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task An_end_without_a_beginning_is_refused_and_does_not_free_the_client_under_a_later_call()
    {
        Assert.Throws<InvalidOperationException>(_connection.EndCall);

        // Counted, that end would make the next call look like none, and closing would free the client under it.
        Assert.True(_connection.TryBeginCall());
        _connection.Close();
        var listed = await _connection.ListAsync(null, null, null, null, CancellationToken.None);
        _connection.EndCall();

        Assert.Empty(listed);
        Assert.Single(_graph.Requests);
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => _connection.ListAsync(null, null, null, null, CancellationToken.None));
    }

    public void Dispose()
    {
        _connection.Dispose();
        _graph.Dispose();
    }

    // Waits (in real time) until the request has reached Graph and is held there until the virtual moment given.
    private async Task InFlightUntil(DateTimeOffset arrival)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (_time.NextDue() != arrival)
        {
            Assert.True(DateTime.UtcNow < giveUp, "The request never reached Graph.");
            await Task.Delay(1);
        }
    }
}
