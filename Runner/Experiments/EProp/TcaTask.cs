namespace RlFramework.Runner.Experiments.EProp;

/// <summary>
/// The delayed-recall / temporal credit assignment task of Hoyer et al. 2022 (after Bellec et al. 2020). Four input
/// channels: two value channels that carry a uniform random value each during the first <see cref="ListenSteps"/>
/// steps (0 afterwards), a "listen" flag on during those steps, and a "decide" flag on only at the last step. Between
/// them lie <see cref="Delay"/> silent steps. The target, asked at the last step, is the channel (0 or 1) whose value
/// was larger in more of the listen steps (an odd number of steps, so there is no draw).
/// </summary>
/// <param name="Delay">Silent steps between the listen phase and the decide step.</param>
/// <param name="ListenSteps">Steps of the listen phase (odd).</param>
public sealed record TcaTask(int Delay = 20, int ListenSteps = 15)
{
    /// <summary>Input channels.</summary>
    public const int Channels = 4;

    /// <summary>Steps per sequence: listen + delay + the decide step.</summary>
    public int Length => ListenSteps + Delay + 1;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (Delay < 0) throw new ArgumentException($"TCA delay = {Delay} is invalid: expected a number ≥ 0.");
        if (ListenSteps <= 0 || ListenSteps % 2 == 0) throw new ArgumentException($"TCA listen steps = {ListenSteps} is invalid: expected an odd positive number.");
    }

    /// <summary>Draws <paramref name="batchSize"/> sequences: inputs [T, B, 4] time-major into <paramref name="inputs"/>, labels 0/1 into <paramref name="labels"/>.</summary>
    public void Sample(Random random, int batchSize, float[] inputs, float[] labels)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (inputs.Length != Length * batchSize * Channels || labels.Length != batchSize)
            throw new ArgumentException($"TCA batch of {batchSize} needs {Length * batchSize * Channels} input and {batchSize} label slots; got {inputs.Length} and {labels.Length}.");
        Array.Clear(inputs);
        for (int n = 0; n < batchSize; n++)
        {
            int wins = 0;
            for (int t = 0; t < ListenSteps; t++)
            {
                var x = inputs.AsSpan((t * batchSize + n) * Channels, Channels);
                (x[0], x[1], x[2]) = (random.NextSingle(), random.NextSingle(), 1f);
                if (x[0] > x[1]) wins++;
            }
            inputs[((Length - 1) * batchSize + n) * Channels + 3] = 1f;
            labels[n] = wins * 2 > ListenSteps ? 0f : 1f;
        }
    }
}
