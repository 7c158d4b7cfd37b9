namespace RlFramework.Envs.Classic;

/// <summary>Saves and restores what a classic-control env holds: its random generator and its float64 state.</summary>
internal static class StateSnapshot
{
    /// <summary>Writes the origin, the generator, whether there is a state, and the state's entries.</summary>
    public static void Save<TObs, TAct>(EnvSnapshot snapshot, Env<TObs, TAct> env, bool hasState, ReadOnlySpan<double> state)
        where TObs : notnull where TAct : notnull
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.SetOrigin(env);
        snapshot.Set("np_random", env.NpRandom);
        snapshot.Set("has_state", hasState);
        for (int i = 0; i < state.Length; i++) snapshot.Set($"state/{i}", state[i]);
    }

    /// <summary>Refuses another env's snapshot, restores the generator and the state; returns whether there is a state.</summary>
    /// <exception cref="InvalidDataException">The snapshot was taken from another env or lacks a value.</exception>
    public static bool Load<TObs, TAct>(EnvSnapshot snapshot, Env<TObs, TAct> env, Span<double> state)
        where TObs : notnull where TAct : notnull
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.CheckOrigin(env);
        snapshot.Restore("np_random", env.NpRandom);
        for (int i = 0; i < state.Length; i++) state[i] = snapshot.GetDouble($"state/{i}");
        return snapshot.GetBool("has_state");
    }
}
