namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// One attempt of a request, as a value: Graph's answer, or the failure that left none (a timeout, a reset, a body
    /// that is not JSON). The retry policy judges it; the client turns the last one into a result or an exception.
    /// </summary>
    internal sealed class Attempt
    {
        public Attempt(GraphRequest request, int number, GraphAnswer? answer, GraphException? failure)
        {
            (Request, Number, Answer, Failure) = (request, number, answer, failure);
        }

        public GraphRequest Request { get; }

        /// <summary>1 for the first attempt.</summary>
        public int Number { get; }

        public GraphAnswer? Answer { get; }

        public GraphException? Failure { get; }

        /// <summary>What went wrong, for the retry's verbose line and the progress bar.</summary>
        public string Reason => Answer?.Status ?? Failure?.Message ?? "failed";
    }
}
