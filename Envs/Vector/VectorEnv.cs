using System.Globalization;
using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Vector;

/// <summary>
/// The common part of <see cref="SyncVectorEnv{T, TAct}"/> and <see cref="ParallelVectorEnv{T, TAct}"/>: the batch
/// buffers, input checks, seeding and the autoreset logic of each sub-env. The subclasses differ only in which
/// threads run the per-sub-env work; every sub-env writes only its own slots, so the results are the same.
/// A snapshot holds every sub-env's snapshot and which sub-envs await their autoreset.
/// </summary>
/// <typeparam name="T">The observation element type.</typeparam>
/// <typeparam name="TAct">The action type of one sub-env.</typeparam>
public abstract class VectorEnv<T, TAct> : IVectorEnv<T, TAct>, ISnapshotEnv where T : unmanaged where TAct : notnull
{
    private readonly IEnv<T[], TAct>[] _envs;
    private readonly VectorBuffers<T> _buffers;
    private readonly TAct[] _actions;
    private readonly bool[] _needsReset;
    private readonly int?[] _seeds;
    private readonly bool[] _mask;
    private readonly Exception?[] _failures;
    private bool _maskAll;
    private IReadOnlyDictionary<string, object?>? _options;
    private bool _resetting;
    private int _firstFailure = int.MaxValue;
    private bool _hasReset;
    private bool _closed;

