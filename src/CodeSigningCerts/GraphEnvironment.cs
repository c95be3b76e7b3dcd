namespace CodeSigningCerts
{
    /// <summary>The national clouds Graph runs in. GCC (not High) uses Global.</summary>
    public enum GraphEnvironment
    {
        /// <summary>graph.microsoft.com (commercial, GCC).</summary>
        Global,

        /// <summary>graph.microsoft.us (GCC High).</summary>
        USGov,

        /// <summary>dod-graph.microsoft.us (DoD).</summary>
        USGovDoD,

        /// <summary>microsoftgraph.chinacloudapi.cn (21Vianet).</summary>
        China,

        /// <summary>A Graph endpoint the user named with -GraphEndpoint (an emulator, say).</summary>
        Custom,
    }
}
