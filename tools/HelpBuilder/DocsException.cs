namespace HelpBuilder;

/// <summary>
/// A doc that cannot become help, with where it is wrong. The build shows the message as a compiler
/// would (file(line): message) so the author can jump to it; nothing is written for a malformed doc.
/// </summary>
internal sealed class DocsException : Exception
{
    public DocsException(string file, int line, string message)
        : base(message)
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    /// <summary>1-based; 0 when the problem is the file as a whole (a missing section).</summary>
    public int Line { get; }

    public override string ToString() =>
        Line > 0 ? $"{File}({Line}): error: {Message}" : $"{File}: error: {Message}";
}
