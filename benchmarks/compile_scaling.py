#!/usr/bin/env python3
"""Compile time and peak memory against network depth (issue 11): a chain of
N conv 3x3 (16 channels, 32x32, padding 1) + ReLU layers, exported with
tqt_mlir.export, through the static flow to a native INT8 executable, and
the float model to a native FP32 executable. For each N, the wall time and
peak resident memory of every step (GNU time), and their totals.

  compile_scaling.py [--build DIR] [--layers 10 100 1000] [--threads N]

--threads is tqt-calibrate's and the executables' (tqt-compile --threads);
the compilers themselves run on one core.
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
from tqt_mlir.export import export  # noqa: E402


def chain(n):
    torch.manual_seed(0)
    layers = []
    for i in range(n):
        layers += [nn.Conv2d(3 if i == 0 else 16, 16, 3, padding=1), nn.ReLU()]
    return nn.Sequential(*layers).eval()


def timed(cmd):
    """(seconds, peak MiB) of one command, through GNU time."""
    r = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + [str(c) for c in cmd],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"compile_scaling: {' '.join(map(str, cmd[:2]))} failed:\n{r.stderr[-2000:]}")
    seconds, kib = r.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--layers", type=int, nargs="+", default=[10, 100, 1000])
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    b = lambda t: os.path.join(args.build, "bin", t)
    print(f"{'N':>5} {'step':<34} {'s':>8} {'MiB':>8}")
    for n in args.layers:
        with tempfile.TemporaryDirectory() as tmp:
            p = lambda f: os.path.join(tmp, f)
            open(p("net.mlir"), "w").write(export(chain(n), (3, 32, 32)))
            np.save(p("cal.npy"), np.random.default_rng(0).random((2, 32, 32, 3), dtype=np.float32))
            steps = [
                ("prepare + insert-quantizers", [b("tqt-opt"), p("net.mlir"), "--tqt-prepare", "-o", p("prep.mlir")]),
                ("", [b("tqt-opt"), p("prep.mlir"), "--tqt-insert-quantizers", "-o", p("sim.mlir")]),
                ("calibrate (2 images)", [b("tqt-calibrate"), p("sim.mlir"), "--data", p("cal.npy"), "--quiet",
                                          "--threads", args.threads, "-o", p("cal.mlir")]),
                ("legalize + fuse", [b("tqt-opt"), p("cal.mlir"), "--tqt-legalize-pow2", "--tqt-fuse-integer",
                                     "-o", p("int.mlir")]),
                ("tqt-compile INT8 exe", [b("tqt-compile"), p("int.mlir"), "--emit=exe", "--threads", args.threads,
                                          "-o", p("int8")]),
                ("tqt-compile FP32 exe", [b("tqt-compile"), p("prep.mlir"), "--emit=exe", "--threads", args.threads,
                                          "-o", p("fp32")]),
            ]
            total, peak, merged = 0.0, 0.0, None
            for name, cmd in steps:
                s, mib = timed(cmd)
                total += s
                peak = max(peak, mib)
                if not name:  # merged into the previous line
                    merged = (merged[0], merged[1] + s, max(merged[2], mib))
                    print(f"{n:>5} {merged[0]:<34} {merged[1]:>8.2f} {merged[2]:>8.0f}", flush=True)
                    continue
                if name.startswith("prepare"):
                    merged = (name, s, mib)
                    continue
                print(f"{n:>5} {name:<34} {s:>8.2f} {mib:>8.0f}", flush=True)
            size = os.path.getsize(p("int8")) / 2**20
            print(f"{n:>5} {'total (INT8 exe ' + f'{size:.1f} MiB)':<34} {total:>8.2f} {peak:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
