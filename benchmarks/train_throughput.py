#!/usr/bin/env python3
"""Training throughput of tqt-train against PyTorch (Debian's python3-torch,
CPU) on the same network, batch and fake-quant training step, in one run.

Networks (--network):
- small: test/Integration/Inputs/gen_train_net.py's CNN (conv 3x3 stride 2 +
  bias, ReLU, 2x2 max pool, fully connected), quantized by
  --tqt-insert-quantizers (9 quantizers on 7 thresholds: input, conv weight,
  conv accumulator and bias, ReLU output, FC weight, FC accumulator and bias,
  output);
- mobilenet: the demo's model (examples/fashion_mnist), batch norm folded,
  43 quantizers on 33 thresholds; PyTorch runs the folded network with the
  same quantizers in the same places (weight 8-bit, accumulator and bias
  16-bit on one threshold, ReLU6 output 8-bit unsigned; input; average
  pooling's reciprocal and floored output; classifier weight, accumulator
  and bias, output).
The benchmark stops if the PyTorch network's quantizer count differs from the
simulation graph's.
PyTorch's quantizer is a custom autograd function with the TQT forward and
gradients (tqt-method 2); the step is softmax cross-entropy and Adam on the
weights and log2 thresholds, as tqt-train's.

  train_throughput.py [--network small|mobilenet] [--build DIR] [--steps N]
                      [--batch B ...] [--threads T ...]

Each thread count T runs tqt-train --threads T and PyTorch with T threads.
Prints images/s for each and the ratio tqt-train / PyTorch. Requires
Fashion-MNIST (Debian's dataset-fashion-mnist).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
from tqt_mlir.data import fashion_mnist  # noqa: E402


class TQTQuant(torch.autograd.Function):
    """clip(R(x / s), n, p) * s, s = 2^ceil(t) / 2^(bits - signed), R half to
    even (the tqt default) or floor."""

    @staticmethod
    def forward(ctx, x, log2_t, bits, signed, floor=False):
        s = torch.pow(2.0, torch.ceil(log2_t)) / 2.0 ** (bits - int(signed))
        n, p = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2 ** bits - 1)
        v = x / s
        r = torch.floor(v) if floor else torch.round(v)
        ctx.save_for_backward(v, r, s)
        ctx.np = (n, p)
        return torch.clamp(r, n, p) * s

    @staticmethod
    def backward(ctx, g):
        v, r, s = ctx.saved_tensors
        n, p = ctx.np
        inside = (r >= n) & (r <= p)
        below = r < n
        dq_ds = torch.where(inside, r - v, torch.where(below, torch.full_like(v, n), torch.full_like(v, p)))
        dt = (g * dq_ds).sum() * s * np.log(2.0)
        return g * inside, dt.reshape(()), None, None, None


def q(x, t, bits=8, signed=True, floor=False):
    return TQTQuant.apply(x, t, bits, signed, floor)


# Both PyTorch networks have a quantizer exactly where --tqt-insert-quantizers
# puts one (docs/Pipeline.md), and the same thresholds shared: per conv or
# FC layer the weight (8-bit), the accumulator (16-bit) and the bias (16-bit,
# on the accumulator's threshold) before the bias add, and the output after
# the activation (8-bit, unsigned after ReLU/ReLU6, none after a hidden add).
# count_quantizers() checks the count against the simulation graph.


class Net(torch.nn.Module):
    """gen_train_net.py's CNN: 9 quantizers, 7 thresholds."""

    def __init__(self):
        super().__init__()
        self.w1 = torch.nn.Parameter(torch.randn(8, 1, 3, 3) * 0.5)
        self.b1 = torch.nn.Parameter(torch.zeros(8))
        self.w2 = torch.nn.Parameter(torch.randn(10, 392) * 0.05)
        self.b2 = torch.nn.Parameter(torch.zeros(10))
        self.t = torch.nn.Parameter(torch.tensor([0.0, 0.0, 2.0, 1.0, -1.0, 3.0, 3.0]))
        self.quantizers = 9

    def forward(self, x):
        t = self.t
        x = q(x, t[0])
        c = F.conv2d(F.pad(x, (0, 1, 0, 1)), q(self.w1, t[1]), None, stride=2)
        c = q(c, t[2], 16) + q(self.b1, t[2], 16).view(1, -1, 1, 1)
        r = q(torch.relu(c), t[3], 8, False)
        p = F.max_pool2d(r, 2)
        y = F.linear(p.flatten(1), q(self.w2, t[4]))
        y = q(y, t[5], 16) + q(self.b2, t[5], 16)
        return q(y, t[6])


