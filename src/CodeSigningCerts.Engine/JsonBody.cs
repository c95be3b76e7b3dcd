using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CodeSigningCerts.Engine
{
    /// <summary>
    /// Converts between JSON text and plain BCL values (dictionaries, lists, strings, numbers), so no
    /// Newtonsoft type ever leaves the engine.
    /// </summary>
    internal static class JsonBody
    {
        // Dates stay strings: Graph's DateTimeOffset values are parsed by the caller, exactly, with
        // their offset, never reinterpreted in the local time zone.
        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = 64,
            Culture = CultureInfo.InvariantCulture,
        };

        public static string Serialize(IDictionary<string, object?> body) =>
            JsonConvert.SerializeObject(body, Formatting.None, Settings);

        /// <summary>Parses a JSON object; throws <see cref="FormatException"/> for anything else.</summary>
        public static IReadOnlyDictionary<string, object?> ParseObject(string json)
        {
            JToken token;
            try
            {
                using var reader = new JsonTextReader(new StringReader(json))
                {
                    DateParseHandling = DateParseHandling.None,
                    FloatParseHandling = FloatParseHandling.Double,
                    MaxDepth = 64,
                };
                token = JToken.ReadFrom(reader);
                while (reader.Read())
                {
                    if (reader.TokenType != JsonToken.Comment)
                    {
                        throw new FormatException("The body has more than one JSON value.");
                    }
                }
            }
            catch (JsonException ex)
            {
                throw new FormatException("The body is not valid JSON: " + ex.Message, ex);
            }

            if (token is not JObject obj)
            {
                throw new FormatException("The body is JSON but not a JSON object.");
            }

            return ToDictionary(obj);
        }

        private static Dictionary<string, object?> ToDictionary(JObject obj)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in obj.Properties())
            {
                result[property.Name] = ToValue(property.Value);
            }

            return result;
        }

        private static object? ToValue(JToken token)
        {
            switch (token)
            {
                case JObject obj:
                    return ToDictionary(obj);
                case JArray array:
                    var list = new List<object?>(array.Count);
                    foreach (var item in array)
                    {
                        list.Add(ToValue(item));
                    }

                    return list;
                case JValue value:
                    return value.Value;
                default:
                    return token.ToString(Formatting.None);
            }
        }
    }
}