    /// <summary>Builds the sub-envs with <paramref name="envFns"/> and checks that their spaces agree.</summary>
    private protected VectorEnv(IEnumerable<Func<IEnv<T[], TAct>>> envFns, AutoresetMode autoresetMode)
    {
        ArgumentNullException.ThrowIfNull(envFns);
        if (!Enum.IsDefined(autoresetMode))
            throw new ArgumentOutOfRangeException(nameof(autoresetMode), autoresetMode, "Expected NextStep, SameStep or Disabled.");
        AutoresetMode = autoresetMode;
        _envs = CreateEnvs(envFns);
        try
        {
            var first = _envs[0];
            SingleObservationSpace = first.ObservationSpace;
            SingleActionSpace = first.ActionSpace;
            for (int i = 1; i < _envs.Length; i++)
            {
                if (!SameSpace(_envs[i].ObservationSpace, SingleObservationSpace))
                {
                    throw new ArgumentException(
                        $"Sub-env {i} has observation space {_envs[i].ObservationSpace}; sub-env 0 has {SingleObservationSpace}. All sub-envs of a vector env must have the same spaces.",
                        nameof(envFns));
                }

                if (!SameSpace(_envs[i].ActionSpace, SingleActionSpace))
                {
                    throw new ArgumentException(
                        $"Sub-env {i} has action space {_envs[i].ActionSpace}; sub-env 0 has {SingleActionSpace}. All sub-envs of a vector env must have the same spaces.",
                        nameof(envFns));
                }
            }
            int n = _envs.Length;
            ObservationSize = SpaceBatching.ObservationSize(SingleObservationSpace);
            ObservationSpace = SpaceBatching.BatchObservationSpace(SingleObservationSpace, n);
            ActionSpace = SpaceBatching.BatchActionSpace(SingleActionSpace, n);
            _buffers = new VectorBuffers<T>(n, ObservationSize, autoresetMode == AutoresetMode.SameStep);
            _actions = new TAct[n];
            _needsReset = new bool[n];
            _seeds = new int?[n];
            _mask = new bool[n];
            _failures = new Exception?[n];
            Envs = Array.AsReadOnly(_envs);
        }
        catch
        {
            foreach (var env in _envs) env.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public int NumEnvs => _envs.Length;

    /// <inheritdoc/>
    public IReadOnlyList<IEnv<T[], TAct>> Envs { get; }

    /// <inheritdoc/>
    public int ObservationSize { get; }

    /// <inheritdoc/>
    public Space<T[]> SingleObservationSpace { get; }

    /// <inheritdoc/>
    public Space<TAct> SingleActionSpace { get; }

    /// <inheritdoc/>
    public Space<T[]> ObservationSpace { get; }

    /// <inheritdoc/>
    public Space<TAct[]> ActionSpace { get; }

    ISpace IVectorEnv.SingleObservationSpace => SingleObservationSpace;
    ISpace IVectorEnv.SingleActionSpace => SingleActionSpace;
    ISpace IVectorEnv.ObservationSpace => ObservationSpace;
    ISpace IVectorEnv.ActionSpace => ActionSpace;

    /// <inheritdoc/>
    public AutoresetMode AutoresetMode { get; }

    /// <inheritdoc/>
    public EnvMetadata Metadata => _envs[0].Metadata;

    /// <inheritdoc/>
    public string? RenderMode => _envs[0].RenderMode;

    /// <inheritdoc/>
    public EnvSpec? Spec { get; set; }

    /// <summary>True once <see cref="Close"/> or Dispose ran.</summary>
    public bool IsClosed => _closed;

    /// <inheritdoc/>
    public VectorResetResult<T> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null)
    {
        FillSeeds(seed);
        return ResetCore(default, all: true, options);
    }

    /// <inheritdoc/>
    public VectorResetResult<T> Reset(IReadOnlyList<int?> seeds, IReadOnlyDictionary<string, object?>? options = null)
    {
        FillSeeds(seeds);
        return ResetCore(default, all: true, options);
    }

    /// <inheritdoc/>
    public VectorResetResult<T> Reset(ReadOnlySpan<bool> mask, int? seed = null, IReadOnlyDictionary<string, object?>? options = null)
    {
        FillSeeds(seed);
        return ResetCore(mask, all: false, options);
    }

    /// <inheritdoc/>
    public VectorResetResult<T> Reset(ReadOnlySpan<bool> mask, IReadOnlyList<int?> seeds, IReadOnlyDictionary<string, object?>? options = null)
    {
        FillSeeds(seeds);
        return ResetCore(mask, all: false, options);
    }

    /// <inheritdoc/>
    public VectorStepResult<T> Step(TAct[] actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return Step((ReadOnlySpan<TAct>)actions);
    }

    /// <inheritdoc/>
    public VectorStepResult<T> Step(ReadOnlySpan<TAct> actions)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (!_hasReset)
            throw new InvalidOperationException($"{this}: cannot call Step before Reset; call Reset first.");
        if (actions.Length != _envs.Length)
            throw new ArgumentException($"{this}: got {actions.Length} actions; expected one per sub-env, {_envs.Length}.", nameof(actions));
        var space = SingleActionSpace;
        for (int i = 0; i < actions.Length; i++)
        {
            var action = actions[i];
            if (action is null || !space.Contains(action))
            {
                throw new ArgumentException(
                    $"{this}: action {Describe(action)} for sub-env {i} is not in the single action space {space}.", nameof(actions));
            }

            if (AutoresetMode == AutoresetMode.Disabled && _needsReset[i])
            {
                throw new InvalidOperationException(
                    $"{this}: sub-env {i} finished its episode and autoreset is disabled; reset it with Reset(mask) before stepping it.");
            }
        }
        actions.CopyTo(_actions);
        _resetting = false;
        Run();
        return new VectorStepResult<T>(_buffers);
    }

