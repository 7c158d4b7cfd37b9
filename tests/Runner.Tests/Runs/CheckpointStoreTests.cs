using System.Text.Json;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Tests.Logging;

namespace RlFramework.Runner.Tests.Runs;

public class CheckpointStoreTests
{
    private static Action<string> Files(long step) => folder =>
    {
        File.WriteAllBytes(Path.Combine(folder, "model.safetensors"), Enumerable.Range(0, 4096).Select(i => (byte)(i * step)).ToArray());
        Directory.CreateDirectory(Path.Combine(folder, "replay"));
        File.WriteAllText(Path.Combine(folder, "replay", "buffer.msgpack"), $"buffer at {step}");
        File.WriteAllText(Path.Combine(folder, "state.json"), $"{{\"step\": {step}}}");
    };

    [Fact]
    public void SavesCommitWholeFoldersWithAManifestAndKeepTheNewest()
    {
        using var folder = new TempDir();
        var store = new CheckpointStore(folder.File("checkpoints"), keep: 2);
        Assert.Empty(store.List());
        foreach (long step in new long[] { 1000, 2000, 3000 })
        {
            var saved = store.Save(step, Files(step));
            Assert.Equal(Path.Combine(store.Folder, $"step-{step:D12}"), saved.Path);
        }

        Assert.Equal([2000L, 3000L], store.List().Select(c => c.Step));
        Assert.Equal(["step-000000002000", "step-000000003000"], Directory.GetFileSystemEntries(store.Folder).Select(Path.GetFileName).Order());
        var latest = store.FindLatestGood(out var refused);
        Assert.Equal(3000, latest!.Step);
        Assert.Empty(refused);
        Assert.Equal("buffer at 3000", File.ReadAllText(Path.Combine(latest.Path, "replay", "buffer.msgpack")));

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(latest.Path, "manifest.json")));
        Assert.Equal(3000, manifest.RootElement.GetProperty("step").GetInt64());
        var files = manifest.RootElement.GetProperty("files");
        Assert.Equal(["model.safetensors", "replay/buffer.msgpack", "state.json"], files.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4096, files.GetProperty("model.safetensors").GetProperty("bytes").GetInt64());
        var model = File.ReadAllBytes(Path.Combine(latest.Path, "model.safetensors"));
        Assert.Equal(Crc32CTests.Reference(model).ToString("x8"), files.GetProperty("model.safetensors").GetProperty("crc32c").GetString());
    }

    [Fact]
    public void ACorruptOrTruncatedNewestCheckpointIsRefusedAndThePreviousGoodOneIsFound()
    {
        using var folder = new TempDir();
        var store = new CheckpointStore(folder.Path, keep: 3);
        store.Save(10, Files(10));
        store.Save(20, Files(20));
        var newest = store.Save(30, Files(30));

        var model = Path.Combine(newest.Path, "model.safetensors");
        var bytes = File.ReadAllBytes(model);
        bytes[100] ^= 1;
        File.WriteAllBytes(model, bytes);
        var corrupt = Assert.Throws<InvalidDataException>(() => CheckpointStore.Verify(newest));
        Assert.Matches(@"^Checkpoint '.*step-000000000030' is corrupt: 'model.safetensors' has CRC-32C 0x[0-9a-f]{8}, the manifest says 0x[0-9a-f]{8}\.$", corrupt.Message);

        var previous = store.List()[1];
        File.WriteAllText(Path.Combine(previous.Path, "replay", "buffer.msgpack"), "buffer");
        var truncated = Assert.Throws<InvalidDataException>(() => CheckpointStore.Verify(previous));
        Assert.EndsWith("is truncated: 'replay/buffer.msgpack' has 6 bytes, the manifest says 12.", truncated.Message);

        var good = store.FindLatestGood(out var refused);
        Assert.Equal(10, good!.Step);
        Assert.Equal([corrupt.Message, truncated.Message], refused);

        File.Delete(Path.Combine(good.Path, "manifest.json"));
        Assert.Null(store.FindLatestGood(out refused));
        Assert.Equal(3, refused.Count);
        Assert.EndsWith("is incomplete: it has no manifest.json.", refused[2]);
    }

    [Fact]
    public void AnUnreadableOrMismatchedManifestIsRefused()
    {
        using var folder = new TempDir();
        var store = new CheckpointStore(folder.Path);
        var checkpoint = store.Save(5, Files(5));
        var manifest = Path.Combine(checkpoint.Path, "manifest.json");
        var text = File.ReadAllText(manifest);

        File.WriteAllText(manifest, text[..(text.Length / 2)]);
        Assert.Contains("has an unreadable manifest.json", Assert.Throws<InvalidDataException>(() => CheckpointStore.Verify(checkpoint)).Message);

        File.WriteAllText(manifest, text.Replace("\"step\": 5", "\"step\": 6", StringComparison.Ordinal));
        Assert.Contains("its folder says step 5 but its manifest says step 6", Assert.Throws<InvalidDataException>(() => CheckpointStore.Verify(checkpoint)).Message);

        File.WriteAllText(manifest, text);
        File.Delete(Path.Combine(checkpoint.Path, "state.json"));
        Assert.Contains("is incomplete: 'state.json' is missing", Assert.Throws<InvalidDataException>(() => CheckpointStore.Verify(checkpoint)).Message);
    }

    [Fact]
    public void AFailingWriterChangesNothingAndASavedStepCanBeReplaced()
    {
        using var folder = new TempDir();
        var store = new CheckpointStore(folder.Path);
        store.Save(100, Files(100));
        Assert.Throws<IOException>(() => store.Save(200, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "model.safetensors"), "half");
            throw new IOException("disk full");
        }));
        Assert.Equal(["step-000000000100"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));

        var replaced = store.Save(100, dir => File.WriteAllText(Path.Combine(dir, "state.json"), "{}"));
        CheckpointStore.Verify(replaced);
        Assert.Equal(["manifest.json", "state.json"], Directory.GetFiles(replaced.Path).Select(Path.GetFileName).Order());
        Assert.Single(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void LeftoversOfACrashedSaveAreNotCheckpoints()
    {
        using var folder = new TempDir();
        var store = new CheckpointStore(folder.Path);
        store.Save(7, Files(7));
        Directory.CreateDirectory(Path.Combine(folder.Path, ".step-000000000008.0123.tmp"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "step-8"));
        Assert.Equal([7L], store.List().Select(c => c.Step));
    }

    [Fact]
    public void BadArgumentsAreRefusedByName()
    {
        using var folder = new TempDir();
        Assert.Contains("keep must be at least 1 checkpoint; got 0", Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointStore(folder.Path, keep: 0)).Message);
        var store = new CheckpointStore(folder.Path);
        Assert.Contains("got -1", Assert.Throws<ArgumentOutOfRangeException>(() => store.Save(-1, Files(1))).Message);
        Assert.Contains("wrote no files", Assert.Throws<ArgumentException>(() => store.Save(1, _ => { })).Message);
        Assert.Contains("reserves for its own manifest", Assert.Throws<ArgumentException>(() =>
            store.Save(1, dir => File.WriteAllText(Path.Combine(dir, "manifest.json"), "{}"))).Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
