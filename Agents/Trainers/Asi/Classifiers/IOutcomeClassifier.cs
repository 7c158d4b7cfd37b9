namespace RlFramework.Agents.Trainers.Asi.Classifiers;

/// <summary>
/// A hand-written classifier of an episode's outcome from frames (channel-first, in [0, 1]): the evaluation of ASI
/// rolls the dynamics model out from a first frame and classifies the predicted frames.
/// </summary>
public interface IOutcomeClassifier
{
    /// <summary>Number of labels (0 … ClassCount - 1).</summary>
    int ClassCount { get; }

    /// <summary>
    /// Probabilities of each label given the first (real) frame and the frames that follow it (predicted or real);
    /// all zero when the frames show no evidence at all.
    /// </summary>
    double[] Probabilities(ReadOnlySpan<float> firstFrame, IReadOnlyList<float[]> frames, int height, int width);

    /// <summary>
    /// Whether <paramref name="frame"/> (channel-first) still shows the moving object (the runner, the ball), as the
    /// authors' "maintenance" metrics judge it: the evaluation counts how many predicted frames keep it.
    /// </summary>
    bool ShowsObject(ReadOnlySpan<float> frame, int height, int width);

    /// <summary>The most probable label, or -1 when undecided (no evidence, or a tie for the top).</summary>
    int Classify(ReadOnlySpan<float> firstFrame, IReadOnlyList<float[]> frames, int height, int width)
    {
        var p = Probabilities(firstFrame, frames, height, width);
        int best = 0;
        bool tie = false;
        for (int k = 1; k < p.Length; k++)
        {
            if (p[k] > p[best]) (best, tie) = (k, false);
            else if (p[k] == p[best]) tie = true;
        }
        return tie || !(p[best] > 0) ? -1 : best;
    }

    /// <summary>
    /// The score of a rollout whose right label is <paramref name="label"/>. Strict: 1 when <see cref="Classify"/> gives
    /// it, else 0 (undecided is wrong). Fair (the authors' "fair accuracy"): the probability the classifier gives the
    /// right label, i.e. its share of the evidence (runner overlap, ball mass), and 1/K when there is no evidence at all,
    /// as a guess would score.
    /// </summary>
    double Score(ReadOnlySpan<float> firstFrame, IReadOnlyList<float[]> frames, int height, int width, int label, bool fair)
    {
        if (label < 0 || label >= ClassCount) throw new ArgumentOutOfRangeException(nameof(label), label, $"Expected a label in 0..{ClassCount - 1}.");
        if (!fair) return Classify(firstFrame, frames, height, width) == label ? 1 : 0;
        var p = Probabilities(firstFrame, frames, height, width);
        return p.Sum() > 0 ? p[label] : 1.0 / ClassCount;
    }
}
