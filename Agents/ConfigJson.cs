using System.Text.Json;
using System.Text.Json.Serialization;

namespace RlFramework.Agents;

/// <summary>The JSON form shared by the agents' config records: snake_case names, enums as strings, unknown and repeated fields refused.</summary>
internal static class ConfigJson
{
    /// <summary>The serializer options of config files.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    /// <summary>Reads a <typeparamref name="T"/>; <paramref name="what"/> names the config in messages ("DQN config").</summary>
    /// <exception cref="ArgumentException">The JSON is malformed, null or has an unknown or repeated field.</exception>
    public static T Read<T>(string json, string what) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new ArgumentException($"The {what} is empty (null).");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Invalid {what}: {e.Message}", e);
        }
    }
}
