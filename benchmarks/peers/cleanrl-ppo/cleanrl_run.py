#!/usr/bin/env python3
"""Runs CleanRL's own ppo.py or ppo_continuous_action.py, unchanged, on one thread, and records what issue 17 compares.

The script's text is read from a CleanRL checkout or bare git directory (vwxyzjn/cleanrl) and executed as __main__.
Only the packages our machines cannot install are stood in for, before it runs:
  tyro                    -> `cli(Args)` returns Args(env_id=..., seed=..., total_timesteps=..., cuda=False) from our flags;
  torch.utils.tensorboard -> a SummaryWriter that keeps every add_scalar (written as a run folder's metrics.csv).
wandb is not imported (track is False by default). Gymnasium is the real one: CleanRL pins gymnasium==0.29.1, so put
that release's source tree on PYTHONPATH (it needs only NumPy, cloudpickle and typing_extensions):
  git --git-dir=/path/to/Gymnasium/.git archive v0.29.1 gymnasium | tar -x -C /tmp/gym-0.29.1

Usage (Debian's PyTorch 1.13 and NumPy):
  PYTHONPATH=/tmp/gym-0.29.1 /usr/bin/python3 benchmarks/peers/cleanrl-ppo/cleanrl_run.py --cleanrl /path/to/cleanrl \
      --script ppo_continuous_action --env Pendulum-v1 --seed 1 --total-timesteps 500000 [--out FOLDER]
Prints one JSON line: steps, wall and process-CPU seconds, steps/s, episodes, mean return of the last 100 episodes
(CleanRL's `charts/episodic_return`), load average before and after. With --out, FOLDER/metrics.csv holds every
scalar in `rl plot`'s format (step,tag,value,wall_time), so `rl plot OURS FOLDER` overlays the two runs.
"""
import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
import types

for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[variable] = "1"  # the BLAS pools are sized at load; torch.set_num_threads does not reach OpenBLAS's

import torch  # noqa: E402

SCRIPTS = ("ppo", "ppo_continuous_action")


class Writer:
    """torch.utils.tensorboard.SummaryWriter as CleanRL uses it: add_text, add_scalar, close."""

    scalars = []

    def __init__(self, *args, **kwargs):
        pass

    def add_text(self, *args, **kwargs):
        pass

    def add_scalar(self, tag, value, step):
        Writer.scalars.append((int(step), tag, float(value), time.time()))

    def close(self):
        pass


def source(cleanrl, script):
    """The text of cleanrl/SCRIPT.py from a checkout (CLEANRL/cleanrl/SCRIPT.py) or a git directory (its HEAD)."""
    path = os.path.join(cleanrl, "cleanrl", script + ".py")
    if os.path.exists(path):
        with open(path) as f:
            return f.read(), path
    text = subprocess.run(["git", "--git-dir", cleanrl, "show", f"HEAD:cleanrl/{script}.py"], check=True,
                          capture_output=True, text=True).stdout
    return text, path


def stub_modules(env_id, seed, total_timesteps):
    tyro = types.ModuleType("tyro")
    tyro.cli = lambda cls: cls(env_id=env_id, seed=seed, total_timesteps=total_timesteps, cuda=False)
    tensorboard = types.ModuleType("torch.utils.tensorboard")
    tensorboard.SummaryWriter = Writer
    sys.modules["tyro"] = tyro
    sys.modules["torch.utils.tensorboard"] = tensorboard


def write_metrics(folder):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "metrics.csv"), "w") as f:
        f.write("step,tag,value,wall_time\n")
        for step, tag, value, wall in Writer.scalars:
            f.write(f"{step},{tag},{value!r},{wall:.3f}\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cleanrl", required=True, help="a CleanRL checkout or its git directory")
    p.add_argument("--script", choices=SCRIPTS, required=True)
    p.add_argument("--env", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--total-timesteps", type=int, default=500000)
    p.add_argument("--out", help="a folder to write metrics.csv into")
    a = p.parse_args()
    torch.set_num_threads(1)
    stub_modules(a.env, a.seed, a.total_timesteps)
    text, path = source(a.cleanrl, a.script)
    load_before = os.getloadavg()[0]
    wall, cpu = time.time(), time.process_time()
    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):  # its per-episode and SPS prints
        exec(compile(text, path, "exec"), {"__name__": "__main__", "__file__": path})
    wall, cpu = time.time() - wall, time.process_time() - cpu
    returns = [value for _, tag, value, _ in Writer.scalars if tag == "charts/episodic_return"]
    steps = max(step for step, _, _, _ in Writer.scalars)
    if a.out:
        write_metrics(a.out)
    last = returns[-100:]
    print(json.dumps({"script": a.script, "env": a.env, "seed": a.seed, "steps": steps, "wall_seconds": round(wall, 2),
                      "cpu_seconds": round(cpu, 2), "steps_per_second": int(steps / wall),
                      "steps_per_cpu_second": int(steps / cpu), "episodes": len(returns),
                      "mean_return_last_100": round(sum(last) / len(last), 2),
                      "load_before": load_before, "load_after": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
