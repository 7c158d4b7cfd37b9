#!/usr/bin/env python3
"""Issue 5's speed comparison on one machine: `rl train --env CartPole-v1 --agent dqn` against the PyTorch peer
(dqn_torch.py beside this file, CleanRL's dqn.py loop), seed by seed and alternately, so both sides see the same load.

Usage (from the repo root, after `dotnet build Runner/Cli -c Release`; Debian's PyTorch and OpenBLAS:
apt-get install python3-torch libopenblas0-pthread):
  /usr/bin/python3 benchmarks/peers/dqn/side_by_side.py [--seeds 1 2 3] [--rl-threads N]
Prints a Markdown table (loop steps/s, wall time and peak RSS of each process, mean return of the last 100 episodes),
the mean ratio of steps/s, and the ratio against the issue's reference figure for CleanRL (7,004 steps/s).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../../.."))
PEER = os.path.join(ROOT, "benchmarks/peers/dqn/dqn_torch.py")
RL = os.path.join(ROOT, "Runner/Cli/bin/Release/net10.0/rl.dll")
CLEANRL_REFERENCE = 7004  # steps/s of CleanRL's dqn.py on our 2-core build machines (issue 5, OpenBLAS)


def timed(command):
    """Runs command under /usr/bin/time; returns (stdout, wall seconds, peak RSS in MB)."""
    result = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M", *command], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    wall, rss = re.search(r"TIME ([\d.]+) (\d+)", result.stderr).groups()
    return result.stdout, float(wall), int(rss) / 1024


def run_peer(seed):
    out, wall, rss = timed([sys.executable, PEER, "--seed", str(seed)])
    sps = int(re.search(r'"steps_per_second": (\d+)', out).group(1))
    ret = float(re.search(r'"mean_return_last_100": ([\d.]+)', out).group(1))
    return sps, wall, rss, ret


def run_rl(seed, threads, runs_folder):
    command = ["dotnet", RL, "train", "--env", "CartPole-v1", "--agent", "dqn", "--seed", str(seed), "--quiet", "--out", runs_folder]
    if threads:
        command += ["--threads", str(threads)]
    out, wall, rss = timed(command)
    match = re.search(r"\(([\d,]+) steps/s\); mean return of the last \d+ episodes ([\d.]+)", out)
    return int(match.group(1).replace(",", "")), wall, rss, float(match.group(2))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--rl-threads", type=int, default=None, help="rl train --threads (default: rl's own, all cores)")
    a = parser.parse_args()
    if not os.path.exists(RL):
        sys.exit(f"{RL} is missing: run `dotnet build Runner/Cli -c Release` first")
    rows = []
    with tempfile.TemporaryDirectory() as runs_folder:
        for seed in a.seeds:
            peer = run_peer(seed)
            ours = run_rl(seed, a.rl_threads, runs_folder)
            rows.append((seed, peer, ours))
            print(f"seed {seed}: peer {peer[0]:,} steps/s, rl {ours[0]:,} steps/s", file=sys.stderr, flush=True)
    print("| seed | peer steps/s | peer wall | peer peak RSS | peer return | rl steps/s | rl wall | rl peak RSS | rl return | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for seed, (ps, pw, pr, pret), (rs, rw, rr, rret) in rows:
        print(f"| {seed} | {ps:,} | {pw:.1f} s | {pr:.0f} MB | {pret:.2f} | {rs:,} | {rw:.1f} s | {rr:.0f} MB | {rret:.2f} | {rs / ps:.2f}× |")
    peer_mean = statistics.mean(p[0] for _, p, _ in rows)
    rl_mean = statistics.mean(o[0] for _, _, o in rows)
    print(f"\nmean steps/s: peer {peer_mean:,.0f}, rl {rl_mean:,.0f}: {rl_mean / peer_mean:.2f}× the peer on this machine, "
          f"{rl_mean / CLEANRL_REFERENCE:.2f}× the issue's CleanRL figure ({CLEANRL_REFERENCE:,} steps/s)")


if __name__ == "__main__":
    main()
