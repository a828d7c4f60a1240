#!/usr/bin/env python3
"""tqt_mlir.reference (numpy) against the C++ reference (FixedPoint.h via
tqt-run --reference) on shared vectors: ties at every half step, clip edges,
NaN, +-inf, signed zero, for several grids, thresholds and rounding modes.
Forward and input gradient must match bit for bit, the threshold gradient
to 1e-6 relative.

  reference_check.py WORK_DIR   (tqt-run on PATH)
"""
import itertools
import os
import subprocess
import sys

import numpy as np

from tqt_mlir import reference as ref

CONFIGS = [(8, True, False), (8, False, False), (4, True, False), (8, True, True), (16, True, False)]
THRESHOLDS = [2.0, -1.3, 0.7]


def vectors(bits, signed, narrow, log2_t, rng):
    s = np.ldexp(1.0, ref.scale_exponent(log2_t, bits, signed))
    n, p = ref.grid(bits, signed, narrow)
    halves = np.arange(2 * n - 6, 2 * p + 7) / 2.0
    if halves.size > 200:
        halves = np.concatenate([halves[:60], halves[halves.size // 2 - 40:halves.size // 2 + 40], halves[-60:]])
    v = np.concatenate([halves, rng.uniform(n - 3, p + 3, 40), [0.25, -0.75, 1e6, -1e6]])
    x = (v * s).astype(np.float32)
    return np.concatenate([x, np.array([np.nan, np.inf, -np.inf, -0.0], np.float32)])


def main():
    work = sys.argv[1]
    os.makedirs(work, exist_ok=True)
    rng = np.random.default_rng(5)
    cases = failures = 0
    for (bits, signed, narrow), log2_t, rounding in itertools.product(CONFIGS, THRESHOLDS, ref.ROUNDINGS):
        x = vectors(bits, signed, narrow, log2_t, rng)
        dy = rng.uniform(-1, 1, x.size).astype(np.float32)
        n = x.size
        grid = f"bits({bits}) {'signed' if signed else 'unsigned'}{' narrow' if narrow else ''} rounding<{rounding}>"
        t = f"tensor<{n}xf32>"
        d = os.path.join(work, f"{bits}{'s' if signed else 'u'}{'n' if narrow else ''}_{log2_t}_{rounding}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "m.mlir"), "w") as f:
            f.write(f"""func.func @f(%x: {t}, %t: tensor<f32>, %dy: {t}) -> ({t}, {t}, tensor<f32>) {{
  %q = tqt.fake_quant %x, %t {grid} : {t}
  %dx, %dt = tqt.fake_quant_grad %x, %t, %dy {grid} : {t}
  return %q, %dx, %dt : {t}, {t}, tensor<f32>
}}
""")
        for name, a in (("x", x), ("t", np.array(log2_t, np.float32)), ("dy", dy)):
            np.save(os.path.join(d, name + ".npy"), a)
        subprocess.run(["tqt-run", os.path.join(d, "m.mlir"), "--reference", "--output-dir", os.path.join(d, "out")]
                       + [a for name in ("x", "t", "dy") for a in ("-i", os.path.join(d, name + ".npy"))], check=True)
        q_cpp = np.load(os.path.join(d, "out", "result0.npy"))
        dx_cpp = np.load(os.path.join(d, "out", "result1.npy"))
        dt_cpp = float(np.load(os.path.join(d, "out", "result2.npy")))
        q_np = ref.fake_quant(x, log2_t, bits, signed, narrow, rounding)
        dx_np, dt_np = ref.fake_quant_grad(x, log2_t, dy, bits, signed, narrow, rounding)
        same = (np.array_equal(q_np.view(np.uint32), q_cpp.view(np.uint32))
                and np.array_equal(dx_np.view(np.uint32), dx_cpp.view(np.uint32))
                and abs(float(dt_np) - dt_cpp) <= 1e-6 * max(1.0, abs(dt_cpp)))
        cases += 1
        if not same:
            failures += 1
            bad = np.nonzero(q_np.view(np.uint32) != q_cpp.view(np.uint32))[0][:5]
            print(f"MISMATCH {d}: x={x[bad]} numpy={q_np[bad]} cpp={q_cpp[bad]} dt {dt_np} vs {dt_cpp}")
    print(f"{cases} configurations, {failures} mismatches")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
