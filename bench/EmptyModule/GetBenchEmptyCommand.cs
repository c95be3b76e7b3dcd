using System.Management.Automation;

namespace BenchEmptyModule
{
    /// <summary>The one trivial cmdlet of the empty baseline module.</summary>
    [Cmdlet(VerbsCommon.Get, "BenchEmpty")]
    [OutputType(typeof(int))]
    public sealed class GetBenchEmptyCommand : PSCmdlet
    {
        /// <summary>Anything; taken from the pipeline so the benchmark can time PowerShell's own cost per pipeline.</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? InputObject { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord() => WriteObject(42);
    }
}
