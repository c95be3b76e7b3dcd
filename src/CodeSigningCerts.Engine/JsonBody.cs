using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Newtonsoft.Json;

namespace CodeSigningCerts.Engine
{
    /// <summary>
    /// Converts between JSON text and plain BCL values (dictionaries, lists, strings, numbers), so no
    /// Newtonsoft type ever leaves the engine.
    /// </summary>
    /// <remarks>
    /// Both directions run once per certificate, so they allocate little: the reader builds the dictionaries
    /// straight from Newtonsoft's token stream (no JObject tree copied into them), and the writer writes into a
    /// builder kept per thread and returns only the UTF-8 bytes. Allocation per certificate is what sets the garbage
    /// collector's share of the time per certificate (bench/README.md).
    /// </remarks>
    internal static class JsonBody
    {
        // Built once: JsonConvert.SerializeObject would build a serializer per call. Serializing is thread-safe,
        // and the writer it writes to formats with the invariant culture.
        private static readonly JsonSerializer Serializer = JsonSerializer.Create();

        // The text of a body is built here, once per request: one builder per thread, kept between requests so that each
        // body costs only its UTF-8 bytes (a new builder, its string and then the bytes were three copies of it).
        // One that grew past MaxKeptCharacters for an unusual body is not kept.
        private const int MaxKeptCharacters = 16 * 1024;

        [ThreadStatic]
        private static StringBuilder? _builder;

        /// <summary>The body as the UTF-8 bytes of its JSON; byte arrays in it are written as base64.</summary>
        public static byte[] SerializeUtf8(IDictionary<string, object?> body)
        {
            var builder = _builder ?? new StringBuilder(EstimateLength(body));
            _builder = null;
            builder.Clear();
            using (var text = new StringWriter(builder, CultureInfo.InvariantCulture))
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None, ArrayPool = SharedCharPool.Instance })
            {
                Serializer.Serialize(writer, body);
            }

            var length = builder.Length;
            var chars = SharedCharPool.Instance.Rent(length);
            try
            {
                builder.CopyTo(0, chars, 0, length);
                return Encoding.UTF8.GetBytes(chars, 0, length);
            }
            finally
            {
                SharedCharPool.Instance.Return(chars);
                if (builder.Capacity <= MaxKeptCharacters)
                {
                    _builder = builder;
                }
            }
        }

        /// <summary>Parses a JSON object; throws <see cref="FormatException"/> for anything else.</summary>
        public static IReadOnlyDictionary<string, object?> ParseObject(string json) =>
            TryParseObject(new StringReader(json)) ?? throw new FormatException("The body is not valid JSON: it is empty.");

        /// <summary>Parses a JSON object; null when there is no JSON at all (an empty or blank body); <see cref="FormatException"/> for anything else.</summary>
        public static IReadOnlyDictionary<string, object?>? TryParseObject(TextReader json)
        {
            try
            {
                // Dates stay strings: Graph's DateTimeOffset values are parsed by the caller, exactly, with
                // their offset, never reinterpreted in the local time zone.
                using var reader = new JsonTextReader(json)
                {
                    DateParseHandling = DateParseHandling.None,
                    FloatParseHandling = FloatParseHandling.Double,
                    MaxDepth = 64,
                    ArrayPool = SharedCharPool.Instance,
                };
                if (!ReadValue(reader))
                {
                    return null;
                }

                if (reader.TokenType != JsonToken.StartObject)
                {
                    // Read the value through, so that a malformed one is reported as not JSON at all.
                    ReadCurrent(reader);
                    throw new FormatException("The body is JSON but not a JSON object.");
                }

                var result = ReadObject(reader);
                if (ReadValue(reader))
                {
                    throw new FormatException("The body has more than one JSON value.");
                }

                return result;
            }
            catch (JsonException ex)
            {
                throw new FormatException("The body is not valid JSON: " + ex.Message, ex);
            }
        }

        /// <summary>Moves to the next token that is not a comment; false at the end.</summary>
        private static bool ReadValue(JsonReader reader)
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value the reader is on (objects and arrays read to their end), as BCL values.</summary>
        private static object? ReadCurrent(JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonToken.StartObject:
                    return ReadObject(reader);
                case JsonToken.StartArray:
                    var list = new List<object?>();
                    while (ReadValue(reader) && reader.TokenType != JsonToken.EndArray)
                    {
                        list.Add(ReadCurrent(reader));
                    }

                    return reader.TokenType == JsonToken.EndArray ? list : throw Unterminated(reader);
                case JsonToken.Null:
                case JsonToken.Undefined:
                    return null;
                case JsonToken.String:
                case JsonToken.Integer:
                case JsonToken.Float:
                case JsonToken.Boolean:
                    return reader.Value;
                default:
                    throw new JsonReaderException("Unexpected token " + reader.TokenType + " at " + reader.Path + ".");
            }
        }

        /// <summary>Reads the object the reader's StartObject opens, to its EndObject.</summary>
        private static Dictionary<string, object?> ReadObject(JsonReader reader)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (ReadValue(reader) && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                if (!ReadValue(reader))
                {
                    throw Unterminated(reader);
                }

                // As JObject did: a repeated name keeps its last value.
                result[name] = ReadCurrent(reader);
            }

            return reader.TokenType == JsonToken.EndObject ? result : throw Unterminated(reader);
        }

        private static JsonReaderException Unterminated(JsonReader reader) =>
            new JsonReaderException("Unexpected end of the JSON at " + reader.Path + ".");

        /// <summary>Roughly the length of the serialized body: its strings plus a little per property.</summary>
        private static int EstimateLength(IDictionary<string, object?> body)
        {
            var length = 2;
            foreach (var pair in body)
            {
                length += pair.Key.Length + 8 + (pair.Value switch
                {
                    string text => text.Length,
                    byte[] bytes => ((bytes.Length + 2) / 3) * 4,
                    _ => 16,
                });
            }

            return length;
        }
    }
}