class QuantMobileNet(torch.nn.Module):
    """examples/fashion_mnist/mobilenet.py with batch norm folded: 43
    quantizers, 33 thresholds, as --tqt-insert-quantizers places them
    (average pooling as window sums times a quantized reciprocal, floored)."""

    def __init__(self):
        super().__init__()
        sys.path.insert(0, os.path.join(ROOT, "examples", "fashion_mnist"))
        from mobilenet import MobileNetV1Tiny
        ref = MobileNetV1Tiny()
        self.convs = []
        mods = list(ref.features)
        self.w, self.b = torch.nn.ParameterList(), torch.nn.ParameterList()
        for i in range(0, len(mods), 3):
            conv = mods[i]
            self.convs.append((conv.stride, conv.padding, conv.groups))
            self.w.append(torch.nn.Parameter(conv.weight.detach().clone()))
            self.b.append(torch.nn.Parameter(torch.zeros(conv.out_channels)))
        self.fc_w = torch.nn.Parameter(ref.classifier.weight.detach().clone())
        self.fc_b = torch.nn.Parameter(ref.classifier.bias.detach().clone())
        n = len(self.convs)
        # input; per conv weight, accumulator, output; reciprocal, pooled;
        # FC weight, accumulator, output.
        self.t = torch.nn.Parameter(torch.cat([torch.zeros(1), torch.tensor([0.0, 3.0, 2.0] * n),
                                               torch.tensor([-4.0, 2.0, 0.0, 3.0, 3.0])]))
        self.quantizers = 1 + 4 * n + 2 + 4

    def forward(self, x):
        t = self.t
        x = q(x, t[0])
        for i, (stride, pad, groups) in enumerate(self.convs):
            tw, ta, to = t[1 + 3 * i: 4 + 3 * i]
            y = F.conv2d(x, q(self.w[i], tw), None, stride, pad, groups=groups)
            y = q(y, ta, 16) + q(self.b[i], ta, 16).view(1, -1, 1, 1)
            x = q(torch.clamp(y, 0, 6), to, 8, False)
        k = 1 + 3 * len(self.convs)
        window = x.shape[2] * x.shape[3]
        sums = x.sum((2, 3))
        recip = q(torch.full((), 1.0 / window), t[k], 8, False)
        p = q(sums * recip, t[k + 1], 8, False, floor=True)
        y = F.linear(p, q(self.fc_w, t[k + 2]))
        y = q(y, t[k + 3], 16) + q(self.fc_b, t[k + 3], 16)
        return q(y, t[k + 4])


def torch_images_per_second(network, images, labels, batch, steps, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = Net() if network == "small" else QuantMobileNet()
    opt_w = torch.optim.Adam([p for n, p in net.named_parameters() if n != "t"], lr=1e-6)
    opt_t = torch.optim.Adam([net.t], lr=1e-2)
    x = torch.tensor(images).permute(0, 3, 1, 2).contiguous()
    y = torch.tensor(labels, dtype=torch.long)
    n = x.shape[0]
    order = torch.randperm(n)

    def step(i):
        idx = order[(i * batch) % (n - batch):][:batch]
        opt_w.zero_grad()
        opt_t.zero_grad()
        loss = F.cross_entropy(net(x[idx]), y[idx])
        loss.backward()
        opt_w.step()
        opt_t.step()
    for i in range(10):  # warm-up
        step(i)
    start = time.perf_counter()
    for i in range(steps):
        step(i)
    return steps * batch / (time.perf_counter() - start)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--network", choices=["small", "mobilenet"], default="small")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--batch", type=int, nargs="+", default=[24, 64])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, os.cpu_count()])
    args = ap.parse_args()
    bin_dir = os.path.join(args.build, "bin")
    images, labels = fashion_mnist("train")

    with tempfile.TemporaryDirectory() as tmp:
        net = os.path.join(tmp, "net.mlir")
        if args.network == "small":
            subprocess.run([sys.executable, os.path.join(ROOT, "test/Integration/Inputs/gen_train_net.py"), net],
                           check=True)
        else:
            subprocess.run([os.path.join(bin_dir, "tqt-opt"), os.path.join(ROOT, "examples/fashion_mnist/model.mlir"),
                            "--tqt-prepare", "-o", net], check=True)
        subprocess.run([os.path.join(bin_dir, "tqt-opt"), net, "--tqt-insert-quantizers",
                        "-o", os.path.join(tmp, "sim.mlir")], check=True)
        ours = open(os.path.join(tmp, "sim.mlir")).read().count("tqt.fake_quant ")
        theirs = (Net() if args.network == "small" else QuantMobileNet()).quantizers
        print(f"quantizers: tqt {ours}, PyTorch {theirs}")
        if ours != theirs:
            sys.exit("train_throughput: the PyTorch network does not mirror the quantizer placement")
        subprocess.run([os.path.join(bin_dir, "tqt-calibrate"), os.path.join(tmp, "sim.mlir"),
                        "--dataset", "fashion-mnist", "--mode", "retrain", "--quiet",
                        "-o", os.path.join(tmp, "cal.mlir")], check=True)
        print(f"{'batch':>5} " + " ".join(
            f"{'tqt ' + str(t) + ' thr img/s':>16} {'torch ' + str(t) + ' thr img/s':>18} {'ratio':>6}"
            for t in args.threads))
        for batch in args.batch:
            row = f"{batch:>5} "
            for t in args.threads:
                out = subprocess.run([os.path.join(bin_dir, "tqt-train"), os.path.join(tmp, "cal.mlir"),
                                      "--dataset", "fashion-mnist", "--steps", str(args.steps),
                                      "--batch-size", str(batch), "--val-samples", "100",
                                      "--freeze-thresholds=none", "--quiet", "--threads", str(t),
                                      "-o", os.path.join(tmp, "trained.mlir")],
                                     check=True, capture_output=True, text=True).stdout
                ours = float(re.search(r"images/s: ([0-9.]+)", out).group(1))
                theirs = torch_images_per_second(args.network, images, labels, batch, args.steps, t)
                row += f"{ours:>16.0f} {theirs:>18.0f} {ours / theirs:>6.2f} "
            print(row, flush=True)

if __name__ == "__main__":
    main()
