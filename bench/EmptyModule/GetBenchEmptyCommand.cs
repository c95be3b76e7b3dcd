using System.Management.Automation;

namespace BenchEmptyModule
{
    /// <summary>The one trivial cmdlet of the empty baseline module.</summary>
    [Cmdlet(VerbsCommon.Get, "BenchEmpty")]
    [OutputType(typeof(int))]
    public sealed class GetBenchEmptyCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord() => WriteObject(42);
    }
}
