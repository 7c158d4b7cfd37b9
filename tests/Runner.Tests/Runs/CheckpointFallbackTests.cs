using System.Text.Json.Nodes;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Tests.Logging;

namespace RlFramework.Runner.Tests.Runs;

/// <summary>The holes of issue 19 item 9: a file dropped from the manifest, and leftovers of a save killed midway.</summary>
public class CheckpointFallbackTests
{
    private static Action<string> Files(long step) => folder =>
    {
        File.WriteAllBytes(Path.Combine(folder, "model.safetensors"), Enumerable.Range(0, 2048).Select(i => (byte)(i * step)).ToArray());
        File.WriteAllText(Path.Combine(folder, "loop.json"), $"{{\"step\": {step}}}");
    };

    private static string ManifestPath(Checkpoint checkpoint) => Path.Combine(checkpoint.Path, CheckpointStore.ManifestFileName);

    /// <summary>Removes <paramref name="file"/> from the manifest; <paramref name="asVersion1"/> also rewrites it as a version 1 manifest (no list checksum).</summary>
    private static void DropFromManifest(Checkpoint checkpoint, string file, bool asVersion1)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(ManifestPath(checkpoint)))!.AsObject();
        manifest["files"]!.AsObject().Remove(file);
        if (asVersion1)
        {
            manifest["version"] = 1;
            manifest.Remove("files_crc32c");
        }

        File.WriteAllText(ManifestPath(checkpoint), manifest.ToJsonString());
    }

    [Theory]
    [InlineData(false, "its file list was altered")]
    [InlineData(true, "holds 'loop.json', which its manifest.json does not list")]
    public void AFileDroppedFromTheManifestAndThenCorruptedFallsBackToTheOlderCheckpoint(bool asVersion1, string reason)
    {
        using var folder = new TempDir();
        var store = new CheckpointStore(folder.Path, keep: 2);
        store.Save(10, Files(10));
        var newest = store.Save(20, Files(20));
        DropFromManifest(newest, "loop.json", asVersion1);
        File.WriteAllText(Path.Combine(newest.Path, "loop.json"), "{\"step\": 2"); // truncated: loading it would throw

        var error = Assert.Throws<InvalidDataException>(() => CheckpointStore.Verify(newest));
        Assert.Contains(reason, error.Message);
        var good = store.FindLatestGood(out var refused);
        Assert.Equal(10, good!.Step);
        Assert.Contains(reason, Assert.Single(refused));
    }

    [Fact]
    public void ARewrittenManifestEntryIsRefused()
    {
        using var folder = new TempDir();
        var store = new CheckpointStore(folder.Path);
        var saved = store.Save(10, Files(10));
        var manifest = JsonNode.Parse(File.ReadAllText(ManifestPath(saved)))!.AsObject();
        var files = manifest["files"]!.AsObject();
        files["loop.json"]!["bytes"] = 3;
        File.WriteAllText(Path.Combine(saved.Path, "loop.json"), "{}\n");
        files["loop.json"]!["crc32c"] = $"{Crc32CTests.Reference("{}\n"u8.ToArray()):x8}";
        File.WriteAllText(ManifestPath(saved), manifest.ToJsonString());
        var error = Assert.Throws<InvalidDataException>(() => CheckpointStore.Verify(saved));
        Assert.Contains("altered", error.Message);
    }

    [Fact]
    public void AnUntouchedVersion1CheckpointStillVerifies()
    {
        using var folder = new TempDir();
        var store = new CheckpointStore(folder.Path);
        var saved = store.Save(10, Files(10));
        var manifest = JsonNode.Parse(File.ReadAllText(ManifestPath(saved)))!.AsObject();
        manifest["version"] = 1;
        manifest.Remove("files_crc32c");
        File.WriteAllText(ManifestPath(saved), manifest.ToJsonString());
        CheckpointStore.Verify(saved);
    }

    [Fact]
    public void AHalfWrittenTempFolderLeftByAKillIsRemovedAtTheNextSave()
    {
        using var folder = new TempDir();
        var store = new CheckpointStore(folder.Path, keep: 2);
        store.Save(10, Files(10));
        var killed = Path.Combine(store.Folder, $".step-000000000020.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(killed);
        File.WriteAllBytes(Path.Combine(killed, "model.safetensors"), new byte[100]); // no manifest: the kill came mid-write

        Assert.Equal([10L], store.List().Select(c => c.Step));
        store.Save(20, Files(20));
        Assert.False(Directory.Exists(killed));
        Assert.Equal(["step-000000000010", "step-000000000020"], Directory.GetFileSystemEntries(store.Folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AReplacedCheckpointLeftAsideByAKillBetweenTheRenamesIsPutBack()
    {
        using var folder = new TempDir();
        var store = new CheckpointStore(folder.Path, keep: 3);
        store.Save(10, Files(10));
        var replaced = store.Save(20, Files(20));
        // Replacing step 20 moves it aside, then moves the new one in; a kill between the two leaves only the aside copy.
        var aside = Path.Combine(store.Folder, $".step-000000000020.{Guid.NewGuid():N}.old");
        Directory.Move(replaced.Path, aside);
        var leftover = Path.Combine(store.Folder, $".step-000000000020.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(leftover);

        Assert.Equal(new[] { Path.GetFileName(aside), Path.GetFileName(leftover) }.Order(StringComparer.Ordinal), store.RemoveLeftovers().Order(StringComparer.Ordinal));
        Assert.Equal([10L, 20L], store.List().Select(c => c.Step));
        CheckpointStore.Verify(store.List()[^1]);
        Assert.Equal(["step-000000000010", "step-000000000020"], Directory.GetFileSystemEntries(store.Folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AnAsideCopyWhoseCheckpointWasCommittedIsDeleted()
    {
        using var folder = new TempDir();
        var store = new CheckpointStore(folder.Path);
        store.Save(10, Files(10));
        var aside = Path.Combine(store.Folder, $".step-000000000010.{Guid.NewGuid():N}.old");
        Directory.CreateDirectory(aside);
        store.Save(20, Files(20));
        Assert.False(Directory.Exists(aside));
        Assert.Equal([10L, 20L], store.List().Select(c => c.Step));
    }
}
