using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Newtonsoft.Json;

namespace CodeSigningCerts.Engine.Json
{
    /// <summary>
    /// Converts between JSON text and plain BCL values (dictionaries, lists, strings, numbers), so no Newtonsoft type
    /// ever leaves this folder. The reader builds the dictionaries straight from Newtonsoft's token stream and checks
    /// what Graph sent is one JSON object, nothing more.
    /// </summary>
    internal static class JsonBody
    {
        // JsonSerializer.Create, not JsonConvert: it does not take JsonConvert.DefaultSettings, which any other code in
        // the process may set. Serializing is thread-safe.
        private static readonly JsonSerializer Serializer = JsonSerializer.Create();

        /// <summary>The UTF-8 bytes of <paramref name="body"/>'s JSON; byte arrays in it are written as base64.</summary>
        public static byte[] Serialize(object body)
        {
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
            {
                Serializer.Serialize(writer, body);
            }

            return Encoding.UTF8.GetBytes(text.ToString());
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
    }
}
