namespace CodeSigningCerts.Engine
{
    /// <summary>What kind of failure a <see cref="GraphException"/> reports.</summary>
    public enum GraphFailure
    {
        /// <summary>Graph answered with an HTTP error status.</summary>
        HttpError,

        /// <summary>The request never got an answer: DNS, connection refused or reset, TLS.</summary>
        Network,

        /// <summary>No answer within the timeout.</summary>
        Timeout,

        /// <summary>Graph answered, but not with the JSON it should have (an HTML proxy page, a broken body).</summary>
        MalformedResponse,

        /// <summary>A nextLink or redirect pointed away from the connected Graph host; it was not followed.</summary>
        ForeignHost,

        /// <summary>A proxy answered 407: it wants credentials, or refused those given. Nothing reached Graph.</summary>
        ProxyAuthenticationRequired,
    }
}
