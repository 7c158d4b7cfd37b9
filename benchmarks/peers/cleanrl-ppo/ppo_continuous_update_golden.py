#!/usr/bin/env python3
"""The expected side of the golden test `PpoCleanRlContinuousGoldenTests`: one iteration of CleanRL's
ppo_continuous_action.py (its env stack and update loop as written there; Gymnasium 0.29.1, PyTorch 1.13, one thread)
from our agent's initial weights, stepping the env with our agent's sampled actions.

Input: a JSON file with env_id, seed, num_steps (one env), update_epochs, learning_rate, the initial weights ("before",
as CleanRL's state_dict names: critic.*, actor_mean.*, actor_logstd) and the rollout's actions as sampled (before
clipping). The fixture itself is such a file (the test checks that its inputs are still what our agent draws), so
rerunning the script on it regenerates it. Output (stdout): the input with the observations and rewards CleanRL's
buffer holds (normalised and clipped by the wrappers) and "after", the weights after CleanRL's update with one minibatch
per epoch (so the minibatch order does not matter); the share of clipped ratios per epoch goes to stderr.

Usage (CleanRL pins gymnasium==0.29.1; put that release's source tree on PYTHONPATH, see cleanrl_run.py):
  PYTHONPATH=/tmp/gym-0.29.1 /usr/bin/python3 benchmarks/peers/cleanrl-ppo/ppo_continuous_update_golden.py \
      tests/Agents.Tests/Fixtures/ppo_cleanrl_continuous_update.json > new.json
"""
import json
import sys

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn
from torch.distributions.normal import Normal

from cleanrl_update import GAMMA, gae, network, update

torch.set_num_threads(1)
ENT = 0.0


def make_env(env_id):
    """The wrappers of ppo_continuous_action.py's make_env, in its order."""
    env = gym.make(env_id)
    env = gym.wrappers.FlattenObservation(env)
    env = gym.wrappers.RecordEpisodeStatistics(env)
    env = gym.wrappers.ClipAction(env)
    env = gym.wrappers.NormalizeObservation(env)
    env = gym.wrappers.TransformObservation(env, lambda obs: np.clip(obs, -10, 10))
    env = gym.wrappers.NormalizeReward(env, gamma=GAMMA)
    env = gym.wrappers.TransformReward(env, lambda reward: np.clip(reward, -10, 10))
    return env


def main():
    d = json.load(open(sys.argv[1]))
    steps = d["num_steps"]
    envs = gym.vector.SyncVectorEnv([lambda: make_env(d["env_id"])])
    obs_size, act_size = envs.single_observation_space.shape[0], envs.single_action_space.shape[0]
    agent = nn.Module()
    agent.critic, agent.actor_mean = network(obs_size, 1), network(obs_size, act_size)
    agent.actor_logstd = nn.Parameter(torch.zeros(1, act_size))
    shapes = agent.state_dict()
    agent.load_state_dict({k: torch.tensor(np.array(d["before"][k], dtype=np.float32)).reshape(shapes[k].shape) for k in shapes})
    optimizer = torch.optim.Adam(agent.parameters(), lr=d["learning_rate"], eps=1e-5)

    obs = torch.zeros((steps, 1, obs_size))
    actions = torch.tensor(np.array(d["actions"], dtype=np.float32)).reshape(steps, 1, act_size)
    rewards, dones = torch.zeros((steps, 1)), torch.zeros((steps, 1))
    next_obs, _ = envs.reset(seed=d["seed"])
    next_obs, next_done = torch.Tensor(next_obs), torch.zeros(1)
    for step in range(steps):
        obs[step], dones[step] = next_obs, next_done
        next_obs, reward, terminations, truncations, _ = envs.step(actions[step].numpy())
        next_done = np.logical_or(terminations, truncations)
        rewards[step] = torch.tensor(reward).view(-1)
        next_obs, next_done = torch.Tensor(next_obs), torch.Tensor(next_done)

    def dist(x):
        mean = agent.actor_mean(x)
        return Normal(mean, torch.exp(agent.actor_logstd.expand_as(mean)))

    b_obs, b_actions = obs.reshape(-1, obs_size), actions.reshape(-1, act_size)
    with torch.no_grad():
        b_logprobs = dist(b_obs).log_prob(b_actions).sum(1)
        values = agent.critic(b_obs).reshape(steps, 1)
        next_value = agent.critic(next_obs).reshape(1, -1)
        advantages, returns = gae(rewards, values, dones, next_value, next_done)

    def evaluate(x, a):
        probs = dist(x)
        return probs.log_prob(a).sum(1), probs.entropy().sum(1)

    update(agent, evaluate, b_obs, b_actions, b_logprobs, advantages.reshape(-1), returns.reshape(-1), values.reshape(-1),
           d["update_epochs"], ENT, optimizer)
    d["observations"] = b_obs.reshape(-1).tolist()
    d["rewards"] = rewards.reshape(-1).tolist()
    d["after"] = {k: v.reshape(-1).tolist() for k, v in agent.state_dict().items()}
    d["source"] = ("CleanRL ppo_continuous_action.py's env stack (Gymnasium " + gym.__version__ + ") and update (PyTorch "
                   + torch.__version__ + ") by benchmarks/peers/cleanrl-ppo/ppo_continuous_update_golden.py")
    json.dump(d, sys.stdout)


if __name__ == "__main__":
    main()
