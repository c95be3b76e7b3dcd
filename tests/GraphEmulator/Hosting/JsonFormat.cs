using System.Text.Encodings.Web;
using System.Text.Json;

namespace GraphEmulator.Hosting;

/// <summary>The emulator's JSON settings.</summary>
internal static class JsonFormat
{
    /// <summary>Relaxed escaping: base64's '+' and '/' go out as themselves, as Graph sends them, not as \u002B.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonWriterOptions IndentedWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };
}
