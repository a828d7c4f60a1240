#!/usr/bin/env python3
"""The hot layers of CNNs, int8 and fp32, ours against PyTorch 1.13 with
oneDNN in the same run (issue 10's table; anchors.md).

Each layer is a PyTorch module (conv/depthwise/linear + ReLU) exported with
tqt_mlir.export, then taken through the static flow (--tqt-prepare,
--tqt-insert-quantizers, tqt-calibrate on random inputs, --tqt-legalize-pow2,
--tqt-fuse-integer=integer-io=true) to the integer-only program with integer
inputs and results (codes in, codes out, like the anchor's quantized tensors;
random codes of the input grid); both it and the float model
are JIT-compiled by tqt-run and timed with --repeat (compilation excluded);
the int8 program with the int8 micro-kernels tqt-run picks for this CPU
(--kernels, printed per layer; --naive also times the reference loops).
The anchors, with as many threads as ours (--threads, default 1): the int8 module quantized with PyTorch's eager
static quantization on the `onednn` engine (conv+ReLU fused, channels_last),
timed on a quantized input; fp32 through oneDNN (torch.utils.mkldnn).
GOPS = 2 * multiply-accumulates / time; best of --reps runs of --iters calls.

  layers.py [--build DIR] [--layers conv3x3,...] [--iters N] [--reps R]
            [--kernels auto|none|avx2|avx-vnni|avx512-vnni] [--naive]
            [--threads N]
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
import torch.nn as nn
import torch.utils.mkldnn

THREADS = 1  # --threads
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
from tqt_mlir.export import export  # noqa: E402

# name: (module factory, input (N, C, H, W), multiply-accumulates)
LAYERS = {
    "conv3x3": (lambda: nn.Sequential(nn.Conv2d(64, 64, 3, padding=1), nn.ReLU()),
                (1, 64, 56, 56), 56 * 56 * 64 * 64 * 9),
    "conv3x3-s2": (lambda: nn.Sequential(nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.ReLU()),
                   (1, 64, 56, 56), 28 * 28 * 128 * 64 * 9),
    "conv1x1": (lambda: nn.Sequential(nn.Conv2d(128, 256, 1), nn.ReLU()),
                (1, 128, 28, 28), 28 * 28 * 256 * 128),
    "conv1x1-bigK": (lambda: nn.Sequential(nn.Conv2d(1024, 256, 1), nn.ReLU()),
                     (1, 1024, 14, 14), 14 * 14 * 256 * 1024),
    "depthwise3x3": (lambda: nn.Sequential(nn.Conv2d(128, 128, 3, padding=1, groups=128), nn.ReLU()),
                     (1, 128, 56, 56), 56 * 56 * 128 * 9),
    "fc": (lambda: nn.Sequential(nn.Flatten(), nn.Linear(1024, 1024), nn.ReLU()),
           (256, 1024, 1, 1), 256 * 1024 * 1024),
}


def cpu_flags():
    flags = set()
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                break
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    isa = [f for f in ("avx512_vnni", "avx_vnni", "avx512bw", "avx2", "fma") if f in flags]
    return model, isa


def best_seconds(fn, iters, reps):
    fn()
    best = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        for _ in range(iters):
            fn()
        best = min(best, (time.perf_counter() - t) / iters)
    return best


def torch_int8(module, x, iters, reps):
    """The layer + ReLU quantized by PyTorch's eager static quantization on
    the onednn engine, timed on a quantized (uint8) channels_last input."""
    torch.backends.quantized.engine = "onednn"
    m = module.eval()
    k = len(m) - 2  # the layer, followed by its ReLU
    fused = torch.ao.quantization.fuse_modules(m, [[str(k), str(k + 1)]])
    fused.qconfig = torch.ao.quantization.get_default_qconfig("onednn")
    prepared = torch.ao.quantization.prepare(fused)
    inp = x.flatten(1) if isinstance(m[0], nn.Flatten) else x.contiguous(memory_format=torch.channels_last)
    with torch.no_grad():
        prepared(x)
        layer = torch.ao.quantization.convert(prepared)[k]
        xq = torch.quantize_per_tensor(inp, 1.0 / 255, 0, torch.quint8)
        return best_seconds(lambda: layer(xq), iters, reps)


def torch_fp32(module, x, iters, reps):
    m = torch.utils.mkldnn.to_mkldnn(module.eval())
    if isinstance(module[0], nn.Flatten):
        m = torch.utils.mkldnn.to_mkldnn(nn.Sequential(*list(module.eval())[1:]))
        x = x.flatten(1)
    xm = x.to_mkldnn()
    with torch.no_grad():
        return best_seconds(lambda: m(xm), iters, reps)


def ours(bin_dir, tmp, name, module, x, iters, reps, kernels, naive):
    """(int8 seconds, kernel variant, naive int8 seconds or None, fp32
    seconds) per call: the int8 program as a native executable, the
    reference loops and fp32 through tqt-run --repeat."""
    net = os.path.join(tmp, f"{name}.mlir")
    with open(net, "w") as f:
        f.write(export(module, tuple(x.shape[1:])))
    xin = os.path.join(tmp, f"{name}.npy")
    np.save(xin, x.permute(0, 2, 3, 1).contiguous().numpy())
    run = lambda *a: subprocess.run([os.path.join(bin_dir, a[0])] + [str(v) for v in a[1:]], check=True,
                                    capture_output=True, text=True)
    prep = os.path.join(tmp, f"{name}.prep.mlir")
    run("tqt-opt", net, "--tqt-prepare", "-o", prep)
    sim = os.path.join(tmp, f"{name}.sim.mlir")
    run("tqt-opt", prep, "--tqt-insert-quantizers", "-o", sim)
    cal = os.path.join(tmp, f"{name}.cal.mlir")
    run("tqt-calibrate", sim, "--data", xin, "--samples", x.shape[0], "--quiet", "-o", cal)
    fused = os.path.join(tmp, f"{name}.int.mlir")
    run("tqt-opt", cal, "--tqt-legalize-pow2", "--tqt-fuse-integer=integer-io=true", "-o", fused)

    def timed(model, kernels="auto", iters=iters):
        best = float("inf")
        inputs = ["-i", xin] if model == prep else ["--random-inputs", "--dynamic-size", x.shape[0]]
        for _ in range(reps):
            r = run("tqt-run", model, *inputs, "--warmup", 1, "--repeat", iters, "--kernels", kernels,
                    "--threads", THREADS)
            m = re.search(r"\(([0-9.]+) ms/call; kernels: ([a-z0-9-]+)\)", r.stderr)
            best = min(best, float(m.group(1)) / 1e3)
        return best, m.group(2)
    # The int8 program as a native executable (what a user deploys; tqt-run
    # adds per-call copies of inputs and results), on random codes of its
    # input grid that tqt-run writes; tqt-run also says which kernels the
    # same selection picks. Like the anchors (best_seconds), each timed run
    # starts after one untimed call (--warmup 1: page faults, cold caches).
    codes = os.path.join(tmp, f"{name}.codes")
    r = run("tqt-run", fused, "--random-inputs", "--dynamic-size", x.shape[0], "--dump-inputs", codes,
            "--repeat", 2, "--kernels", kernels, "--threads", THREADS)
    variant = re.search(r"kernels: ([a-z0-9-]+)\)", r.stderr).group(1)
    exe = os.path.join(tmp, f"{name}.exe")
    run("tqt-compile", fused, "--emit=exe", "--kernels", kernels, "--threads", THREADS, "-o", exe)
    i8 = float("inf")
    for _ in range(reps):
        r = subprocess.run([exe, "--warmup", "1", "--repeat", str(iters * 20), "-o", os.path.join(tmp, "out"),
                            os.path.join(codes, "input0.npy")], check=True, capture_output=True, text=True)
        i8 = min(i8, float(re.search(r"([0-9.]+) ms/call", r.stderr).group(1)) / 1e3)
    slow = timed(fused, "none", max(2, iters // 5))[0] if naive else None
    return i8, variant, slow, timed(prep)[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--layers", default=",".join(LAYERS))
    ap.add_argument("--iters", type=int, default=5)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--kernels", default="auto", help="tqt-run --kernels for the int8 program")
    ap.add_argument("--threads", type=int, default=1,
                    help="threads of our compiled code (tqt-run/tqt-compile --threads) and of PyTorch")
    ap.add_argument("--naive", action="store_true", help="also time the int8 reference loops")
    args = ap.parse_args()
    global THREADS
    THREADS = args.threads
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model, isa = cpu_flags()
    print(f"machine: {model}; ISA: {' '.join(isa)}; {args.threads} thread(s), ours and PyTorch")
    print(f"{'layer':<14}{'ours int8':>10}{'onednn i8':>10}{'ratio':>8}{'ours fp32':>10}{'onednn f32':>11}"
          f"{'ratio':>8}{'i8/f32 ours':>12}  {'kernels':<12}" + (f"{'naive i8':>9}" if args.naive else "")
          + "   (GOPS)")
    bin_dir = os.path.join(args.build, "bin")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.layers.split(","):
            factory, shape, macs = LAYERS[name]
            module = factory().eval()
            x = torch.rand(shape)
            oi8, variant, naive, of32 = ours(bin_dir, tmp, name, module, x, args.iters, args.reps,
                                             args.kernels, args.naive)
            ti8 = torch_int8(factory().eval(), x, args.iters * 4, args.reps)
            tf32 = torch_fp32(module, x, args.iters * 4, args.reps)
            g = lambda s: 2 * macs / s / 1e9
            print(f"{name:<14}{g(oi8):>10.2f}{g(ti8):>10.1f}{ti8 / oi8:>8.4f}{g(of32):>10.2f}{g(tf32):>11.1f}"
                  f"{tf32 / of32:>8.4f}{of32 / oi8:>12.2f}  {variant:<12}"
                  + (f"{g(naive):>9.2f}" if naive else ""), flush=True)


if __name__ == "__main__":
    main()
