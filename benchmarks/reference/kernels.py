#!/usr/bin/env python3
"""PyTorch reference for `lola-bench kernels --vs-torch`: the same workloads and shapes as
benchmarks/src/kernels/workloads.ts (docs/runtime.md section 1), timed the same way (warm-up 1,
then N timed iterations; mean and 95% margin of error). Prints one JSON object per line: a header
with the torch version, threads and BLAS, then {name, mean_ms, moe_ms, samples} per workload.

Run with Debian's python3-torch (and libopenblas0-pthread for a fast BLAS):
    /usr/bin/python3 benchmarks/reference/kernels.py --threads 2 --iterations 5
"""
import argparse
import json
import math
import statistics
import time

import torch
import torch.nn.functional as F

# two-sided 95% Student t critical values by degrees of freedom
T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228}


def timed(fn, iterations):
    fn()  # warm-up
    samples = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1e3)
    mean = statistics.fmean(samples)
    moe = 0.0
    if len(samples) > 1:
        sem = statistics.stdev(samples) / math.sqrt(len(samples))
        moe = T95.get(len(samples) - 1, 1.96) * sem
    return mean, moe, len(samples)


def matmul():
    g = torch.Generator().manual_seed(1234)
    a = torch.randn(1024, 1024, generator=g)
    b = torch.randn(1024, 1024, generator=g)
    return lambda: torch.mm(a, b)


def conv_inputs():
    g = torch.Generator().manual_seed(1234)
    x = torch.randn(8, 64, 64, 64, generator=g)  # NCHW
    w = torch.randn(64, 64, 3, 3, generator=g) * 0.05
    return x, w


def conv_fwd():
    x, w = conv_inputs()

    def step():
        with torch.no_grad():
            F.conv2d(x, w, padding=1)

    return step


def conv_fwd_bwd():
    x, w = conv_inputs()
    w.requires_grad_(True)

    def step():
        w.grad = None
        F.conv2d(x, w, padding=1).sum().backward()

    return step


class Block(torch.nn.Module):
    """Pre-LN transformer block, 4x MLP, GELU (tanh form)."""

    def __init__(self, dim=128, heads=4):
        super().__init__()
        self.heads = heads
        self.ln1 = torch.nn.LayerNorm(dim)
        self.qkv = torch.nn.Linear(dim, 3 * dim)
        self.out = torch.nn.Linear(dim, dim)
        self.ln2 = torch.nn.LayerNorm(dim)
        self.fc1 = torch.nn.Linear(dim, 4 * dim)
        self.fc2 = torch.nn.Linear(4 * dim, dim)

    def forward(self, x):
        b, s, d = x.shape
        hd = d // self.heads
        qkv = self.qkv(self.ln1(x)).reshape(b, s, 3, self.heads, hd).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hd), dim=-1)
        o = (att @ v).transpose(1, 2).reshape(b, s, d)
        x = x + self.out(o)
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x)), approximate="tanh"))


class ConvAE(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv2d(3, 32, 3, 1, 1)
        self.c2 = torch.nn.Conv2d(32, 64, 3, 2, 1)
        self.c3 = torch.nn.Conv2d(64, 64, 3, 2, 1)
        self.t1 = torch.nn.ConvTranspose2d(64, 64, 3, 2, 1, output_padding=1)
        self.t2 = torch.nn.ConvTranspose2d(64, 32, 3, 2, 1, output_padding=1)
        self.c4 = torch.nn.Conv2d(32, 3, 3, 1, 1)

    def forward(self, x):
        h = F.relu(self.c1(x))
        h = F.relu(self.c2(h))
        h = F.relu(self.c3(h))
        h = F.relu(self.t1(h))
        h = F.relu(self.t2(h))
        return self.c4(h)


def trainer(model, x, y):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        loss.item()

    return step


def block_step():
    torch.manual_seed(1234)
    g = torch.Generator().manual_seed(1236)
    return trainer(Block(), torch.randn(8, 256, 128, generator=g), torch.randn(8, 256, 128, generator=g))


def conv_ae_step():
    torch.manual_seed(1234)
    x = torch.rand(8, 3, 64, 64, generator=torch.Generator().manual_seed(1238))
    return trainer(ConvAE(), x, x.clone())


WORKLOADS = {
    "matmul-1024": matmul,
    "conv3x3-fwd": conv_fwd,
    "conv3x3-fwd-bwd": conv_fwd_bwd,
    "transformer-block-step": block_step,
    "conv-ae-step": conv_ae_step,
}


def blas_name():
    """The BLAS library actually loaded (Debian switches libblas.so.3 between implementations)."""
    torch.mm(torch.ones(2, 2), torch.ones(2, 2))
    try:
        with open("/proc/self/maps", encoding="utf8") as f:
            libs = {line.split()[-1].rsplit("/", 1)[-1] for line in f if "blas" in line}
    except OSError:
        return "unknown"
    return ",".join(sorted(libs)) or "unknown"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--iterations", type=int, default=5)
    p.add_argument("--only", default="", help="comma-separated workload names")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    names = [n for n in args.only.split(",") if n] or list(WORKLOADS)
    unknown = [n for n in names if n not in WORKLOADS]
    if unknown:
        p.error(f"unknown workload(s) {unknown}; known: {list(WORKLOADS)}")
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_name()}), flush=True)
    for name in names:
        mean, moe, n = timed(WORKLOADS[name](), args.iterations)
        print(json.dumps({"name": name, "mean_ms": mean, "moe_ms": moe, "samples": n}), flush=True)


if __name__ == "__main__":
    main()
