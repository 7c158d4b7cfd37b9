namespace RlFramework.Envs.Wrappers;

/// <summary>Clips every reward to [min, max] (either bound may be infinite).</summary>
/// <typeparam name="TObs">The observation type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public sealed class ClipReward<TObs, TAct> : RewardWrapper<TObs, TAct> where TObs : notnull where TAct : notnull
{
    /// <summary>Wraps <paramref name="env"/>, clipping rewards to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public ClipReward(IEnv<TObs, TAct> env, double min = double.NegativeInfinity, double max = double.PositiveInfinity) : base(env)
    {
        if (double.IsNaN(min) || double.IsNaN(max) || min > max)
            throw new ArgumentException($"ClipReward needs min <= max; got min {min}, max {max}.");
        Min = min;
        Max = max;
    }

    /// <summary>The lower bound.</summary>
    public double Min { get; }

    /// <summary>The upper bound.</summary>
    public double Max { get; }

    /// <inheritdoc/>
    protected override double Reward(double reward) => Math.Clamp(reward, Min, Max);
}
