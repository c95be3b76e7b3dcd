namespace GraphEmulator.Graph;

/// <summary>The ids every Graph response carries: a fresh request-id, and the client's client-request-id echoed (or a fresh one).</summary>
internal readonly record struct RequestIds(string RequestId, string ClientRequestId);
