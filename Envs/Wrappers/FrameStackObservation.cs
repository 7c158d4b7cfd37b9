using System.Numerics;
using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Wrappers;

/// <summary>
/// Observes the last <see cref="StackSize"/> observations, oldest first, as one array of shape (stack, *obs_shape)
/// (Gymnasium's <c>FrameStackObservation</c>). The output array is reused by every Reset and Step.
/// </summary>
/// <typeparam name="T">The observation element type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public sealed class FrameStackObservation<T, TAct> : ObservationWrapper<T[], TAct, T[]> where T : unmanaged, INumber<T> where TAct : notnull
{
    private readonly T[] _stack;
    private readonly int _frameSize;
    private bool _fillOnNext;

    /// <summary>Wraps <paramref name="env"/>, stacking <paramref name="stackSize"/> observations padded by <paramref name="padding"/>.</summary>
    public FrameStackObservation(IEnv<T[], TAct> env, int stackSize, FrameStackPadding padding = FrameStackPadding.Reset) : base(env)
    {
        if (stackSize <= 0) throw new ArgumentOutOfRangeException(nameof(stackSize), stackSize, "The stack size must be positive.");
        if (env.ObservationSpace is not Box<T> box)
            throw new ArgumentException($"FrameStackObservation needs a Box observation space; {env} has {env.ObservationSpace}.", nameof(env));
        StackSize = stackSize;
        Padding = padding;
        _frameSize = box.Size;
        _stack = new T[stackSize * _frameSize];
        var low = new T[_stack.Length];
        var high = new T[_stack.Length];
        for (int i = 0; i < stackSize; i++)
        {
            box.Low.CopyTo(low.AsSpan(i * _frameSize));
            box.High.CopyTo(high.AsSpan(i * _frameSize));
        }
        ObservationSpace = new Box<T>(low, high, [stackSize, .. box.Shape]);
    }

    /// <summary>The number of stacked observations.</summary>
    public int StackSize { get; }

    /// <summary>How the stack is padded after Reset.</summary>
    public FrameStackPadding Padding { get; }

    /// <inheritdoc/>
    public override Box<T> ObservationSpace { get; }

    /// <inheritdoc/>
    protected override void OnReset() => _fillOnNext = true;

    /// <inheritdoc/>
    protected override T[] Observation(T[] observation)
    {
        var frames = _stack.AsSpan();
        if (_fillOnNext)
        {
            _fillOnNext = false;
            for (int i = 0; i < StackSize - 1; i++)
            {
                var slot = frames.Slice(i * _frameSize, _frameSize);
                if (Padding == FrameStackPadding.Reset) observation.CopyTo(slot);
                else slot.Clear();
            }
        }
        else
        {
            frames[_frameSize..].CopyTo(frames);
        }
        observation.CopyTo(frames[((StackSize - 1) * _frameSize)..]);
        return _stack;
    }

    /// <inheritdoc/>
    protected override void OnSaveState(EnvSnapshot snapshot)
    {
        snapshot.Set("fill_on_next", _fillOnNext);
        for (int i = 0; i < _stack.Length; i++) snapshot.Set($"stack/{i}", double.CreateTruncating(_stack[i]));
    }

    /// <inheritdoc/>
    protected override void OnLoadState(EnvSnapshot snapshot)
    {
        _fillOnNext = snapshot.GetBool("fill_on_next");
        for (int i = 0; i < _stack.Length; i++) _stack[i] = T.CreateTruncating(snapshot.GetDouble($"stack/{i}"));
    }
}
