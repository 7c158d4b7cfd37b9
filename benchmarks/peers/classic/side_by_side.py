#!/usr/bin/env python3
"""Issue 17's speed comparison: the classic-control envs' steps per second, Gymnasium's (gymnasium_steps.py beside
this file) against ours (`rl bench classic`), in the same window: the two run alternately, round by round, and each
`rl bench classic` prints its ratio against the Gymnasium figures measured just before it (per CPU second, which
other jobs on a shared machine disturb far less than wall time).

Usage (from the repo root, after `dotnet build Runner/Cli -c Release`; Gymnasium's source tree on PYTHONPATH):
  PYTHONPATH=/path/to/Gymnasium /usr/bin/python3 benchmarks/peers/classic/side_by_side.py [--rounds 3]
      [--peer-steps 100000] [--rl-steps 1000000]
"""
import argparse
import os
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../../.."))
PEER = os.path.join(ROOT, "benchmarks/peers/classic/gymnasium_steps.py")
RL = os.path.join(ROOT, "Runner/Cli/bin/Release/net10.0/rl.dll")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--peer-steps", type=int, default=100_000)
    parser.add_argument("--rl-steps", type=int, default=1_000_000)
    a = parser.parse_args()
    if not os.path.exists(RL):
        sys.exit(f"{RL} is missing: run `dotnet build Runner/Cli -c Release` first")
    with tempfile.TemporaryDirectory() as folder:
        figures = os.path.join(folder, "gymnasium.json")
        for round_ in range(1, a.rounds + 1):
            subprocess.run([sys.executable, PEER, "--steps", str(a.peer_steps), "--out", figures], check=True, capture_output=True)
            print(f"round {round_}: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}", flush=True)
            subprocess.run(["dotnet", RL, "bench", "classic", "--steps", str(a.rl_steps), "--peer", figures], check=True)
            with open(figures) as f:
                print(f.read(), flush=True)


if __name__ == "__main__":
    main()
