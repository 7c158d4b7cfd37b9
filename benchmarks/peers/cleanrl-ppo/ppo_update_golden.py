#!/usr/bin/env python3
"""The expected weights of the golden test `PpoCleanRlGoldenTests`: one PPO iteration of CleanRL's ppo.py (its update
loop as written there, PyTorch 1.13, one thread) from our agent's initial weights on our agent's first rollout.

Input: a JSON file with our side of the iteration (CartPole-v1, 4 envs × 128 steps, seed 7, num_minibatches 1 so the
minibatch order does not matter; the file's learning_rate and update_epochs, 0.01 and 10 in the fixture so that both
clippings act): the initial weights ("before", as state_dict names), the rollout (observations, actions, rewards,
terminated, truncated) and the critic's values of the observations after the last step ("next_values"). The fixture
itself is such a file (the test checks that its inputs are still what our agent draws), so rerunning the script on it
regenerates it. Output (stdout): the input with "after", the weights CleanRL's update gives; the share of clipped
ratios and values per epoch goes to stderr.

CleanRL computes the rollout's values and log-probabilities itself from the weights, GAE with `dones`, then
update_epochs passes of normalised-advantage clipped PPO with value clipping, the entropy bonus, gradient-norm
clipping and Adam (eps 1e-5), in cleanrl_update.py, whose lines mirror ppo.py.

Usage: /usr/bin/python3 benchmarks/peers/cleanrl-ppo/ppo_update_golden.py tests/Agents.Tests/Fixtures/ppo_cleanrl_update.json > new.json
"""
import json
import sys

import numpy as np
import torch
import torch.nn as nn
from torch.distributions.categorical import Categorical

from cleanrl_update import gae, network, update

torch.set_num_threads(1)
ENT = 0.01


def main():
    d = json.load(open(sys.argv[1]))
    steps, envs, obs_size, actions_n = d["num_steps"], d["num_envs"], d["observation_size"], d["action_count"]
    agent = nn.Module()
    agent.critic, agent.actor = network(obs_size, 1), network(obs_size, actions_n)
    shapes = agent.state_dict()
    agent.load_state_dict({k: torch.tensor(np.array(d["before"][k], dtype=np.float32)).reshape(shapes[k].shape) for k in shapes})
    optimizer = torch.optim.Adam(agent.parameters(), lr=d["learning_rate"], eps=1e-5)

    obs = torch.tensor(np.array(d["observations"], dtype=np.float32)).reshape(steps, envs, obs_size)
    actions = torch.tensor(np.array(d["actions"], dtype=np.float32)).reshape(steps, envs)
    rewards = torch.tensor(np.array(d["rewards"], dtype=np.float32)).reshape(steps, envs)
    ended = np.logical_or(np.array(d["terminated"]), np.array(d["truncated"])).reshape(steps, envs)
    # dones[t] is the flag that came with obs[t]: whether step t − 1 ended its episode
    dones = torch.zeros((steps, envs))
    dones[1:] = torch.tensor(ended[:-1].astype(np.float32))
    next_done = torch.tensor(ended[-1].astype(np.float32))
    with torch.no_grad():
        logits = agent.actor(obs.reshape(-1, obs_size))
        logprobs = Categorical(logits=logits).log_prob(actions.reshape(-1)).reshape(steps, envs)
        values = agent.critic(obs.reshape(-1, obs_size)).reshape(steps, envs)
        next_value = torch.tensor(np.array(d["next_values"], dtype=np.float32))
        advantages, returns = gae(rewards, values, dones, next_value, next_done)

    def evaluate(x, a):
        dist = Categorical(logits=agent.actor(x))
        return dist.log_prob(a), dist.entropy()

    update(agent, evaluate, obs.reshape(-1, obs_size), actions.reshape(-1), logprobs.reshape(-1), advantages.reshape(-1),
           returns.reshape(-1), values.reshape(-1), d["update_epochs"], ENT, optimizer)
    d["after"] = {k: v.reshape(-1).tolist() for k, v in agent.state_dict().items()}
    d["source"] = "CleanRL ppo.py's update (PyTorch " + torch.__version__ + ") by benchmarks/peers/cleanrl-ppo/ppo_update_golden.py"
    json.dump(d, sys.stdout)


if __name__ == "__main__":
    main()
