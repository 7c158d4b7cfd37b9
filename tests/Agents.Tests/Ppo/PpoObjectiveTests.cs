using RlFramework.Agents.Ppo;

namespace RlFramework.Agents.Tests.Ppo;

/// <summary>The hand-written gradient of PPO's loss against central finite differences of the loss itself, in float64 terms.</summary>
public sealed class PpoObjectiveTests
{
    private static readonly PpoConfig Config = new() { EntCoef = 0.05, VfCoef = 0.7, ClipCoef = 0.2 };

    // Four samples whose ratios fall inside the clip range, above it, below it, with positive and negative advantages.
    private static readonly float[] OldLogProbs = [-1.0f, -0.3f, -2.0f, -1.2f];
    private static readonly float[] Advantages = [1.5f, -0.7f, 0.9f, -1.1f];
    private static readonly float[] Returns = [1.0f, -0.5f, 2.0f, 0.3f];
    private static readonly float[] OldValues = [0.9f, 0.2f, 1.0f, 0.35f];
    private static readonly float[] Values = [1.05f, -0.3f, 1.5f, 0.1f];

    private static double Loss(PpoHead head, float[] outputs, float[] actions, float[] values)
    {
        int n = values.Length, width = head.OutputSize, size = head.ActionSize;
        var (logProbs, entropies) = (new float[n], new float[n]);
        for (int i = 0; i < n; i++) (logProbs[i], entropies[i]) = head.Evaluate(outputs.AsSpan(i * width, width), actions.AsSpan(i * size, size));
        var (losses, _) = PpoObjective.Compute(logProbs, entropies, values, OldLogProbs, Advantages, Returns, OldValues, Config, new float[n], new float[n]);
        return losses.Total(Config);
    }

    private static (float[] Outputs, float[] Values) Gradient(PpoHead head, float[] outputs, float[] actions, float[] values)
    {
        int n = values.Length, width = head.OutputSize, size = head.ActionSize;
        var (logProbs, entropies, gLogProb, gValue) = (new float[n], new float[n], new float[n], new float[n]);
        for (int i = 0; i < n; i++) (logProbs[i], entropies[i]) = head.Evaluate(outputs.AsSpan(i * width, width), actions.AsSpan(i * size, size));
        var (_, gEntropy) = PpoObjective.Compute(logProbs, entropies, values, OldLogProbs, Advantages, Returns, OldValues, Config, gLogProb, gValue);
        var gOutputs = new float[outputs.Length];
        for (int i = 0; i < n; i++) head.Backward(outputs.AsSpan(i * width, width), actions.AsSpan(i * size, size), gLogProb[i], gEntropy, gOutputs.AsSpan(i * width, width));
        return (gOutputs, gValue);
    }

    private static double Numeric(Func<double> loss, float[] x, int i, float h = 1e-3f)
    {
        float saved = x[i];
        x[i] = saved + h;
        double up = loss();
        x[i] = saved - h;
        double down = loss();
        x[i] = saved;
        return (up - down) / (2 * h);
    }

    [Fact]
    public void TheCategoricalGradientMatchesFiniteDifferences()
    {
        var head = new CategoricalHead(3);
        float[] actions = [0, 2, 1, 2];
        // Ratios exp(log π − log π_old) of about 1.53, 0.90, 1.35 and 1.52: clipped (no gradient) with A > 0, inside the range, clipped, and
        // outside but unclipped (A < 0, the max picks the unclipped term). The values cover clipped and unclipped value losses too.
        float[] outputs = [0.9f, -0.2f, 0.1f, -0.4f, 0.3f, 1.4f, -1.5f, -0.6f, 0.8f, 0.2f, -0.3f, 0.5f];
        float[] values = (float[])Values.Clone();
        var (gOutputs, gValues) = Gradient(head, outputs, actions, values);
        for (int i = 0; i < outputs.Length; i++) Assert.Equal(Numeric(() => Loss(head, outputs, actions, values), outputs, i), gOutputs[i], 3);
        for (int i = 0; i < values.Length; i++) Assert.Equal(Numeric(() => Loss(head, outputs, actions, values), values, i), gValues[i], 3);
    }

    [Fact]
    public void TheGaussianGradientMatchesFiniteDifferencesForTheMeanAndTheLogStd()
    {
        var head = new GaussianHead(2);
        head.LogStd.data<float>()[0] = -0.2f;
        head.LogStd.data<float>()[1] = 0.1f;
        float[] actions = [0.5f, -0.2f, 1.0f, 0.3f, -0.8f, 0.0f, 0.2f, 0.9f];
        float[] outputs = [0.3f, -0.1f, 0.2f, 0.6f, -0.5f, 0.4f, 0.0f, 1.2f];
        float[] values = (float[])Values.Clone();
        var (gOutputs, gValues) = Gradient(head, outputs, actions, values);
        for (int i = 0; i < outputs.Length; i++) Assert.Equal(Numeric(() => Loss(head, outputs, actions, values), outputs, i), gOutputs[i], 3);
        for (int i = 0; i < values.Length; i++) Assert.Equal(Numeric(() => Loss(head, outputs, actions, values), values, i), gValues[i], 3);

        head.LogStd.grad?.data<float>().Clear();
        head.TakeGradients();
        var logStd = head.LogStd.data<float>().ToArray();
        var analytic = head.LogStd.grad!.data<float>().ToArray();
        for (int d = 0; d < 2; d++)
        {
            double numeric = Numeric(() =>
            {
                logStd.CopyTo(head.LogStd.data<float>());
                return Loss(head, outputs, actions, values);
            }, logStd, d);
            Assert.Equal(numeric, analytic[d], 3);
        }
    }

    [Fact]
    public void ItReportsCleanRLsDiagnostics()
    {
        float[] logProbs = [OldLogProbs[0] + MathF.Log(1.1f), OldLogProbs[1] + MathF.Log(1.5f), OldLogProbs[2], OldLogProbs[3] + MathF.Log(0.5f)];
        var (losses, _) = PpoObjective.Compute(logProbs, new float[4], Values, OldLogProbs, Advantages, Returns, OldValues, Config, new float[4], new float[4]);
        double[] ratios = [1.1, 1.5, 1, 0.5];
        Assert.Equal(ratios.Average(r => r - 1 - Math.Log(r)), losses.ApproxKl, 5);
        Assert.Equal(ratios.Average(r => -Math.Log(r)), losses.OldApproxKl, 5);
        Assert.Equal(0.5, losses.ClipFraction, 5);
    }
}
