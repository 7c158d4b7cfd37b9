using System.Text.Json;

namespace RlFramework.Agents.Trainers.Planning;

/// <summary>
/// Every hyperparameter of the planning world-model agent (<see cref="PlanningTrainer"/>). In JSON config files the
/// names are snake_case (episodes, selector_learning_rate, ...); an unknown or mistyped field is an error. The learning
/// rates were chosen for each module in isolation (see docs/roborally.md): the world model's so that it learns the
/// default map from random programs, the selector's so that planning against the exact model finds the optimum.
/// </summary>
public sealed record PlanningConfig
{
    /// <summary>End-to-end: episodes, each one planning step, one program run and its world-model updates (the paper's 10,000).</summary>
    public int Episodes { get; init; } = 10_000;
    /// <summary>Plain gradient-ascent step size on the selector's logits (both schemes).</summary>
    public double SelectorLearningRate { get; init; } = 0.1;
    /// <summary>SGD step size on the successor logits (cross-entropy per observed transition).</summary>
    public double SuccessorLearningRate { get; init; } = 1.0;
    /// <summary>SGD step size on the reward layer (half squared error per observed transition).</summary>
    public double RewardLearningRate { get; init; } = 0.5;
    /// <summary>How the world model keeps its successor columns on the simplex: the paper's projection of linear weights (default) or a softmax of logits.</summary>
    public WorldModelForm WorldModelForm { get; init; } = WorldModelForm.SimplexProjection;
    /// <summary>How the world model's parameters start: seeded random, as in the paper (default), or uniform successors and zero rewards.</summary>
    public WorldModelInitialisation WorldModelInitialisation { get; init; } = WorldModelInitialisation.Random;
    /// <summary>Decomposed: the world model trains on random programs until its error (<see cref="LinearWorldModel.ErrorTo"/>) is below this.</summary>
    public double ModelErrorTolerance { get; init; } = 0.01;
    /// <summary>Decomposed: the most random-program episodes for the world model.</summary>
    public int MaxModelEpisodes { get; init; } = 10_000;
    /// <summary>Decomposed: episodes between checks of the world model's error.</summary>
    public int ModelCheckInterval { get; init; } = 50;
    /// <summary>Decomposed: gradient steps on the selector against the frozen model.</summary>
    public int PlanningSteps { get; init; } = 10_000;

    /// <summary>The JSON options of config files: snake_case names, enums as strings, unknown fields refused.</summary>
    public static JsonSerializerOptions JsonOptions => ConfigJson.Options;

    /// <summary>Reads a config from JSON; fields left out keep their defaults.</summary>
    /// <exception cref="ArgumentException">The JSON is malformed, has an unknown field or a value out of range; the message names it.</exception>
    public static PlanningConfig FromJson(string json)
    {
        var config = ConfigJson.Read<PlanningConfig>(json, "planning config");
        config.Validate();
        return config;
    }

    /// <summary>The config as JSON, in the form <see cref="FromJson"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Throws when a value is out of its range; the message names the field and the value.</summary>
    public void Validate()
    {
        static void Require(bool ok, string field, object value, string expected)
        {
            if (!ok) throw new ArgumentException($"Planning config {field} = {value} is invalid: expected {expected}.");
        }
        Require(Episodes > 0, "episodes", Episodes, "a positive number");
        Require(SelectorLearningRate > 0 && double.IsFinite(SelectorLearningRate), "selector_learning_rate", SelectorLearningRate, "a positive number");
        Require(SuccessorLearningRate > 0 && double.IsFinite(SuccessorLearningRate), "successor_learning_rate", SuccessorLearningRate, "a positive number");
        Require(Enum.IsDefined(WorldModelForm), "world_model_form", WorldModelForm, "softmax or simplex_projection");
        Require(Enum.IsDefined(WorldModelInitialisation), "world_model_initialisation", WorldModelInitialisation, "uniform or random");
        Require(RewardLearningRate is > 0 and <= 1, "reward_learning_rate", RewardLearningRate, "a number in (0, 1]");
        Require(ModelErrorTolerance > 0, "model_error_tolerance", ModelErrorTolerance, "a positive number");
        Require(MaxModelEpisodes > 0, "max_model_episodes", MaxModelEpisodes, "a positive number");
        Require(ModelCheckInterval > 0, "model_check_interval", ModelCheckInterval, "a positive number");
        Require(PlanningSteps > 0, "planning_steps", PlanningSteps, "a positive number");
    }
}
