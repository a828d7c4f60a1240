#!/usr/bin/env python3
"""Whole networks end to end (issue 10): torchvision models with random
weights at 224x224, batch 1, and the demo's model (`demo`:
examples/fashion_mnist/mobilenet.py, random weights, 28x28x1, batch
--demo-batch, default 100 as the demo's latency report), as native
executables; --threads (default 1) for ours and PyTorch alike.

Each model is exported with tqt_mlir.export, taken through the static flow
(--tqt-prepare, --tqt-insert-quantizers, tqt-calibrate on --calibration
random images, --tqt-legalize-pow2, --tqt-fuse-integer) and compiled by
tqt-compile --emit=exe (INT8 with the kernels the CPU gets; FP32 from the
prepared float model). It checks that the INT8 executable's logits equal the
simulation graph's bit for bit on another random image, then times, in the
same run: ours INT8, ours FP32, PyTorch 1.13 int8 on the onednn engine
(torchvision.models.quantization, fused, channels_last) and PyTorch fp32
through oneDNN (torch.utils.mkldnn). A model the front end cannot take yet is
reported as such. The FP32 executable and calibration run the f32 kernels
(docs/Performance.md).

  models.py [--build DIR] [--models resnet18,mobilenet_v2,demo] [--iters N]
            [--calibration N] [--threads N] [--demo-batch N]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.utils.mkldnn
import torchvision

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
from tqt_mlir.export import ExportError, export  # noqa: E402
from layers import best_seconds, cpu_flags  # noqa: E402


def network(name):
    """A fresh float module of `name` and its input (C, H, W)."""
    if name == "demo":
        sys.path.insert(0, os.path.join(ROOT, "examples", "fashion_mnist"))
        from mobilenet import MobileNetV1Tiny
        return MobileNetV1Tiny().eval(), (1, 28, 28)
    return getattr(torchvision.models, name)().eval(), (3, 224, 224)


def torch_times(name, x, iters):
    """(int8 s or None, fp32 s, fp32 anchor name): PyTorch int8 on onednn
    where torchvision.models.quantization has the model; fp32 through
    torch.utils.mkldnn, or PyTorch's own CPU path (oneDNN convolutions too)
    where mkldnn tensors lack an op (MobileNetV2's hardtanh_)."""
    m = network(name)[0]
    with torch.no_grad():
        try:
            mk = torch.utils.mkldnn.to_mkldnn(m)
            xm = x.to_mkldnn()
            f32 = best_seconds(lambda: mk(xm), iters, 3)
            f32_anchor = "mkldnn"
        except (NotImplementedError, RuntimeError):
            # to_mkldnn converted m's parameters: a fresh copy.
            xc = x.contiguous(memory_format=torch.channels_last)
            mc = network(name)[0].to(memory_format=torch.channels_last)
            f32 = best_seconds(lambda: mc(xc), iters, 3)
            f32_anchor = "cpu, channels_last"
    if not hasattr(torchvision.models.quantization, name):
        return None, f32, f32_anchor
    torch.backends.quantized.engine = "onednn"
    q = getattr(torchvision.models.quantization, name)(quantize=False).eval()
    q.fuse_model()
    q.qconfig = torch.ao.quantization.get_default_qconfig("onednn")
    torch.ao.quantization.prepare(q, inplace=True)
    with torch.no_grad():
        q(torch.rand(2, 3, 224, 224))
    torch.ao.quantization.convert(q, inplace=True)
    xc = x.contiguous(memory_format=torch.channels_last)
    with torch.no_grad():
        i8 = best_seconds(lambda: q(xc), iters, 3)
    return i8, f32, f32_anchor


def ours(bin_dir, tmp, name, x, calibration, iters, threads):
    """(int8 s, fp32 s, bit-exact) or a string saying why not."""
    m, chw = network(name)
    try:
        text = export(m, chw)
    except ExportError as e:
        return f"front end: {e}"
    p = lambda f: os.path.join(tmp, f"{name}.{f}")
    open(p("mlir"), "w").write(text)
    run = lambda *a: subprocess.run([os.path.join(bin_dir, a[0])] + [str(v) for v in a[1:]],
                                    capture_output=True, text=True)
    rng = np.random.default_rng(0)
    hwc = (chw[1], chw[2], chw[0])
    np.save(p("cal.npy"), rng.random((calibration,) + hwc, dtype=np.float32))
    np.save(p("x.npy"), x.permute(0, 2, 3, 1).contiguous().numpy())
    steps = [("tqt-opt", p("mlir"), "--tqt-prepare", "-o", p("prep.mlir")),
             ("tqt-opt", p("prep.mlir"), "--tqt-insert-quantizers", "-o", p("sim.mlir")),
             ("tqt-calibrate", p("sim.mlir"), "--data", p("cal.npy"), "--quiet", "-o", p("cal.mlir")),
             ("tqt-opt", p("cal.mlir"), "--tqt-legalize-pow2", "-o", p("legal.mlir")),
             ("tqt-opt", p("legal.mlir"), "--tqt-fuse-integer", "-o", p("int.mlir")),
             ("tqt-compile", p("int.mlir"), "--emit=exe", "--threads", threads, "-o", p("int8")),
             ("tqt-compile", p("prep.mlir"), "--emit=exe", "--threads", threads, "-o", p("fp32")),
             ("tqt-run", p("legal.mlir"), "-i", p("x.npy"), "--output-dir", p("sim"))]
    for step in steps:
        r = run(*step)
        if r.returncode != 0:
            first = (r.stderr.strip().splitlines() or ["?"])[0]
            return f"{step[0]} {step[2] if step[0] == 'tqt-opt' else ''}: {first[:200]}"
    subprocess.run([p("int8"), "-o", p("aot"), p("x.npy")], check=True, capture_output=True)
    exact = np.array_equal(np.load(p("aot/result0.npy")).view(np.uint32),
                           np.load(p("sim/result0.npy")).view(np.uint32))

    # As the anchors (best_seconds): one untimed call (the first pays the
    # page faults of the weights and buffers), then the best of 3 runs.
    def timed(exe, n):
        r = subprocess.run([exe, "--warmup", "1", "--repeat", str(n), "-o", p("lat"), p("x.npy")],
                           check=True, capture_output=True, text=True)
        return float(re.search(r"([0-9.]+) ms/call", r.stderr).group(1)) / 1e3
    i8 = min(timed(p("int8"), iters) for _ in range(3))
    f32 = min(timed(p("fp32"), iters) for _ in range(3))
    return i8, f32, exact


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--models", default="resnet18,mobilenet_v2")
    ap.add_argument("--iters", type=int, default=10)
    ap.add_argument("--calibration", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1,
                    help="threads of our executables (tqt-compile --threads) and of PyTorch")
    ap.add_argument("--demo-batch", type=int, default=100, help="batch of the demo's model")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model, isa = cpu_flags()
    print(f"machine: {model}; ISA: {' '.join(isa)}; {args.threads} thread(s); torchvision models batch 1, "
          f"224x224; demo batch {args.demo_batch}, 28x28x1")
    bin_dir = os.path.join(args.build, "bin")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.models.split(","):
            chw = network(name)[1]
            x = torch.rand((args.demo_batch if name == "demo" else 1,) + chw)
            r = ours(bin_dir, tmp, name, x, args.calibration, args.iters, args.threads)
            if isinstance(r, str):
                print(f"{name}: not through the flow yet ({r})", flush=True)
                continue
            i8, f32, exact = r
            print(f"{name}: ours INT8 {i8 * 1e3:.3g} ms ({'bit-exact' if exact else 'NOT bit-exact'} with the "
                  f"simulation), ours FP32 {f32 * 1e3:.3g} ms, INT8/FP32 {i8 / f32:.3f}", flush=True)
            ti8, tf32, f32_anchor = torch_times(name, x, args.iters)
            anchor = (f"PyTorch int8 (onednn) {ti8 * 1e3:.1f} ms (ours/PyTorch speed {ti8 / i8:.2f}x)"
                      if ti8 else "no PyTorch int8 model in torchvision.models.quantization")
            print(f"{name}: {anchor}, PyTorch fp32 ({f32_anchor}) {tf32 * 1e3:.3g} ms (ours/PyTorch fp32 speed "
                  f"{tf32 / f32:.2f}x)", flush=True)


if __name__ == "__main__":
    main()
