using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RlFramework.Agents;

/// <summary>The JSON form shared by the agents' config records: snake_case names, enums as strings, unknown and repeated fields refused.</summary>
internal static class ConfigJson
{
    /// <summary>The serializer options of config files.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
            WriteIndented = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Reads a <typeparamref name="T"/>; <paramref name="what"/> names the config in messages ("DQN config").</summary>
    /// <exception cref="ArgumentException">
    /// The JSON is malformed, null or has a repeated field, or a field <typeparamref name="T"/> does not have (the message
    /// names it and lists the fields there are).
    /// </exception>
    public static T Read<T>(string json, string what) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new ArgumentException($"The {what} is empty (null).");
        }
        catch (JsonException e)
        {
            var properties = Options.GetTypeInfo(typeof(T)).Properties;
            string? unknown = TopLevelNames(json).FirstOrDefault(name => !properties.Any(p => p.Name == name));
            throw new ArgumentException(unknown is null
                ? $"Invalid {what}: {e.Message}"
                : $"The {what} has no field '{unknown}'; its fields are {string.Join(", ", Fields<T>())}.", e);
        }
    }

    /// <summary>The JSON names of the fields a config file may set (<typeparamref name="T"/>'s settable properties), in order.</summary>
    public static IReadOnlyList<string> Fields<T>() =>
        Options.GetTypeInfo(typeof(T)).Properties.Where(p => p.Set is not null).Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    private static IEnumerable<string> TopLevelNames(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject o ? o.Select(p => p.Key).ToArray() : [];
        }
        catch (Exception e) when (e is JsonException or ArgumentException) // malformed, or a repeated name
        {
            return [];
        }
    }
}
