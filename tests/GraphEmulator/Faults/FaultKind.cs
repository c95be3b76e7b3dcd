namespace GraphEmulator.Faults;

/// <summary>The failures the emulator can inject in place of, or around, a normal answer.</summary>
public enum FaultKind
{
    /// <summary>429 TooManyRequests with <c>Retry-After: &lt;seconds&gt;</c>. Not processed.</summary>
    TooManyRequests,

    /// <summary>429 TooManyRequests with <c>Retry-After</c> as an HTTP date. Not processed.</summary>
    TooManyRequestsHttpDate,

    /// <summary>429 TooManyRequests with no <c>Retry-After</c> (the client must back off on its own). Not processed.</summary>
    TooManyRequestsNoRetryAfter,

    /// <summary>503 serviceNotAvailable, optionally with <c>Retry-After</c>. Not processed.</summary>
    ServiceUnavailable,

    /// <summary>504 GatewayTimeout from the gateway. Processed first (a POST creates) unless the fault says otherwise: the answer was lost.</summary>
    GatewayTimeout,

    /// <summary>502 Bad Gateway (Graph's JSON error) from the gateway. Processed first unless the fault says otherwise: the answer was lost.</summary>
    BadGateway,

    /// <summary>The connection is aborted before the request is processed: the store does not change.</summary>
    ResetBeforeProcessing,

    /// <summary>The request is processed in full (a POST creates), then the connection is aborted with no response.</summary>
    ResetAfterProcessing,

    /// <summary>The answer is delayed; if the client gives up during the delay the request is not processed.</summary>
    SlowResponse,

    /// <summary>
    /// The success status (201 for POST, 200 otherwise) with a truncated JSON body. Writes are not processed
    /// (nothing is stored); a GET is answered with its real body cut in half.
    /// </summary>
    MalformedJson,

    /// <summary>502 with a text/html proxy page and none of Graph's headers. Not processed.</summary>
    HtmlBody,

    /// <summary>A list request is answered normally but its <c>@odata.nextLink</c> points at <see cref="FaultPlan.ForeignHost"/>.</summary>
    ForeignNextLink,

    /// <summary>307 Temporary Redirect whose <c>Location</c> is the same path on <see cref="FaultPlan.ForeignHost"/>. Not processed.</summary>
    ForeignRedirect,

    /// <summary>An OData error with the status and code the fault names (403 for a missing permission, 409, 500...). Not processed.</summary>
    ErrorStatus,
}
