using System.Collections.Concurrent;
using System.Text.Json;
using Orleans.Storage;

namespace RlFramework.Runner.Tests.Sweeps;

/// <summary>
/// Grain storage shared by every silo of an in-process test cluster, standing in for the database of a real cluster: a
/// silo that stops takes no state with it (Orleans' memory storage keeps state in grains, which would go with it).
/// States are stored as JSON, so no two activations share objects.
/// </summary>
internal sealed class SharedGrainStorage : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (string Json, string ETag)> Store = new();

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Store.TryGetValue(Key(stateName, grainId), out var stored))
            (grainState.State, grainState.ETag, grainState.RecordExists) = (JsonSerializer.Deserialize<T>(stored.Json)!, stored.ETag, true);
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        string etag = Guid.NewGuid().ToString("N");
        Store[Key(stateName, grainId)] = (JsonSerializer.Serialize(grainState.State), etag);
        (grainState.ETag, grainState.RecordExists) = (etag, true);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Store.TryRemove(Key(stateName, grainId), out _);
        (grainState.ETag, grainState.RecordExists) = (null, false);
        return Task.CompletedTask;
    }
}
