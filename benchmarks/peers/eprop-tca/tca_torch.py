"""PyTorch twin of `rl reproduce eprop-tca`'s BPTT baseline (TcaTask / TcaExperiment), to tell a framework bug
from a property of the setup.

The same delayed-recall task (15 listen steps with two uniform value channels and a listen flag, DELAY silent steps,
one decide step; label = the channel that was larger in more of the 15 steps), LSTM 32 + linear readout with
PyTorch's default init (plus FORGET_BIAS on the forget-gate biases), Adam, 64 sequences per step, cross-entropy at the
decide step; every 500 steps the test error on 1,000 new sequences. One thread.

    /usr/bin/python3 benchmarks/peers/eprop-tca/tca_torch.py --delay 20 --iterations 1500 --seed 0
"""
import argparse

import numpy as np
import torch

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--delay", type=int, default=20, help="silent steps between listen phase and decide step")
parser.add_argument("--iterations", type=int, default=1500, help="Adam steps of 64 sequences")
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--forget-bias", type=float, default=0.0, help="added to the forget-gate biases after init")
parser.add_argument("--lr", type=float, default=1e-3)
args = parser.parse_args()

torch.set_num_threads(1)
LISTEN, HIDDEN, BATCH = 15, 32, 64
steps = LISTEN + args.delay + 1
torch.manual_seed(args.seed)
rng = np.random.default_rng(args.seed)


def sample(n):
    x = np.zeros((steps, n, 4), np.float32)
    values = rng.random((LISTEN, n, 2), dtype=np.float32)
    x[:LISTEN, :, :2] = values
    x[:LISTEN, :, 2] = 1
    x[steps - 1, :, 3] = 1
    wins = (values[:, :, 0] > values[:, :, 1]).sum(0)
    return torch.from_numpy(x), torch.from_numpy(np.where(wins * 2 > LISTEN, 0, 1))


lstm, readout = torch.nn.LSTM(4, HIDDEN), torch.nn.Linear(HIDDEN, 2)
with torch.no_grad():
    lstm.bias_ih_l0[HIDDEN:2 * HIDDEN] += args.forget_bias
optimizer = torch.optim.Adam(list(lstm.parameters()) + list(readout.parameters()), args.lr)
for i in range(args.iterations):
    x, y = sample(BATCH)
    loss = torch.nn.functional.cross_entropy(readout(lstm(x)[0][-1]), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if (i + 1) % 500 == 0:
        with torch.no_grad():
            xt, yt = sample(1000)
            error = (readout(lstm(xt)[0][-1]).argmax(1) != yt).float().mean().item()
        print(f"delay {args.delay} forget bias {args.forget_bias} lr {args.lr} seed {args.seed} "
              f"step {i + 1}: loss {loss.item():.3f} test error {100 * error:.1f}%", flush=True)
