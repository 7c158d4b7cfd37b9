using System.Text.Json;

namespace RlFramework.Envs.Tests;

/// <summary>Reads the committed fixture files next to the test assembly.</summary>
internal static class Fixture
{
    public static JsonElement Json(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream).RootElement.Clone();
    }
}