    /// <inheritdoc/>
    public IReadOnlyList<object?> Render()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var frames = new object?[_envs.Length];
        for (int i = 0; i < frames.Length; i++) frames[i] = _envs[i].Render();
        return frames;
    }

    /// <inheritdoc/>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        try
        {
            OnClose();
        }
        finally
        {
            List<Exception>? errors = null;
            foreach (var env in _envs)
            {
                try
                {
                    env.Close();
                }
                catch (Exception e)
                {
                    (errors ??= []).Add(e);
                }
            }
            if (errors is not null) throw new AggregateException($"{this}: closing sub-envs failed.", errors);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>Saves the number of sub-envs, the autoreset mode, whether Reset was called, and each sub-env's state and pending autoreset.</summary>
    /// <exception cref="NotSupportedException">A sub-env cannot save its state.</exception>
    public void SaveState(EnvSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.Set("num_envs", _envs.Length);
        snapshot.Set("autoreset", AutoresetMode.ToString());
        snapshot.Set("has_reset", _hasReset);
        for (int i = 0; i < _envs.Length; i++)
        {
            var scope = snapshot.Scope(i.ToString(CultureInfo.InvariantCulture));
            SubEnv(i).SaveState(scope);
            scope.Set("needs_reset", _needsReset[i]);
        }
    }

    /// <summary>Restores what <see cref="SaveState"/> wrote, into a vector env of the same size and autoreset mode.</summary>
    /// <exception cref="InvalidDataException">The snapshot comes from a vector env of another size, autoreset mode or sub-env.</exception>
    public void LoadState(EnvSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ObjectDisposedException.ThrowIf(_closed, this);
        long count = snapshot.GetLong("num_envs");
        var mode = snapshot.GetString("autoreset");
        if (count != _envs.Length || mode != AutoresetMode.ToString())
            throw new InvalidDataException($"The snapshot was taken from a vector env of {count} sub-envs with autoreset {mode}; {this} has {_envs.Length} with autoreset {AutoresetMode}.");
        for (int i = 0; i < _envs.Length; i++)
        {
            var scope = snapshot.Scope(i.ToString(CultureInfo.InvariantCulture));
            SubEnv(i).LoadState(scope);
            _needsReset[i] = scope.GetBool("needs_reset");
        }
        _hasReset = snapshot.GetBool("has_reset");
    }

    private ISnapshotEnv SubEnv(int i) => _envs[i] as ISnapshotEnv
        ?? throw new NotSupportedException($"Sub-env {i} ({_envs[i]}) cannot save its state (it does not implement ISnapshotEnv), so {this} cannot be snapshotted.");

    /// <summary>Gymnasium's form: <c>SyncVectorEnv(CartPole-v1, num_envs=4)</c>, or <c>SyncVectorEnv(num_envs=4)</c> without a spec.</summary>
    public override string ToString()
    {
        var name = GetType().Name;
        int tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        return Spec is null ? $"{name}(num_envs={_envs.Length})" : $"{name}({Spec.Id}, num_envs={_envs.Length})";
    }

    /// <summary>Runs <see cref="RunRange"/> over all sub-envs, on whichever threads the subclass uses, and returns when all are done.</summary>
    private protected abstract void Execute();

    /// <summary>Stops the subclass's threads; called once, before the sub-envs are closed.</summary>
    private protected virtual void OnClose() { }

    /// <summary>
    /// Does the current operation (Reset or Step) for sub-envs <c>[start, end)</c>. Exceptions are recorded per
    /// sub-env, not thrown, and stop the range; <see cref="Run"/> raises the lowest-indexed one.
    /// </summary>
    private protected void RunRange(int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            try
            {
                if (_resetting) ResetOne(i);
                else StepOne(i);
            }
            catch (Exception e)
            {
                _failures[i] = e;
                int seen = Volatile.Read(ref _firstFailure);
                while (i < seen)
                {
                    int found = Interlocked.CompareExchange(ref _firstFailure, i, seen);
                    if (found == seen) break;
                    seen = found;
                }
                return;
            }
        }
    }

    private VectorResetResult<T> ResetCore(ReadOnlySpan<bool> mask, bool all, IReadOnlyDictionary<string, object?>? options)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (!all)
        {
            if (mask.Length != _envs.Length)
                throw new ArgumentException($"{this}: the reset mask has {mask.Length} entries; expected one per sub-env, {_envs.Length}.", nameof(mask));
            if (!mask.Contains(true))
                throw new ArgumentException($"{this}: the reset mask selects no sub-env; set at least one entry to true.", nameof(mask));
            if (!_hasReset && mask.Contains(false))
                throw new InvalidOperationException($"{this}: the first Reset must reset every sub-env; call Reset without a mask first.");
            mask.CopyTo(_mask);
        }
        _maskAll = all;
        _options = options;
        _resetting = true;
        try
        {
            Run();
        }
        finally
        {
            _options = null;
        }
        _hasReset = true;
        return new VectorResetResult<T>(_buffers);
    }

    private void Run()
    {
        Execute();
        int failed = _firstFailure;
        if (failed == int.MaxValue) return;
        var error = _failures[failed]!;
        Array.Clear(_failures);
        _firstFailure = int.MaxValue;
        throw new VectorEnvException(failed, _resetting ? "Reset" : "Step", _envs[failed].ToString() ?? "?", error);
    }

    private void ResetOne(int i)
    {
        var b = _buffers;
        if (!_maskAll && !_mask[i])
        {
            b.Infos[i] = Info.Empty;
            return;
        }
        var (observation, info) = _envs[i].Reset(_seeds[i], _options);
        CopyObservation(i, observation, b.Observations);
        b.Infos[i] = info;
        b.Terminated[i] = false;
        b.Truncated[i] = false;
        b.HasFinal[i] = false;
        _needsReset[i] = false;
    }

    private void StepOne(int i)
    {
        var b = _buffers;
        var env = _envs[i];
        if (AutoresetMode == AutoresetMode.NextStep && _needsReset[i])
        {
            var (observation, info) = env.Reset(null, null);
            CopyObservation(i, observation, b.Observations);
            b.Rewards[i] = 0;
            b.Terminated[i] = false;
            b.Truncated[i] = false;
            b.Infos[i] = info;
            _needsReset[i] = false;
            return;
        }
        var step = env.Step(_actions[i]);
        b.Rewards[i] = step.Reward;
        b.Terminated[i] = step.Terminated;
        b.Truncated[i] = step.Truncated;
        bool done = step.Terminated || step.Truncated;
        if (AutoresetMode == AutoresetMode.SameStep)
        {
            b.HasFinal[i] = done;
            if (done)
            {
                CopyObservation(i, step.Observation, b.FinalObservations);
                b.FinalInfos[i] = step.Info;
                var finalObservation = new T[ObservationSize];
                step.Observation.AsSpan().CopyTo(finalObservation);
                var (observation, info) = env.Reset(null, null);
                CopyObservation(i, observation, b.Observations);
                b.Infos[i] = info.With("final_obs", finalObservation).With("final_info", step.Info);
                _needsReset[i] = false;
                return;
            }
        }
        CopyObservation(i, step.Observation, b.Observations);
        b.Infos[i] = step.Info;
        _needsReset[i] = done;
    }

    private void CopyObservation(int i, T[] observation, T[] destination)
    {
        if (observation is null || observation.Length != ObservationSize)
        {
            throw new InvalidOperationException(
                $"Sub-env {i} returned an observation of {observation?.Length.ToString(CultureInfo.InvariantCulture) ?? "null"} elements; its observation space {SingleObservationSpace} has {ObservationSize}.");
        }

        observation.AsSpan().CopyTo(destination.AsSpan(i * ObservationSize, ObservationSize));
    }

    private void FillSeeds(int? seed)
    {
        if (seed is int s)
        {
            if (s < 0)
                throw new ArgumentOutOfRangeException(nameof(seed), seed, "A seed must be a non-negative integer or null.");
            if ((long)s + _envs.Length - 1 > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(seed), seed,
                    $"Sub-envs get seeds seed, seed+1, ..., seed+{_envs.Length - 1}; the last must not exceed {int.MaxValue}.");
            }

            for (int i = 0; i < _seeds.Length; i++) _seeds[i] = s + i;
        }
        else
        {
            Array.Clear(_seeds);
        }
    }

    private void FillSeeds(IReadOnlyList<int?> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count != _envs.Length)
        {
            throw new ArgumentException(
                $"{this}: got {seeds.Count} seeds ({string.Join(", ", seeds.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? "null"))}); expected one per sub-env, {_envs.Length}.",
                nameof(seeds));
        }

        for (int i = 0; i < _seeds.Length; i++) _seeds[i] = seeds[i];
    }

    private static IEnv<T[], TAct>[] CreateEnvs(IEnumerable<Func<IEnv<T[], TAct>>> envFns)
    {
        var envs = new List<IEnv<T[], TAct>>();
        try
        {
            foreach (var envFn in envFns)
            {
                if (envFn is null) throw new ArgumentException($"Env factory {envs.Count} is null.", nameof(envFns));
                envs.Add(envFn() ?? throw new ArgumentException($"Env factory {envs.Count} returned null.", nameof(envFns)));
            }
        }
        catch
        {
            foreach (var env in envs) env.Dispose();
            throw;
        }
        if (envs.Count == 0)
            throw new ArgumentException("A vector env needs at least one sub-env; got 0 env factories.", nameof(envFns));
        return [.. envs];
    }

    private static bool SameSpace(ISpace a, ISpace b) =>
        ReferenceEquals(a, b) || (a.GetType() == b.GetType() && a.ToString() == b.ToString()
            && (a.Shape is null ? b.Shape is null : b.Shape is not null && a.Shape.SequenceEqual(b.Shape)));

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => $"'{text}'",
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };
}
