using System.Text.Json;
using RlFramework.Models;

namespace RlFramework.Models.Tests;

/// <summary>Loads the committed PyTorch golden fixtures and compares tensors.</summary>
internal static class Fixture
{
    private static readonly Lazy<JsonDocument> s_doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "models_golden.json"))));

    public static JsonElement Root => s_doc.Value.RootElement;

    public static JsonElement Find(string section, string name)
    {
        foreach (var e in Root.GetProperty(section).EnumerateArray())
            if (e.GetProperty("name").GetString() == name) return e;
        throw new KeyNotFoundException($"fixture {section}/{name} not found");
    }

    public static IEnumerable<object[]> Names(string section) =>
        Root.GetProperty(section).EnumerateArray().Select(e => new object[] { e.GetProperty("name").GetString()! });

    public static Tensor ToTensor(JsonElement e, bool requiresGrad = false)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(x => x.GetSingle()).ToArray();
        return torch.tensor(data, shape, requiresGrad);
    }

    public static float[] Data(JsonElement e) => e.GetProperty("data").EnumerateArray().Select(x => x.GetSingle()).ToArray();

    public static long[] Shape(JsonElement e) => e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();

    /// <summary>Asserts |a-e| ≤ rtol·|e| + atol elementwise and equal shapes.</summary>
    public static void AssertClose(JsonElement expected, Tensor actual, double rtol = 1e-5, double atol = 1e-6, string what = "")
    {
        Assert.Equal(Shape(expected), actual.shape);
        AssertClose(Data(expected), actual.ToArray(), rtol, atol, what);
    }

    public static void AssertClose(float[] expected, float[] actual, double rtol = 1e-5, double atol = 1e-6, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs((double)expected[i] - actual[i]);
            double tol = rtol * Math.Abs(expected[i]) + atol;
            if (!(err <= tol))
                Assert.Fail($"{what}: element {i}: expected {expected[i]:R}, got {actual[i]:R} (error {err:E3} > tolerance {tol:E3})");
        }
    }
}
