using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using RlFramework.Models;
using RlFramework.Models.Serialization;

namespace RlFramework.Models.Tests;

public class SafeTensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("models-st-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void FileLayoutFollowsTheFormat()
    {
        var path = Path.Combine(_dir, "a.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = torch.tensor([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]), ["b"] = torch.tensor([-1f], [1]) },
            new Dictionary<string, string> { ["format"] = "pt" });
        var bytes = File.ReadAllBytes(path);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, (8 + n) % 8);
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)n).TrimEnd(' '));
        var root = doc.RootElement;
        Assert.Equal("pt", root.GetProperty("__metadata__").GetProperty("format").GetString());
        var w = root.GetProperty("w");
        Assert.Equal("F32", w.GetProperty("dtype").GetString());
        Assert.Equal(new[] { 2, 3 }, w.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        var off = w.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(24, off[1] - off[0]);
        Assert.Equal(6f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + (int)n + off[0] + 20)));
        Assert.Equal(8 + (int)n + 28, bytes.Length);
    }

    [Fact]
    public void ReadsAFileWrittenByHandFromTheSpec()
    {
        // Header exactly as the reference implementation writes it (no metadata, space-padded to 8 bytes).
        string header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        while (header.Length % 8 != 0) header += " ";
        var bytes = new byte[8 + header.Length + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        Encoding.ASCII.GetBytes(header).CopyTo(bytes, 8);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(8 + header.Length), 1.5f);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(8 + header.Length + 4), -2f);
        var path = Path.Combine(_dir, "hand.safetensors");
        File.WriteAllBytes(path, bytes);
        var (t, meta) = SafeTensors.Load(path);
        Assert.Empty(meta);
        Assert.Equal(new[] { 1.5f, -2f }, t["x"].ToArray());
    }

    [Fact]
    public void ModuleRoundTripsAndLoadChecksShapes()
    {
        torch.manual_seed(1);
        var m = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.ReLU(), torch.nn.Linear(5, 2));
        var path = Path.Combine(_dir, "m.safetensors");
        m.save(path);
        torch.manual_seed(2);
        var m2 = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.ReLU(), torch.nn.Linear(5, 2));
        m2.load(path);
        foreach (var ((_, a), (_, b)) in m.named_parameters().Zip(m2.named_parameters())) Assert.Equal(a.ToArray(), b.ToArray());
        var wrong = torch.nn.Sequential(torch.nn.Linear(3, 6), torch.nn.ReLU(), torch.nn.Linear(6, 2));
        var ex = Assert.Throws<ArgumentException>(() => wrong.load(path));
        Assert.Contains("0.weight", ex.Message);
    }

    [Fact]
    public void TruncatedAndWrongDtypeFilesFailClearly()
    {
        var path = Path.Combine(_dir, "t.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = torch.ones(10, 10) });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains("truncated", ex.Message);
        File.WriteAllBytes(path, bytes[..5]);
        ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains("truncated", ex.Message);
        var text = Encoding.UTF8.GetString(bytes).Replace("\"F32\"", "\"F16\"");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text[..(8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes))]).Concat(bytes[(8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes))..]).ToArray());
        ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains("F16", ex.Message);
    }

    [Fact]
    public void CheckpointWithOptimizerResumesTrainingExactly()
    {
        static (RlFramework.Models.Modules.Sequential m, RlFramework.Models.Optimizers.Optimizer o) Make()
        {
            torch.manual_seed(3);
            var m = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.Tanh(), torch.nn.Linear(6, 1));
            return (m, torch.optim.Adam(m.parameters(), 1e-2));
        }
        static void Step((RlFramework.Models.Modules.Sequential m, RlFramework.Models.Optimizers.Optimizer o) t, int i)
        {
            var g = new Generator(100 + i);
            var x = torch.randn([8, 4], g);
            var y = torch.randn([8, 1], g);
            t.o.zero_grad();
            torch.nn.functional.mse_loss(t.m.forward(x), y).backward();
            t.o.step();
        }
        var a = Make();
        for (int i = 0; i < 3; i++) Step(a, i);
        var path = Path.Combine(_dir, "ckpt.safetensors");
        Checkpoint.Save(path, a.m, a.o, new Dictionary<string, string> { ["episode"] = "3" });
        for (int i = 3; i < 6; i++) Step(a, i);

        var b = Make();
        var meta = Checkpoint.Load(path, b.m, b.o);
        Assert.Equal("3", meta["episode"]);
        for (int i = 3; i < 6; i++) Step(b, i);
        foreach (var ((_, pa), (_, pb)) in a.m.named_parameters().Zip(b.m.named_parameters()))
            Assert.Equal(pa.ToArray(), pb.ToArray());
    }
}
