#!/usr/bin/env python3
"""The DQN peer for issue 5's speed comparison: CleanRL's dqn.py loop on CartPole-v1, in PyTorch, without its PyPI
dependencies (Gymnasium, Stable-Baselines3, tyro, TensorBoard cannot be installed on our build machines).

What it keeps from dqn.py, step for step: CleanRL's defaults (MLP 120-84, Adam 2.5e-4, buffer 10,000, batch 128,
gamma 0.99, target copy every 500 steps, train every 10 steps after 10,000, epsilon 1 -> 0.05 over half the run), one
greedy forward per step on a float tensor made from the NumPy observation, a NumPy replay buffer shaped like SB3's
(rows [buffer, envs, ...], sampled with NumPy fancy indexing and turned into five tensors), the no-grad target max, the
gathered Q-values, MSE, zero_grad / backward / Adam, and the target copy through `copy_`.

What it leaves out, all of which only makes this peer faster than dqn.py (so a ratio against it is conservative):
Gymnasium's wrappers and vector env (here a plain CartPole with the same physics and an inline time limit and
autoreset), the TensorBoard writes and the SPS print every 100 steps.

Usage (Debian's PyTorch; OpenBLAS as in the issue's reference figure: apt-get install libopenblas0-pthread):
  /usr/bin/python3 benchmarks/peers/dqn/dqn_torch.py --seed 1 [--total-timesteps 500000] [--threads 1]
Prints one JSON line: steps, seconds of the training loop, steps/s, episodes, mean return of the last 100 episodes.
"""
import argparse
import json
import math
import os
import random
import sys
import time

# OpenBLAS sizes its thread pool when it loads and torch.set_num_threads does not reach it: set it before the imports.
os.environ["OPENBLAS_NUM_THREADS"] = sys.argv[sys.argv.index("--threads") + 1] if "--threads" in sys.argv else "1"

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class CartPole:
    """CartPole-v1's dynamics (Gymnasium's constants, Euler integration), with the 500-step limit inline."""

    GRAVITY, MASS_CART, MASS_POLE, HALF_LENGTH, FORCE, TAU = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    TOTAL_MASS = MASS_CART + MASS_POLE
    POLE_MOMENT = MASS_POLE * HALF_LENGTH
    THETA_LIMIT, X_LIMIT, MAX_STEPS = 12 * 2 * math.pi / 360, 2.4, 500

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.state = None
        self.steps = 0

    def reset(self):
        self.state = tuple(float(v) for v in self.rng.uniform(-0.05, 0.05, size=4))
        self.steps = 0
        return np.array(self.state, dtype=np.float32)

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state
        force = self.FORCE if action == 1 else -self.FORCE
        cos, sin = math.cos(theta), math.sin(theta)
        temp = (force + self.POLE_MOMENT * theta_dot**2 * sin) / self.TOTAL_MASS
        theta_acc = (self.GRAVITY * sin - cos * temp) / (self.HALF_LENGTH * (4.0 / 3.0 - self.MASS_POLE * cos**2 / self.TOTAL_MASS))
        x_acc = temp - self.POLE_MOMENT * theta_acc * cos / self.TOTAL_MASS
        x, x_dot = x + self.TAU * x_dot, x_dot + self.TAU * x_acc
        theta, theta_dot = theta + self.TAU * theta_dot, theta_dot + self.TAU * theta_acc
        self.state = (x, x_dot, theta, theta_dot)
        self.steps += 1
        terminated = bool(x < -self.X_LIMIT or x > self.X_LIMIT or theta < -self.THETA_LIMIT or theta > self.THETA_LIMIT)
        truncated = self.steps >= self.MAX_STEPS
        return np.array(self.state, dtype=np.float32), 1.0, terminated, truncated


