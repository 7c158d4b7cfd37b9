using System.Text.Json;

namespace RlFramework.Agents.Tests.Examples;

/// <summary>The hyperparameters of <see cref="LinearQAgent"/>; JSON fields are snake_case (learning_rate, gamma, epsilon).</summary>
public sealed record LinearQConfig
{
    /// <summary>Step size of the Q update.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Discount factor.</summary>
    public double Gamma { get; init; } = 0.9;

    /// <summary>Probability of a random action while training.</summary>
    public double Epsilon { get; init; } = 0.2;

    /// <summary>Reads a config; an unknown, repeated or out-of-range field is an error naming it.</summary>
    public static LinearQConfig FromJson(string json)
    {
        var config = ConfigJson.Read<LinearQConfig>(json, "linear Q config");
        if (config.LearningRate is not (> 0 and <= 1)) throw new ArgumentException($"learning_rate must be in (0, 1]; got {config.LearningRate}.");
        if (config.Gamma is not (>= 0 and <= 1)) throw new ArgumentException($"gamma must be in [0, 1]; got {config.Gamma}.");
        if (config.Epsilon is not (>= 0 and <= 1)) throw new ArgumentException($"epsilon must be in [0, 1]; got {config.Epsilon}.");
        return config;
    }

    /// <summary>The config as JSON, in the form <see cref="FromJson"/> reads (what run.json records).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ConfigJson.Options);
}
