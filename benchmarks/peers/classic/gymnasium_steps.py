#!/usr/bin/env python3
"""Gymnasium's classic-control envs, steps per second on one thread: the unwrapped env (reset at termination or the
registered step limit, as `rl bench classic` steps ours) and gymnasium.make's wrapped env. Actions come from a table
made before timing (Discrete: uniform; Box: uniform within the bounds, float32).

Gymnasium comes from its source tree (it needs only NumPy, plus Debian's python3-cloudpickle and
python3-typing-extensions):
  PYTHONPATH=/path/to/Gymnasium /usr/bin/python3 benchmarks/peers/classic/gymnasium_steps.py [--steps N] [--out FILE]
Prints, and writes to --out, JSON: {id: {"raw": {"steps", "wall", "cpu"}, "make": {...}}} (seconds).
"""
import argparse
import json
import time

import numpy as np

import gymnasium as gym

IDS = ["CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1"]
TABLE = 1024


def action_table(space):
    rng = np.random.default_rng(0)
    if isinstance(space, gym.spaces.Discrete):
        return [int(a) for a in rng.integers(0, space.n, TABLE)]
    return [rng.uniform(space.low, space.high).astype(np.float32) for _ in range(TABLE)]


def loop(env, actions, limit, steps):
    env.reset(seed=0)
    t = 0
    for i in range(steps):
        _, _, terminated, truncated, _ = env.step(actions[i % TABLE])
        t += 1
        if terminated or truncated or t == limit:
            env.reset()
            t = 0


def timed(env, limit, steps):
    actions = action_table(env.action_space)
    loop(env, actions, limit, max(1, steps // 10))
    wall, cpu = time.perf_counter(), time.process_time()
    loop(env, actions, limit, steps)
    return {"steps": steps, "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=100_000)
    parser.add_argument("--out", default=None)
    a = parser.parse_args()
    figures = {}
    for env_id in IDS:
        made = gym.make(env_id)
        figures[env_id] = {
            "raw": timed(made.unwrapped, made.spec.max_episode_steps, a.steps),
            "make": timed(made, None, a.steps),
        }
        made.close()
    text = json.dumps({"gymnasium": gym.__version__, "numpy": np.__version__, **figures}, indent=1)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)
    print(text)


if __name__ == "__main__":
    main()
