using RlFramework.Renders;

namespace RlFramework.Envs.Classic;

/// <summary>
/// What the classic-control envs after CartPole share: a float64 state as Gymnasium's <c>env.unwrapped.state</c>,
/// float32 observations, an rgb_array picture drawn as pygame draws it, and snapshots of the state and the random
/// generator. Subclasses reset, step and draw.
/// </summary>
/// <typeparam name="TAct">The action type: int for Discrete actions, float[] for Box actions.</typeparam>
public abstract class ClassicControlEnv<TAct> : Env<float[], TAct>, ISnapshotEnv where TAct : notnull
{
    private readonly string _stateNames;
    private readonly int _screenWidth, _screenHeight;
    private ClassicPicture? _picture;
    private bool _hasState;

    /// <summary>Creates the env.</summary>
    /// <param name="metadata">Render modes and frame rate.</param>
    /// <param name="renderMode">The requested render mode, or null.</param>
    /// <param name="stateNames">The names of the state's entries, as Gymnasium orders them.</param>
    /// <param name="screenWidth">The picture's width in pixels.</param>
    /// <param name="screenHeight">The picture's height in pixels.</param>
    private protected ClassicControlEnv(EnvMetadata metadata, string? renderMode, string[] stateNames, int screenWidth, int screenHeight)
        : base(metadata, renderMode)
    {
        StateValues = new double[stateNames.Length];
        _stateNames = string.Join(", ", stateNames);
        (_screenWidth, _screenHeight) = (screenWidth, screenHeight);
    }

    /// <summary>The state the env steps (Gymnasium's <c>self.state</c>).</summary>
    protected double[] StateValues { get; }

    /// <summary>
    /// A copy of the float64 state, as Gymnasium's <c>env.unwrapped.state</c>. Setting it starts stepping from that state.
    /// </summary>
    public double[] State
    {
        get => (double[])StateValues.Clone();
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length != StateValues.Length)
                throw new ArgumentException($"{GetType().Name} state has {StateValues.Length} entries ({_stateNames}); got {value.Length}.", nameof(value));
            value.CopyTo(StateValues, 0);
            _hasState = true;
        }
    }

    /// <summary>Records that Reset has set the state.</summary>
    protected void MarkReset() => _hasState = true;

    /// <summary>Throws unless Reset (or the State setter) gave the env a state.</summary>
    /// <exception cref="InvalidOperationException">No state yet.</exception>
    protected void EnsureState()
    {
        if (!_hasState) throw new InvalidOperationException($"{Name}: call Reset first.");
    }

    /// <summary>A new frame of the current state in rgb_array mode; null without a render mode.</summary>
    public override object? Render()
    {
        if (RenderMode != Envs.RenderMode.RgbArray) return null;
        var frame = new Frame(_screenWidth, _screenHeight);
        RenderInto(frame);
        return frame;
    }

    /// <summary>Draws the current state into <paramref name="frame"/> (of the picture's size) without allocating.</summary>
    /// <exception cref="InvalidOperationException">No state yet: call Reset first.</exception>
    public void RenderInto(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        EnsureState();
        var picture = _picture ??= new ClassicPicture(_screenWidth, _screenHeight);
        Draw(picture);
        picture.CopyTo(frame);
    }

    /// <summary>Draws the current state as Gymnasium's <c>render</c> does.</summary>
    private protected abstract void Draw(ClassicPicture picture);

    /// <summary>Saves the state, whether there is one, and the random generator.</summary>
    public void SaveState(EnvSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.SetOrigin(this);
        snapshot.Set("np_random", NpRandom);
        snapshot.Set("has_state", _hasState);
        for (int i = 0; i < StateValues.Length; i++) snapshot.Set($"state/{i}", StateValues[i]);
        OnSaveState(snapshot);
    }

    /// <summary>Restores what <see cref="SaveState"/> saved, refusing another env's snapshot.</summary>
    /// <exception cref="InvalidDataException">The snapshot was taken from another env or lacks a value.</exception>
    public void LoadState(EnvSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.CheckOrigin(this);
        snapshot.Restore("np_random", NpRandom);
        for (int i = 0; i < StateValues.Length; i++) StateValues[i] = snapshot.GetDouble($"state/{i}");
        _hasState = snapshot.GetBool("has_state");
        OnLoadState(snapshot);
    }

    /// <summary>Saves what a subclass keeps besides the state.</summary>
    protected virtual void OnSaveState(EnvSnapshot snapshot) { }

    /// <summary>Restores what <see cref="OnSaveState"/> saved.</summary>
    protected virtual void OnLoadState(EnvSnapshot snapshot) { }

    /// <inheritdoc/>
    protected override void OnClose() => _picture?.Dispose();
}
