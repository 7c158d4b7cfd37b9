namespace RlFramework.Agents.Ppo;

/// <summary>
/// Generalised advantage estimation over a rollout of T steps of N envs, stored step-major (index t·N + e), in float32
/// as CleanRL computes it. A terminated step has no future value; a truncated one bootstraps from the value of its
/// final observation; neither carries the next episode's advantages back.
/// </summary>
internal static class Gae
{
    /// <summary>Fills <paramref name="advantages"/> and <paramref name="returns"/> (advantage + value).</summary>
    /// <param name="rewards">r_t per step and env.</param>
    /// <param name="values">V(s_t) per step and env.</param>
    /// <param name="terminated">True where the step ended its episode in a terminal state.</param>
    /// <param name="truncated">True where the step cut its episode short.</param>
    /// <param name="finalValues">V of the final observation, read where <paramref name="truncated"/> is true.</param>
    /// <param name="nextValues">V of every env's observation after the rollout's last step.</param>
    /// <param name="gamma">The discount.</param>
    /// <param name="lambda">GAE's λ.</param>
    /// <param name="advantages">Receives the advantages.</param>
    /// <param name="returns">Receives advantage + value, the value targets.</param>
    public static void Compute(ReadOnlySpan<float> rewards, ReadOnlySpan<float> values, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated,
        ReadOnlySpan<float> finalValues, ReadOnlySpan<float> nextValues, float gamma, float lambda, Span<float> advantages, Span<float> returns)
    {
        int envs = nextValues.Length, size = rewards.Length;
        if (envs == 0 || size % envs != 0 || values.Length != size || terminated.Length != size || truncated.Length != size
            || finalValues.Length != size || advantages.Length != size || returns.Length != size)
        {
            throw new ArgumentException($"GAE needs equal step-major spans of T × {envs} values; got {size} rewards, {values.Length} values, {advantages.Length} advantage slots.");
        }

        for (int e = 0; e < envs; e++)
        {
            float last = 0f;
            for (int i = size - envs + e; i >= 0; i -= envs)
            {
                bool ended = terminated[i] || truncated[i];
                float next = terminated[i] ? 0f : truncated[i] ? finalValues[i] : i + envs < size ? values[i + envs] : nextValues[e];
                float delta = rewards[i] + gamma * next - values[i];
                last = delta + gamma * lambda * (ended ? 0f : 1f) * last;
                advantages[i] = last;
                returns[i] = last + values[i];
            }
        }
    }
}