class ReplayBuffer:
    """SB3's ReplayBuffer layout for one env: preallocated rows, NumPy copies on add, tensors made on sample."""

    def __init__(self, size, obs_dim):
        self.size, self.pos, self.full = size, 0, False
        self.observations = np.zeros((size, 1, obs_dim), dtype=np.float32)
        self.next_observations = np.zeros((size, 1, obs_dim), dtype=np.float32)
        self.actions = np.zeros((size, 1, 1), dtype=np.int64)
        self.rewards = np.zeros((size, 1), dtype=np.float32)
        self.dones = np.zeros((size, 1), dtype=np.float32)
        self.timeouts = np.zeros((size, 1), dtype=np.float32)

    def add(self, obs, next_obs, action, reward, done, timeout):
        self.observations[self.pos] = np.array(obs)
        self.next_observations[self.pos] = np.array(next_obs)
        self.actions[self.pos] = np.array(action).reshape(1, 1)
        self.rewards[self.pos] = np.array(reward)
        self.dones[self.pos] = np.array(done)
        self.timeouts[self.pos] = np.array(timeout)
        self.pos += 1
        if self.pos == self.size:
            self.full, self.pos = True, 0

    def sample(self, batch_size):
        upper = self.size if self.full else self.pos
        idx = np.random.randint(0, upper, size=batch_size)
        env = np.zeros(batch_size, dtype=np.int64)
        return (
            torch.tensor(self.observations[idx, env, :]),
            torch.tensor(self.actions[idx, env, :]),
            torch.tensor(self.next_observations[idx, env, :]),
            torch.tensor((self.dones[idx, env] * (1 - self.timeouts[idx, env])).reshape(-1, 1)),
            torch.tensor(self.rewards[idx, env].reshape(-1, 1)),
        )


def q_network(obs_dim, actions):
    return nn.Sequential(nn.Linear(obs_dim, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, actions))


def linear_schedule(start_e, end_e, duration, t):
    slope = (end_e - start_e) / duration
    return max(slope * t + start_e, end_e)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--total-timesteps", type=int, default=500_000)
    parser.add_argument("--threads", type=int, default=1, help="torch and OpenBLAS threads (the issue's figure: 1)")
    a = parser.parse_args()
    lr, buffer_size, gamma, tau, target_frequency, batch_size = 2.5e-4, 10_000, 0.99, 1.0, 500, 128
    start_e, end_e, exploration_fraction, learning_starts, train_frequency = 1.0, 0.05, 0.5, 10_000, 10

    torch.set_num_threads(a.threads)
    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.manual_seed(a.seed)
    env = CartPole(a.seed)
    q = q_network(4, 2)
    optimizer = torch.optim.Adam(q.parameters(), lr=lr)
    target = q_network(4, 2)
    target.load_state_dict(q.state_dict())
    rb = ReplayBuffer(buffer_size, 4)
    action_rng = np.random.default_rng(a.seed + 1)

    returns, episode_return = [], 0.0
    obs = env.reset()
    start = time.time()
    for global_step in range(a.total_timesteps):
        epsilon = linear_schedule(start_e, end_e, exploration_fraction * a.total_timesteps, global_step)
        if random.random() < epsilon:
            action = np.array([action_rng.integers(2)])
        else:
            q_values = q(torch.Tensor(obs[None, :]))
            action = torch.argmax(q_values, dim=1).cpu().numpy()
        next_obs, reward, terminated, truncated = env.step(int(action[0]))
        episode_return += reward
        rb.add(obs, next_obs, action, reward, terminated, truncated and not terminated)
        if terminated or truncated:
            returns.append(episode_return)
            episode_return = 0.0
            next_obs = env.reset()
        obs = next_obs

        if global_step > learning_starts:
            if global_step % train_frequency == 0:
                observations, actions, next_observations, dones, rewards = rb.sample(batch_size)
                with torch.no_grad():
                    target_max, _ = target(next_observations).max(dim=1)
                    td_target = rewards.flatten() + gamma * target_max * (1 - dones.flatten())
                old_val = q(observations).gather(1, actions).squeeze()
                loss = F.mse_loss(td_target, old_val)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            if global_step % target_frequency == 0:
                for target_param, q_param in zip(target.parameters(), q.parameters()):
                    target_param.data.copy_(tau * q_param.data + (1.0 - tau) * target_param.data)
    seconds = time.time() - start
    recent = returns[-100:]
    print(json.dumps({
        "steps": a.total_timesteps, "seconds": round(seconds, 2), "steps_per_second": round(a.total_timesteps / seconds),
        "episodes": len(returns), "mean_return_last_100": round(sum(recent) / max(1, len(recent)), 2),
    }))


if __name__ == "__main__":
    main()
