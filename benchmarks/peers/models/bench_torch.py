#!/usr/bin/env python3
"""Issue 3 side-by-side benchmark: the five Models workloads in PyTorch (CPU) and in RlFramework.Models.

Usage (from the repo root, Debian's PyTorch):
  /usr/bin/python3 benchmarks/peers/models/bench_torch.py [--rounds 3] [--seconds 2]
  /usr/bin/python3 benchmarks/peers/models/bench_torch.py --torch-only

The build machines are shared, so the two sides are measured interleaved: for every round and workload, PyTorch
runs in this process, then the same workload runs in Models through benchmarks/peers/models/runner (which executes
the BenchmarkDotNet classes' code from benchmarks/RlFramework.Benchmarks/Models). Each side reports the median of
5 chunks of wall time and of process CPU time per call; the table shows the median over rounds.
Ratio = PyTorch time / Models time (above 1: Models is faster). PyTorch runs with torch.set_num_threads(1) and
openblas_set_num_threads(1) except the rows marked threads=2, where both sides use 2 threads.

BenchmarkDotNet (MemoryDiagnoser) figures come from:
  dotnet run -c Release --project benchmarks/RlFramework.Benchmarks -- --filter '*RlFramework.Benchmarks.Models*' --job short --inProcess
"""
import argparse
import ctypes
import json
import os
import statistics
import subprocess
import time

import torch
import torch.nn.functional as F

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../../.."))
RUNNER_DIR = os.path.join(ROOT, "benchmarks/peers/models/runner")
RUNNER_DLL = os.path.join(RUNNER_DIR, "bin/Release/net10.0/ModelsPeerRunner.dll")

CONV_FLOP = 3 * 2 * 2 * 48 * 48 * 25 * 64 * 64  # forward + grad input + grad weight, 2 flops per MAC


_BLAS = None


