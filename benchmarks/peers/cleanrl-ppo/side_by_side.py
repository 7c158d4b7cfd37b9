#!/usr/bin/env python3
"""Issue 17's speed comparison on one machine: `rl train --env CartPole-v1 --agent ppo` against CleanRL's ppo.py
(ppo_torch.py beside this file: its loop line for line, tyro/wandb/TensorBoard/Gymnasium stubbed as it says), seed by
seed and alternately, so both sides see the same load. Both run single-threaded.

Usage (from the repo root, after `dotnet build Runner/Cli -c Release`; Debian's PyTorch: apt-get install python3-torch):
  /usr/bin/python3 benchmarks/peers/cleanrl-ppo/side_by_side.py [--seeds 1 2 3] [--steps 500000]
Prints a Markdown table (loop steps/s, wall time, mean return of the last 100 episodes, steps per process-CPU second,
load average), the mean ratio of steps/s and the ratio against the issue's reference figure for ppo.py (6,933 steps/s).
RL_DLL=path/rl.dll runs a copied build instead of Runner/Cli's (so a rebuild cannot change a run under way).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../../.."))
PEER = os.path.join(ROOT, "benchmarks/peers/cleanrl-ppo/ppo_torch.py")
RL = os.environ.get("RL_DLL", os.path.join(ROOT, "Runner/Cli/bin/Release/net10.0/rl.dll"))  # RL_DLL: a copied build
CLEANRL_REFERENCE = 6933  # steps/s of CleanRL's ppo.py in the issue (PyTorch 1.13 CPU, 1 thread, OpenBLAS)


def start(command):
    """Starts command under /usr/bin/time (wall, user and system seconds on stderr's last line)."""
    return subprocess.Popen(["/usr/bin/time", "-f", "TIME %e %U %S", *command], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)


def finish(process):
    """Waits for a process from start; returns (stdout, wall seconds, CPU seconds)."""
    out, err = process.communicate()
    if process.returncode != 0:
        sys.exit(f"{' '.join(process.args)} failed ({process.returncode}):\n{out}\n{err}")
    wall, user, system = map(float, re.search(r"TIME ([\d.]+) ([\d.]+) ([\d.]+)", err).groups())
    return out, wall, user + system


def load():
    return os.getloadavg()[0]


def run_peer(seed, steps):
    """(loop steps/s, wall s, last-100 return, steps per process-CPU second) of ppo_torch.py."""
    out, wall, cpu = finish(start([sys.executable, PEER, "--seed", str(seed), "--total-timesteps", str(steps)]))
    sps = int(re.search(r'"steps_per_second": (\d+)', out).group(1))
    ret = float(re.search(r'"mean_return_last_100": ([\d.]+)', out).group(1))
    return sps, wall, ret, int(re.search(r'"steps": (\d+)', out).group(1)) / cpu


def rl_train(env, seed, steps, runs_folder):
    """The command line of `rl train --agent ppo` on one thread."""
    return ["dotnet", RL, "train", "--env", env, "--agent", "ppo", "--seed", str(seed), "--steps", str(steps),
            "--threads", "1", "--quiet", "--out", runs_folder]


def rl_result(out):
    """(loop steps/s, mean return of the last 100 episodes) from `rl train`'s last line."""
    match = re.search(r"\(([\d,]+) steps/s\); mean return of the last \d+ episodes (-?[\d.]+)", out)
    return int(match.group(1).replace(",", "")), float(match.group(2))


def run_rl(seed, steps, runs_folder):
    """(loop steps/s, wall s, last-100 return, steps per process-CPU second) of `rl train`."""
    out, wall, cpu = finish(start(rl_train("CartPole-v1", seed, steps, runs_folder)))
    sps, ret = rl_result(out)
    return sps, wall, ret, int(re.search(r": (\d+) steps, ", out).group(1)) / cpu


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seeds", type=int, nargs="+", default=[1])
    p.add_argument("--steps", type=int, default=500000)
    a = p.parse_args()
    rows, ratios = [], []
    with tempfile.TemporaryDirectory() as runs:
        for seed in a.seeds:
            before = load()
            peer = run_peer(seed, a.steps)
            ours = run_rl(seed, a.steps, runs)
            ratios.append(ours[0] / peer[0])
            rows.append((seed, peer, ours, before, load()))
    print("| seed | CleanRL ppo.py steps/s | wall s | last-100 return | rl ppo steps/s | wall s | last-100 return | ratio | "
          "steps per CPU s, CleanRL / rl (ratio) | load (1 min) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for seed, peer, ours, before, after in rows:
        print(f"| {seed} | {peer[0]:,} | {peer[1]:.1f} | {peer[2]:.2f} | {ours[0]:,} | {ours[1]:.1f} | {ours[2]:.2f} | {ours[0] / peer[0]:.1f}x | "
              f"{peer[3]:,.0f} / {ours[3]:,.0f} ({ours[3] / peer[3]:.1f}x) | {before:.1f} -> {after:.1f} |")
    print(f"mean ratio of steps/s: {statistics.mean(ratios):.1f}x; "
          f"rl against the issue's reference ({CLEANRL_REFERENCE:,} steps/s): {statistics.mean(r[2][0] for r in rows) / CLEANRL_REFERENCE:.2f}x")


if __name__ == "__main__":
    main()
