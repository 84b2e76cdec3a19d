#!/usr/bin/python3
"""PyTorch reference for `lola-bench ae`: the DCAE of docs/method.md §2.1-2.2 at the same shapes as the
TypeScript model, timed per training step (forward, L1 loss, backward, global-norm clip, Adam).

Written from the specification (not copied from LoLa). Run with Debian's python3-torch and
libopenblas0-pthread:

    /usr/bin/python3 benchmarks/reference/ae.py --pix 5 --res 64 --hid 16,32,64,64 \
        --blocks 1,1,1,1 --lat 64 --batch 16 --iters 5 --threads 2

Prints one JSON object: {"torch": version, "threads": n, "params": count,
"step_ms": [per-iteration times], "forward_ms": [...]}.
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def identity_init(conv: nn.Conv2d) -> None:
    """Scale fresh weights by 1e-2 and add 1 at [out=i, in=i mod C_in, centre] (docs/method.md §2.1)."""
    with torch.no_grad():
        conv.weight.mul_(1e-2)
        c_out, c_in, kh, kw = conv.weight.shape
        for i in range(c_out):
            conv.weight[i, i % c_in, kh // 2, kw // 2] += 1.0


class ChannelLayerNorm(nn.Module):
    """Standardise over channels only, unbiased variance, eps 1e-5, no affine."""

    def forward(self, x):
        var, mean = torch.var_mean(x, dim=1, keepdim=True)  # unbiased by default
        return (x - mean) / torch.sqrt(var + 1e-5)


class SelfAttention(nn.Module):
    def __init__(self, channels: int, heads: int):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(channels, 3 * channels)
        self.out = nn.Linear(channels, channels)

    def forward(self, x):
        b, c, h, w = x.shape
        t = x.flatten(2).transpose(1, 2)  # B, N, C
        q, k, v = self.qkv(t).chunk(3, dim=-1)
        split = lambda u: u.reshape(b, -1, self.heads, c // self.heads).transpose(1, 2)
        q, k, v = split(q), split(k), split(v)
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(c // self.heads), dim=-1)
        y = (att @ v).transpose(1, 2).reshape(b, -1, c)
        return self.out(y).transpose(1, 2).reshape(b, c, h, w)


class ResBlock(nn.Module):
    def __init__(self, channels: int, heads: int, dropout: float):
        super().__init__()
        self.norm = ChannelLayerNorm()
        self.attn = SelfAttention(channels, heads) if heads else None
        k = 1 if heads else 3
        self.conv1 = nn.Conv2d(channels, channels, k, padding=k // 2)
        self.conv2 = nn.Conv2d(channels, channels, k, padding=k // 2)
        self.drop = nn.Dropout(dropout)
        with torch.no_grad():
            self.conv2.weight.mul_(1e-2)

    def forward(self, x):
        y = self.norm(x)
        if self.attn is not None:
            y = y + self.attn(y)
        y = self.conv2(self.drop(F.silu(self.conv1(y))))
        return x + y


class DCAE(nn.Module):
    def __init__(self, pix, lat, hid, blocks, heads, dropout):
        super().__init__()
        enc = [nn.Conv2d(pix, hid[0], 3, padding=1)]
        for i, c in enumerate(hid):
            if i > 0:
                down = nn.Conv2d(4 * hid[i - 1], c, 3, padding=1)
                identity_init(down)
                enc += [nn.PixelUnshuffle(2), down]
            enc += [ResBlock(c, heads.get(i, 0), dropout) for _ in range(blocks[i])]
        enc_out = nn.Conv2d(hid[-1], lat, 3, padding=1)
        identity_init(enc_out)
        enc.append(enc_out)
        self.encoder = nn.Sequential(*enc)
        dec_in = nn.Conv2d(lat, hid[-1], 3, padding=1)
        identity_init(dec_in)
        dec = [dec_in]
        for i in reversed(range(len(hid))):
            dec += [ResBlock(hid[i], heads.get(i, 0), dropout) for _ in range(blocks[i])]
            if i > 0:
                up = nn.Conv2d(hid[i], 4 * hid[i - 1], 3, padding=1)
                identity_init(up)
                dec += [up, nn.PixelShuffle(2)]
            else:
                dec.append(nn.Conv2d(hid[0], pix, 3, padding=1))
        self.decoder = nn.Sequential(*dec)

    def forward(self, x):
        z = self.encoder(x)
        z = z / torch.sqrt(1 + (z / 5) ** 2)  # softclip2
        return self.decoder(z)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--pix", type=int, required=True)
    p.add_argument("--res", type=int, required=True)
    p.add_argument("--hid", required=True)
    p.add_argument("--blocks", required=True)
    p.add_argument("--lat", type=int, required=True)
    p.add_argument("--heads", default="", help="level:heads,...")
    p.add_argument("--dropout", type=float, default=0.0)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--iters", type=int, default=5)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--lr", type=float, default=1e-3)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    hid = [int(v) for v in a.hid.split(",")]
    blocks = [int(v) for v in a.blocks.split(",")]
    heads = {int(k): int(v) for k, v in (kv.split(":") for kv in a.heads.split(",") if kv)}
    model = DCAE(a.pix, a.lat, hid, blocks, heads, a.dropout)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    x = torch.randn(a.batch, a.pix, a.res, a.res)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = (model(x) - x).abs().mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()

    for _ in range(a.warmup):
        step()
    times = []
    for _ in range(a.iters):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    fwd = []
    with torch.no_grad():
        model.eval()
        for _ in range(a.iters):
            t0 = time.perf_counter()
            model(x)
            fwd.append((time.perf_counter() - t0) * 1e3)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "params": sum(p.numel() for p in model.parameters()),
        "step_ms": times,
        "forward_ms": fwd,
    }))


if __name__ == "__main__":
    main()
