using System.Globalization;
using CustomEnv;
using RlFramework.Agents.Dqn;
using RlFramework.Envs;
using RlFramework.Envs.Vector;
using RlFramework.Runner.Training;

// A program of its own that uses RlFramework from its NuGet packages: it registers an env, trains DQN on it with the
// framework's training loop and evaluates the greedy policy. Exit code 1 when the policy did not learn the corridor.
const int Length = 8, Steps = 5_000, Seed = 1;
Gym.Register("Corridor-v0", kwargs => new CorridorEnv(kwargs.Get("length", Length)), maxEpisodeSteps: 50);

using var envs = Gym.MakeVec<float, int>("Corridor-v0", 1, autoreset: AutoresetMode.SameStep);
var config = new DqnConfig
{
    TotalTimesteps = Steps,
    LearningStarts = 500,
    TrainFrequency = 1,
    TargetNetworkFrequency = 100,
    BatchSize = 32,
    LearningRate = 1e-3,
    HiddenSizes = [32],
};
using var agent = new DqnAgent(config, envs.ObservationSize, actionCount: 2, numEnvs: 1, seed: Seed);
using var loop = new TrainingLoop<int>(envs, agent);
var returns = new List<double>();
using var episodes = loop.Episodes.Subscribe(e => returns.Add(e.Return));
var result = loop.Run(new TrainingBudget(Steps, null), Seed);

using var evaluator = new Evaluator("Corridor-v0", Seed + 1_000);
double greedy = evaluator.Run(agent.CreatePolicy(1), episodes: 20).Average();
// From any start the shortest walk costs at most (Length - 1) steps of -0.01 before the +1.
double worstOptimal = 1.0 - (0.01 * (Length - 1));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Corridor-v0, DQN: {result.Steps} steps, {result.Episodes} episodes in {result.Seconds:F1} s; mean return of the last 20 episodes {returns.TakeLast(20).Average():F3}; greedy policy over 20 episodes {greedy:F3} (optimal ≥ {worstOptimal:F2})"));
return greedy >= worstOptimal ? 0 : 1;
