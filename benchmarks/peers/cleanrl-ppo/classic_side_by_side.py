#!/usr/bin/env python3
"""Issue 17's returns and speed on Acrobot-v1, Pendulum-v1 and MountainCarContinuous-v0: CleanRL's own ppo.py /
ppo_continuous_action.py (through cleanrl_run.py beside this file, Gymnasium 0.29.1 as CleanRL pins it) and
`rl train --agent ppo`, same env, seed and step budget, started together so both run in the same window, one thread each.

Usage (from the repo root, after `dotnet build Runner/Cli -c Release`; Gymnasium 0.29.1's source tree on PYTHONPATH,
see cleanrl_run.py):
  PYTHONPATH=/tmp/gym-0.29.1 /usr/bin/python3 benchmarks/peers/cleanrl-ppo/classic_side_by_side.py \
      --cleanrl /path/to/cleanrl --envs Acrobot-v1 Pendulum-v1 --seeds 1 [--steps 500000] [--out FOLDER]
Prints one Markdown row per env and seed as each pair ends: both sides' mean return of the last 100 episodes, wall and
process-CPU seconds, steps per wall and per CPU second, and ours/theirs (return difference, speed ratios), with the
load average. With --out, both sides' run folders stay in FOLDER (ours as `rl train` writes it, CleanRL's as
cleanrl-ENV-sSEED/metrics.csv) for `rl plot`.
"""
import argparse
import json
import os
import re
import sys
import tempfile

from side_by_side import ROOT, finish, load, rl_result, rl_train, start

PEER = os.path.join(ROOT, "benchmarks/peers/cleanrl-ppo/cleanrl_run.py")
SCRIPT = {"Acrobot-v1": "ppo", "CartPole-v1": "ppo", "Pendulum-v1": "ppo_continuous_action",
          "MountainCarContinuous-v0": "ppo_continuous_action"}


def pair(cleanrl, env, seed, steps, folder):
    """Runs both sides at once; returns (theirs, ours) as dicts of return, steps, wall, cpu."""
    peer = start([sys.executable, PEER, "--cleanrl", cleanrl, "--script", SCRIPT[env], "--env", env, "--seed", str(seed),
                  "--total-timesteps", str(steps), "--out", os.path.join(folder, f"cleanrl-{env.lower()}-s{seed}")])
    ours = start(rl_train(env, seed, steps, folder))
    peer_out, peer_wall, peer_cpu = finish(peer)
    ours_out, ours_wall, ours_cpu = finish(ours)
    figures = json.loads(peer_out.strip().splitlines()[-1])
    _, ret = rl_result(ours_out)
    ours_steps = int(re.search(r": (\d+) steps, ", ours_out).group(1))
    return ({"ret": figures["mean_return_last_100"], "steps": figures["steps"], "wall": peer_wall, "cpu": peer_cpu},
            {"ret": ret, "steps": ours_steps, "wall": ours_wall, "cpu": ours_cpu})


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cleanrl", required=True, help="a CleanRL checkout or its git directory")
    p.add_argument("--envs", nargs="+", choices=sorted(SCRIPT), default=["Acrobot-v1", "Pendulum-v1", "MountainCarContinuous-v0"])
    p.add_argument("--seeds", type=int, nargs="+", default=[1])
    p.add_argument("--steps", type=int, default=500000)
    p.add_argument("--out", help="keep both sides' run folders here")
    a = p.parse_args()
    print("| env | seed | CleanRL last-100 | rl last-100 | rl − CleanRL | CleanRL wall s / CPU s | rl wall s / CPU s | "
          "speed rl/CleanRL (wall, CPU) | load (1 min) |")
    print("|---|---|---|---|---|---|---|---|---|", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = a.out or scratch
        for seed in a.seeds:
            for env in a.envs:
                before = load()
                theirs, ours = pair(a.cleanrl, env, seed, a.steps, folder)
                wall_ratio = (ours["steps"] / ours["wall"]) / (theirs["steps"] / theirs["wall"])
                cpu_ratio = (ours["steps"] / ours["cpu"]) / (theirs["steps"] / theirs["cpu"])
                print(f"| {env} | {seed} | {theirs['ret']:.2f} | {ours['ret']:.2f} | {ours['ret'] - theirs['ret']:+.2f} | "
                      f"{theirs['wall']:.1f} / {theirs['cpu']:.1f} | {ours['wall']:.1f} / {ours['cpu']:.1f} | "
                      f"{wall_ratio:.1f}x, {cpu_ratio:.1f}x | {before:.1f} -> {load():.1f} |", flush=True)


if __name__ == "__main__":
    main()
