#!/usr/bin/env python3
"""Runs the static flow on a float network for one rounding mode and checks
that the integer-only program equals the simulation graph bit for bit, layer
by layer (tqt-run --compare-layers), on inputs other than the calibration
data.

  flow.py WORK_DIR NET.mlir X.npy ROUNDING [--prepare] [--insert=OPTIONS]

OPTIONS are extra --tqt-insert-quantizers options ("layer-bits=0 ...").
X.npy calibrates. The comparisons run on edges.npy: 1024 samples made here,
256 each of
  - held-out data: uniform over X's range, from another generator;
  - ties: dyadic values m * 2^-10 over the same range, so that rounding ties
    are frequent at every quantizer;
  - saturating data: the held-out samples times 16;
  - tiny data: the held-out samples / 64 (codes near zero);
and a second calibration on X / 16 (a small-magnitude subset; the input
quantizers keep their full-range thresholds) is compared on the same inputs,
so that the thresholds after the input are too small and the layers
saturate.

prints, for FileCheck:
  <rounding>: legalized == simulation: yes
  <rounding>: fused == simulation: yes
  <rounding>: layers on edge inputs: bit-exact (N quantizers, M codes, K saturate)
  <rounding>: layers calibrated small: bit-exact (N quantizers, M codes, K saturate)
  <rounding>: integer-only check: 0 float ops in N lines
and exits 1 when any check fails.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
INPUT_GLOBAL = re.compile(r"ml_program\.global private mutable (@q\.input\w*)\(dense<[^>]*>")
sys.path.insert(0, HERE)
from gen_small_net import lcg  # noqa: E402
from npytool import read_f32_shape, write  # noqa: E402


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)


def same(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def edge_inputs(x_path, out_path, static_batch):
    """The four kinds of inputs, 256 samples each, or as many samples as X
    in all when the model's batch is static."""
    shape, values = read_f32_shape(x_path)
    samples = (shape[0] + 3) // 4 if static_batch else 256
    per = len(values) // shape[0]
    lo, hi = min(values), max(values)
    g = lcg(2024)
    held = [lo + next(g) * (hi - lo) for _ in range(samples * per)]
    ties = [round((lo + next(g) * (hi - lo)) * 1024) / 1024 for _ in range(samples * per)]
    big = [v * 16 for v in held]
    tiny = [v / 64 for v in held]
    data = held + ties + big + tiny
    total = shape[0] if static_batch else 4 * samples
    write(out_path, "f32", data[:total * per], (total,) + tuple(shape[1:]))


def compare(model, inputs, label, rounding, integer=None):
    cmd = ["tqt-run", model, "--compare-layers", "-i", inputs]
    if integer:
        cmd += ["--integer", integer]
    r = subprocess.run(cmd, capture_output=True, text=True)
    m = re.search(r"bit-exact: (\d+) quantizers \(\d+ with codes of their own\), "
                  r"(\d+) codes compared, results equal; (\d+) quantizers saturate", r.stdout)
    if r.returncode != 0 or not m:
        print(f"{rounding}: layers {label}: NOT bit-exact")
        print(r.stdout + r.stderr)
        return False
    print(f"{rounding}: layers {label}: bit-exact ({m.group(1)} quantizers, "
          f"{m.group(2)} codes, {m.group(3)} saturate)")
    return True


def main(work, net, x, rounding, prepare, insert):
    d = os.path.join(work, rounding + ("-" + insert.replace(" ", "-").replace("=", "") if insert else ""))
    os.makedirs(d, exist_ok=True)
    src = net
    if prepare:
        src = os.path.join(d, "prep.mlir")
        run("tqt-opt", net, "--tqt-prepare", "-o", src)
    sim = os.path.join(d, "sim.mlir")
    run("tqt-opt", src, f"--tqt-insert-quantizers=rounding={rounding} {insert}".strip(), "-o", sim)
    cal = os.path.join(d, "cal.mlir")
    run("tqt-calibrate", sim, "--data", x, "--quiet", "-o", cal)
    legal = os.path.join(d, "legal.mlir")
    run("tqt-opt", cal, "--tqt-legalize-pow2", "-o", legal)
    fused = os.path.join(d, "fused.mlir")
    run("tqt-opt", legal, "--tqt-fuse-integer", "-o", fused)
    outs = {}
    for name, model in (("sim", cal), ("legal", legal), ("fused", fused)):
        out = os.path.join(d, "out_" + name)
        run("tqt-run", model, "-i", x, "--output-dir", out)
        outs[name] = os.path.join(out, "result0.npy")
    ok = True
    for name in ("legal", "fused"):
        equal = same(outs["sim"], outs[name])
        ok &= equal
        label = "legalized" if name == "legal" else "fused"
        print(f"{rounding}: {label} == simulation: {'yes' if equal else 'NO'}")

    edges = os.path.join(d, "edges.npy")
    signature = next(l for l in open(net) if "func.func" in l)
    edge_inputs(x, edges, static_batch="tensor<?x" not in signature)
    ok &= compare(cal, edges, "on edge inputs", rounding)
    # Calibrated on a small-magnitude subset: the edge inputs saturate.
    shape, values = read_f32_shape(x)
    small_x = os.path.join(d, "x_small.npy")
    write(small_x, "f32", [v / 16 for v in values], shape)
    cal_small = os.path.join(d, "cal_small.mlir")
    run("tqt-calibrate", sim, "--data", small_x, "--quiet", "-o", cal_small)
    # The input quantizers keep the full-range thresholds, so that the layers
    # after them see values 16 times larger than they were calibrated for.
    full = {m.group(1): m.group(0) for m in INPUT_GLOBAL.finditer(open(cal).read())}
    text = INPUT_GLOBAL.sub(lambda m: full[m.group(1)], open(cal_small).read())
    with open(cal_small, "w") as f:
        f.write(text)
    ok &= compare(cal_small, edges, "calibrated small", rounding)

    check = subprocess.run([sys.executable, os.path.join(HERE, "check_integer_only.py"), fused],
                           capture_output=True, text=True)
    for line in check.stdout.strip().splitlines():
        print(f"{rounding}: {line}")
    ok &= check.returncode == 0
    return 0 if ok else 1


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    insert = next((a[len("--insert="):] for a in sys.argv if a.startswith("--insert=")), "")
    sys.exit(main(args[0], args[1], args[2], args[3], "--prepare" in sys.argv, insert))
