using System.Text.Json;
using System.Text.Json.Nodes;

namespace RlFramework.Agents.Ppo;

/// <summary>
/// Every hyperparameter of PPO (<see cref="PpoAgent"/>, <see cref="ContinuousPpoAgent"/>). The defaults of a
/// <c>new PpoConfig()</c> are CleanRL's ppo.py (Discrete actions); <see cref="Continuous"/> holds those of
/// ppo_continuous_action.py (Box actions: 1 env, 2,048 steps, 32 minibatches, 10 epochs, lr 3e-4, no entropy bonus,
/// observation and reward normalisation). JSON config files use CleanRL's snake_case names; an unknown or mistyped
/// field is an error.
/// </summary>
public sealed record PpoConfig
{
    /// <summary>Total env steps of the run (summed over envs); sets the learning-rate annealing's length.</summary>
    public long TotalTimesteps { get; init; } = 500_000;
    /// <summary>Adam's learning rate (at the start, when annealed).</summary>
    public double LearningRate { get; init; } = 2.5e-4;
    /// <summary>Envs stepped together.</summary>
    public int NumEnvs { get; init; } = 4;
    /// <summary>Steps of every env per rollout.</summary>
    public int NumSteps { get; init; } = 128;
    /// <summary>Anneal the learning rate linearly to 0 over the run's iterations.</summary>
    public bool AnnealLr { get; init; } = true;
    /// <summary>Discount factor.</summary>
    public double Gamma { get; init; } = 0.99;
    /// <summary>λ of generalised advantage estimation.</summary>
    public double GaeLambda { get; init; } = 0.95;
    /// <summary>Minibatches per epoch (the rollout of num_envs × num_steps split evenly).</summary>
    public int NumMinibatches { get; init; } = 4;
    /// <summary>Passes over the rollout per iteration.</summary>
    public int UpdateEpochs { get; init; } = 4;
    /// <summary>Normalise the advantages of each minibatch to mean 0, standard deviation 1.</summary>
    public bool NormAdv { get; init; } = true;
    /// <summary>The surrogate clipping coefficient (and the value clipping range).</summary>
    public double ClipCoef { get; init; } = 0.2;
    /// <summary>Clip the value loss around the rollout's values, as the PPO paper.</summary>
    public bool ClipVloss { get; init; } = true;
    /// <summary>Coefficient of the entropy bonus.</summary>
    public double EntCoef { get; init; } = 0.01;
    /// <summary>Coefficient of the value loss.</summary>
    public double VfCoef { get; init; } = 0.5;
    /// <summary>Clip the gradient's global L2 norm to this value.</summary>
    public double MaxGradNorm { get; init; } = 0.5;
    /// <summary>Stop an iteration's epochs early once the approximate KL divergence exceeds this; null never stops.</summary>
    public double? TargetKl { get; init; }
    /// <summary>Normalise observations by a running mean and variance, then clip them to ±10 (Gymnasium's NormalizeObservation).</summary>
    public bool NormalizeObservation { get; init; }
    /// <summary>Scale rewards by the running standard deviation of the discounted return, then clip them to ±10 (Gymnasium's NormalizeReward).</summary>
    public bool NormalizeReward { get; init; }
    /// <summary>
    /// Bootstrap a truncated step from the value of its final observation (true: a time limit is not the end of the
    /// task). False treats truncation as termination, as CleanRL's scripts do: on Pendulum-v1 that collapses the
    /// returns, on MountainCarContinuous-v0 it finds the flag more often (docs/ppo.md).
    /// </summary>
    public bool BootstrapTruncation { get; init; } = true;

    /// <summary>CleanRL's ppo_continuous_action.py defaults.</summary>
    public static PpoConfig Continuous { get; } = new()
    {
        TotalTimesteps = 1_000_000,
        LearningRate = 3e-4,
        NumEnvs = 1,
        NumSteps = 2048,
        NumMinibatches = 32,
        UpdateEpochs = 10,
        EntCoef = 0.0,
        NormalizeObservation = true,
        NormalizeReward = true,
    };

    /// <summary>The defaults for Box actions (<see cref="Continuous"/>) or Discrete ones (<c>new PpoConfig()</c>).</summary>
    public static PpoConfig Defaults(bool continuous) => continuous ? Continuous : new PpoConfig();

    /// <summary>Env steps per rollout: num_envs × num_steps.</summary>
    public int BatchSize => NumEnvs * NumSteps;

    /// <summary>Samples per gradient step: the batch size over num_minibatches.</summary>
    public int MinibatchSize => BatchSize / NumMinibatches;

    /// <summary>Rollouts of the run: total_timesteps over the batch size (as CleanRL's num_iterations).</summary>
    public long NumIterations => TotalTimesteps / BatchSize;

    /// <summary>Reads a config from JSON; fields left out keep the defaults of the action space's kind (<see cref="Defaults"/>).</summary>
    /// <exception cref="ArgumentException">The JSON is malformed, has an unknown field or a value out of range; the message names it.</exception>
    public static PpoConfig FromJson(string json, bool continuous)
    {
        _ = ConfigJson.Read<PpoConfig>(json, "PPO config"); // refuses unknown, repeated and mistyped fields
        var merged = JsonNode.Parse(Defaults(continuous).ToJson())!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(json)!.AsObject()) merged[name] = value?.DeepClone();
        var config = ConfigJson.Read<PpoConfig>(merged.ToJsonString(), "PPO config");
        config.Validate();
        return config;
    }

    /// <summary>The config as JSON, in the form <see cref="FromJson"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ConfigJson.Options);

    /// <summary>Throws when a value is out of its range; the message names the field and the value.</summary>
    public void Validate()
    {
        static void Require(bool ok, string field, object value, string expected)
        {
            if (!ok) throw new ArgumentException($"PPO config {field} = {value} is invalid: expected {expected}.");
        }
        Require(TotalTimesteps > 0, "total_timesteps", TotalTimesteps, "a positive number");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", LearningRate, "a positive number");
        Require(NumEnvs > 0, "num_envs", NumEnvs, "a positive number");
        Require(NumSteps > 0, "num_steps", NumSteps, "a positive number");
        Require(Gamma is >= 0 and <= 1, "gamma", Gamma, "a number in [0, 1]");
        Require(GaeLambda is >= 0 and <= 1, "gae_lambda", GaeLambda, "a number in [0, 1]");
        Require(NumMinibatches > 0 && (long)NumEnvs * NumSteps % NumMinibatches == 0, "num_minibatches", NumMinibatches,
            $"a positive divisor of num_envs × num_steps = {(long)NumEnvs * NumSteps}");
        Require(NumMinibatches <= 0 || (long)NumEnvs * NumSteps / NumMinibatches >= 2, "num_minibatches", NumMinibatches,
            "at most half of num_envs × num_steps (a minibatch of one sample has no advantage standard deviation)");
        Require(UpdateEpochs > 0, "update_epochs", UpdateEpochs, "a positive number");
        Require(ClipCoef > 0 && double.IsFinite(ClipCoef), "clip_coef", ClipCoef, "a positive number");
        Require(EntCoef >= 0 && double.IsFinite(EntCoef), "ent_coef", EntCoef, "a non-negative number");
        Require(VfCoef >= 0 && double.IsFinite(VfCoef), "vf_coef", VfCoef, "a non-negative number");
        Require(MaxGradNorm > 0, "max_grad_norm", MaxGradNorm, "a positive number");
        Require(TargetKl is null or > 0, "target_kl", TargetKl ?? 0, "a positive number or null");
    }
}