def set_threads(n):
    """torch intra-op threads and OpenBLAS's own pool (torch.set_num_threads does not reach OpenBLAS)."""
    global _BLAS
    torch.set_num_threads(n)
    if _BLAS is None:
        try:
            _BLAS = ctypes.CDLL(os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3"))
            _BLAS.openblas_set_num_threads.argtypes = [ctypes.c_int]
        except (OSError, AttributeError):
            _BLAS = False
    if _BLAS:
        _BLAS.openblas_set_num_threads(n)


def measure(fn, seconds):
    """Median over 5 chunks of (wall, process CPU) seconds per call, after a warm-up."""
    t_end = time.perf_counter() + max(0.5, seconds / 4)
    fn()
    while time.perf_counter() < t_end:
        fn()
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < 0.1:
        fn()
        n += 1
    per_chunk = max(1, int(n * seconds / 5 / (time.perf_counter() - t0)))
    walls, cpus = [], []
    for _ in range(5):
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(per_chunk):
            fn()
        walls.append((time.perf_counter() - w0) / per_chunk)
        cpus.append((time.process_time() - c0) / per_chunk)
    return statistics.median(walls), statistics.median(cpus)


def torch_workloads():
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(4, 120), torch.nn.ReLU(), torch.nn.Linear(120, 84), torch.nn.ReLU(), torch.nn.Linear(84, 2))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x, y, obs = torch.randn(128, 4), torch.randn(128, 2), torch.randn(1, 4)

    def dqn():
        opt.zero_grad()
        loss = F.mse_loss(net(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    def act():
        with torch.no_grad():
            return int(net(obs).argmax())

    lstm = torch.nn.LSTM(6, 32)
    seq = torch.randn(10, 32, 6)

    def lstm_fb():
        lstm.zero_grad()
        out, _ = lstm(seq)
        out.sum().backward()

    conv = torch.nn.Conv2d(48, 48, 5, padding=2)
    img = torch.randn(2, 48, 64, 64, requires_grad=True)

    def conv_fb():
        conv.zero_grad()
        img.grad = None
        conv(img).sum().backward()

    def asi_dynamics(n, h, w):
        """The ASI dynamics model's shape on one frame: forward, BCE, backward (see AsiDynamicsBenchmark)."""
        layers, c = [], 3
        for k in (5, 5, 5, 7, 5):
            layers += [torch.nn.Conv2d(c, n, k, padding=k // 2), torch.nn.ReLU()]
            c = n
        features, mix, out = torch.nn.Sequential(*layers), torch.nn.Conv2d(n + 3, n, 1), torch.nn.Conv2d(n, 3, 1)
        params = list(features.parameters()) + list(mix.parameters()) + list(out.parameters())
        frame, target = torch.rand(1, 3, h, w, requires_grad=True), torch.rand(1, 3, h, w)

        def fb():
            for p in params:
                p.grad = None
            frame.grad = None
            y = torch.sigmoid(out(torch.relu(mix(torch.cat([features(frame), frame], 1)))))
            F.binary_cross_entropy(y, target).backward()
        return fb

    mats = {n: (torch.randn(n, n), torch.randn(n, n)) for n in (512, 1024)}
    # (label, runner args, torch fn, threads, flop count or None)
    items = [
        ("DqnUpdate", ["DqnUpdate"], dqn, 1, None),
        ("ActionSelection", ["ActionSelection"], act, 1, None),
        ("LstmForwardBackward", ["LstmForwardBackward"], lstm_fb, 1, None),
        ("Conv2dForwardBackward threads=1", ["Conv2dForwardBackward", "1"], conv_fb, 1, CONV_FLOP),
        ("Conv2dForwardBackward threads=2", ["Conv2dForwardBackward", "2"], conv_fb, 2, CONV_FLOP),
    ]
    for n, h, w in ((8, 126, 75), (8, 64, 64), (32, 126, 75), (32, 64, 64)):
        items.append((f"AsiDynamics n={n} {h}x{w}", ["AsiDynamics", str(h), str(n)], asi_dynamics(n, h, w), 1, None))
    for n in (512, 1024):
        a, b = mats[n]
        for th in (1, 2):
            items.append((f"Sgemm N={n} threads={th}", ["Sgemm", str(th), str(n)], (lambda a=a, b=b: torch.mm(a, b)), th, 2 * n ** 3))
    return items


def run_models(args, seconds):
    name, rest = args[0], args[1:]
    cmd = ["dotnet", RUNNER_DLL, name, str(seconds)] + rest
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    r = json.loads(out)
    return r["wall_us"] / 1e6, r["cpu_us"] / 1e6, r["alloc_bytes_per_op"]


def fmt(s):
    return f"{s * 1e6:9.1f} us" if s < 1e-2 else f"{s * 1e3:9.2f} ms"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--torch-only", action="store_true")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--only", help="substring filter on workload labels")
    args = ap.parse_args()
    # Debian's torch is built against the generic libblas.so.3, which the alternatives system points at OpenBLAS
    # when libopenblas0-pthread is installed.
    blas = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    print(f"torch {torch.__version__}; libblas.so.3 -> {blas}; "
          f"cpu count {os.cpu_count()}; load average at start {os.getloadavg()[0]:.1f}")
    if not args.torch_only:
        # No lingering build servers: they would compete for the CPU during the measurements.
        subprocess.run(["dotnet", "build", RUNNER_DIR, "-c", "Release", "-v", "q", "-nologo", "--disable-build-servers"], check=True, cwd=ROOT)
        time.sleep(2)
    items = torch_workloads()
    if args.only:
        items = [i for i in items if args.only in i[0]]
    results = {label: {"tw": [], "tc": [], "mw": [], "mc": [], "alloc": None} for label, *_ in items}
    for rnd in range(args.rounds):
        for label, rargs, fn, th, flop in items:
            set_threads(th)
            tw, tc = measure(fn, args.seconds)
            r = results[label]
            r["tw"].append(tw)
            r["tc"].append(tc)
            if not args.torch_only:
                mw, mc, alloc = run_models(rargs, args.seconds)
                r["mw"].append(mw)
                r["mc"].append(mc)
                r["alloc"] = alloc
            print(f"round {rnd + 1} {label}: torch wall {fmt(tw)} cpu {fmt(tc)}"
                  + ("" if args.torch_only else f" | models wall {fmt(r['mw'][-1])} cpu {fmt(r['mc'][-1])}"), flush=True)
    print(f"\nload average at end {os.getloadavg()[0]:.1f}")
    print(f"{'workload':34s} {'PyTorch wall':>13s} {'Models wall':>13s} {'ratio':>7s} | {'PyTorch cpu':>13s} {'Models cpu':>13s} {'ratio':>7s} | alloc/op  GFLOP/s (torch / models, wall)")
    for label, rargs, fn, th, flop in items:
        r = results[label]
        tw, tc = statistics.median(r["tw"]), statistics.median(r["tc"])
        if args.torch_only:
            print(f"{label:34s} {fmt(tw)} {fmt(tc)}")
            continue
        mw, mc = statistics.median(r["mw"]), statistics.median(r["mc"])
        gf = f"  {flop / tw / 1e9:6.1f} / {flop / mw / 1e9:6.1f}" if flop else ""
        print(f"{label:34s} {fmt(tw)} {fmt(mw)} {tw / mw:6.2f}x | {fmt(tc)} {fmt(mc)} {tc / mc:6.2f}x | {r['alloc']:7.1f} B{gf}")


if __name__ == "__main__":
    main()
