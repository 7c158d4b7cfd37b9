#!/usr/bin/env python3
"""Issue 3 side-by-side benchmark: the five Models workloads in PyTorch (CPU, 1 thread) and in RlFramework.Models.

Usage (from the repo root, Debian's PyTorch):
  /usr/bin/python3 benchmarks/peers/models/bench_torch.py            # PyTorch, then Models via BenchmarkDotNet, ratios
  /usr/bin/python3 benchmarks/peers/models/bench_torch.py --torch-only
  /usr/bin/python3 benchmarks/peers/models/bench_torch.py --models-json PATH   # reuse a BenchmarkDotNet *-report-full.json

Each PyTorch figure is the median over 7 repeats of the mean time per call (wall clock and, because the build
machines are shared, also the process CPU time per call). The Models side runs
  dotnet run -c Release --project benchmarks/RlFramework.Benchmarks -- --filter '*RlFramework.Benchmarks.Models*' --exporters json --job short --inProcess
and reads BenchmarkDotNet's mean. Ratio = PyTorch time / Models time (above 1 means Models is faster).
"""
import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import torch
import torch.nn.functional as F

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../../.."))


def bench(fn, min_time=0.5, repeats=7):
    for _ in range(20):
        fn()
    n = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - t0 > min_time / 5:
            break
        n *= 2
    walls, cpus = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(n):
            fn()
        walls.append((time.perf_counter() - t0) / n)
        cpus.append((time.process_time() - c0) / n)
    return statistics.median(walls), statistics.median(cpus)


def torch_workloads(threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    res = {}
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

    res["DqnUpdate"] = bench(dqn)
    res["ActionSelection"] = bench(act)

    lstm = torch.nn.LSTM(6, 32)
    seq = torch.randn(10, 32, 6)

    def lstm_fb():
        lstm.zero_grad()
        out, _ = lstm(seq)
        out.sum().backward()

    res["LstmForwardBackward"] = bench(lstm_fb)

    conv = torch.nn.Conv2d(48, 48, 5, padding=2)
    img = torch.randn(2, 48, 64, 64, requires_grad=True)

    def conv_fb():
        conv.zero_grad()
        img.grad = None
        conv(img).sum().backward()

    res["Conv2dForwardBackward"] = bench(conv_fb, min_time=2.0, repeats=5)

    for n in (512, 1024):
        a, b = torch.randn(n, n), torch.randn(n, n)
        res[f"Sgemm N={n}"] = bench(lambda: torch.mm(a, b), min_time=1.0, repeats=5)
    return res


def models_results(path):
    with open(path) as f:
        doc = json.load(f)
    out = {}
    for b in doc["Benchmarks"]:
        name = b["Method"]
        params = b.get("Parameters", "")
        mean_s = b["Statistics"]["Mean"] / 1e9
        alloc = (b.get("Memory") or {}).get("BytesAllocatedPerOperation")
        out[(name, params)] = (mean_s, alloc)
    return out


def run_models():
    art = os.path.join(tempfile.gettempdir(), "rlframework-models-bdn")
    cmd = ["dotnet", "run", "-c", "Release", "--project", os.path.join(ROOT, "benchmarks/RlFramework.Benchmarks"), "--",
           "--filter", "*RlFramework.Benchmarks.Models*", "--exporters", "json", "--job", "short", "--inProcess", "--artifacts", art]
    print("running:", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)
    files = sorted(glob.glob(os.path.join(art, "results", "RlFramework.Benchmarks.Models.*-report-full*.json")), key=os.path.getmtime)
    merged = {}
    for f in files:
        merged.update(models_results(f))
    return merged


def fmt(s):
    return f"{s * 1e6:10.1f} us" if s < 1e-2 else f"{s * 1e3:10.2f} ms"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--torch-only", action="store_true")
    ap.add_argument("--models-json", nargs="*")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    print(f"torch {torch.__version__}, threads={args.threads}, BLAS: {'openblas' if 'openblas' in torch.__config__.show().lower() else 'see torch.__config__'}")
    pt = torch_workloads(args.threads)
    for k, (w, c) in pt.items():
        extra = ""
        if k.startswith("Sgemm"):
            n = int(k.split("=")[1])
            extra = f"  {2 * n ** 3 / w / 1e9:6.1f} GFLOP/s"
        if k.startswith("Conv"):
            extra = f"  {3 * 2 * 2 * 48 * 48 * 25 * 64 * 64 / w / 1e9:6.1f} GFLOP/s"
        print(f"PyTorch {k:24s} wall {fmt(w)}   cpu {fmt(c)}{extra}")
    if args.torch_only:
        return
    models = {}
    if args.models_json:
        for p in args.models_json:
            models.update(models_results(p))
    else:
        models = run_models()
    print()
    print(f"{'workload':34s} {'PyTorch':>13s} {'Models':>13s} {'ratio':>7s}  alloc/op")
    for (name, params), (mean_s, alloc) in sorted(models.items()):
        key = name
        if name == "Sgemm":
            n = [p for p in params.split(", ") if p.startswith("N=")][0]
            key = f"Sgemm {n}"
        if key not in pt:
            continue
        ratio = pt[key][0] / mean_s
        extra = ""
        if name == "Sgemm":
            nn = int(key.split("=")[1])
            extra = f"  {2 * nn ** 3 / mean_s / 1e9:.1f} GFLOP/s"
        if name.startswith("Conv"):
            extra = f"  {3 * 2 * 2 * 48 * 48 * 25 * 64 * 64 / mean_s / 1e9:.1f} GFLOP/s"
        print(f"{(name + ' ' + params).strip():34s} {fmt(pt[key][0])} {fmt(mean_s)} {ratio:6.2f}x  {alloc} B{extra}")


if __name__ == "__main__":
    main()
