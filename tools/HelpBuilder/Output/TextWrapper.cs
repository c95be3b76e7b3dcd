using System.Text;

namespace HelpBuilder.Output;

/// <summary>Wraps prose to the 80 columns about topics are written for, at a given indent.</summary>
internal static class TextWrapper
{
    public const int Width = 80;

    /// <summary>
    /// The words of <paramref name="text"/> filled into lines; the first line starts with
    /// <paramref name="firstPrefix"/>, the others with <paramref name="indent"/>. A word longer than a
    /// line (a URL) gets a line of its own rather than being broken.
    /// </summary>
    public static IEnumerable<string> Wrap(string text, string firstPrefix, string indent)
    {
        var line = new StringBuilder(firstPrefix);
        var lineHasWord = false;
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (lineHasWord && line.Length + 1 + word.Length > Width)
            {
                yield return line.ToString();
                line.Clear().Append(indent);
                lineHasWord = false;
            }

            if (lineHasWord)
            {
                line.Append(' ');
            }

            line.Append(word);
            lineHasWord = true;
        }

        if (lineHasWord)
        {
            yield return line.ToString();
        }
    }
}
