#!/usr/bin/env python3
"""Generates the per-channel op matrix of per-channel-vs-reference.mlir.

  gen_per_channel.py OUT_DIR

writes OUT_DIR/per_channel.mlir and inputs. Every channel has its own scale
(exponents -6..-1, one threshold NaN in the NaN cases), and every channel's
inputs hold ties at its own scale, values past both clip edges, NaN, +-inf,
-0.0 and subnormals, so a lowering that read another channel's parameter
would round or clip differently.
  @fq(x2, x3)          fake_quant on axis 1 of [R, 8] and axis 1 of [4, 8, 6]
  @grad(x2, dy2, x3, dy3)   fake_quant_grad (dx and one dlog2_t per channel)
  @qdq(x2, x0)         quantize/dequantize per channel (axis 1, and axis 0 of
                       a [8, 3, 3, 2] weight)
  @rq(a2)              requantize with per-channel shifts (-3..9) on axis 1
and OUT_DIR/per_channel_half_up.mlir: @rq_half_up(a2), the half_up
requantizations that --convert-tqt-to-tosa expresses as tosa.rescale.
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_ops_matrix import func  # noqa: E402
from npytool import write  # noqa: E402

MODES = ["half_even", "half_up", "half_away", "floor"]
GRIDS = [(8, True, False), (4, True, True), (8, False, False)]
C = 8
EXPS = [-1, -4, -2, -6, -3, -5, -1, -4]  # per channel
SHIFTS = [3, -2, 0, 9, 1, 5, -3, 3]


def grid_attrs(bits, signed, narrow):
    return f"bits({bits}) {'signed' if signed else 'unsigned'}" + (" narrow" if narrow else "")


def rnd(mode):
    return "" if mode == "half_even" else f" rounding<{mode}>"


def thetas(bits, signed, nan=False):
    ts = [float(e + bits - (1 if signed else 0)) for e in EXPS]
    if nan:
        ts[2] = float("nan")
    return ts


def f32_literal(v):
    if math.isnan(v):
        return "0x7FC00000"
    return repr(v)


def dense(values, t):
    return f"dense<[{', '.join(f32_literal(v) for v in values)}]> : {t}"


def channel_values(e):
    s = 2.0 ** e
    vals = [(k + 0.5) * s for k in range(-9, 9)]           # ties
    vals += [130.5 * s, -130.5 * s, 300 * s, -300 * s]     # past the edges
    vals += [7.5 * s, -7.5 * s, 8.5 * s, -8.5 * s, 15.5 * s, 0.25 * s]
    vals += [float("nan"), float("inf"), -float("inf"), -0.0, 1e-40, -1e-40]
    vals += [0.3 * s, -0.7 * s]
    return vals  # 36 per channel


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    cols = [channel_values(e) for e in EXPS]
    rows = len(cols[0])
    x2 = [cols[c][r] for r in range(rows) for c in range(C)]
    dy2 = [((i * 37) % 11 - 5) * 0.25 for i in range(len(x2))]
    write(os.path.join(out, "x2.npy"), "f32", x2, (rows, C))
    write(os.path.join(out, "dy2.npy"), "f32", dy2, (rows, C))
    # [4, 8, 6]: channel along the middle axis.
    x3 = [cols[c][(o * 6 + i) % rows] for o in range(4) for c in range(C) for i in range(6)]
    dy3 = [((i * 13) % 7 - 3) * 0.5 for i in range(len(x3))]
    write(os.path.join(out, "x3.npy"), "f32", x3, (4, C, 6))
    write(os.path.join(out, "dy3.npy"), "f32", dy3, (4, C, 6))
    # [8, 3, 3, 2] weights: channel along axis 0.
    x0 = [cols[c][i % rows] for c in range(C) for i in range(18)]
    write(os.path.join(out, "x0.npy"), "f32", x0, (C, 3, 3, 2))
    # i32 accumulators with ties at every channel's shift and saturation.
    a2 = []
    for r in range(40):
        for c in range(C):
            k = SHIFTS[c]
            base = (r - 20) * (1 << max(k, 0))
            a2.append(base + ((1 << (k - 1)) if k > 0 and r % 2 else r % 3))
    a2 += [2**31 - 1, -2**31] * C
    write(os.path.join(out, "a2.npy"), "i32", a2, (42, C))

    t2, t3 = f"tensor<{rows}x{C}xf32>", f"tensor<4x{C}x6xf32>"
    tc = f"tensor<{C}xf32>"
    fq, grad = [], []
    fq_res, grad_res = [], []
    for gi, (bits, signed, narrow) in enumerate(GRIDS):
        for nan in [False, True]:
            name = f"t{gi}{'n' if nan else ''}"
            line = f"%{name} = arith.constant {dense(thetas(bits, signed, nan), tc)}"
            fq.append(line)
            grad.append(line)
            for mode in MODES:
                ga = grid_attrs(bits, signed, narrow) + rnd(mode)
                for xv, t in [("x2", t2), ("x3", t3)]:
                    v = f"%fq_{xv}_{name}_{mode}"
                    fq.append(f"{v} = tqt.fake_quant %{xv}, %{name} {ga} axis(1) : {t}")
                    fq_res.append((v, t))
                    dy = "dy" + xv[1:]
                    dx, dt = f"%dx_{xv}_{name}_{mode}", f"%dt_{xv}_{name}_{mode}"
                    grad.append(f"{dx}, {dt} = tqt.fake_quant_grad %{xv}, %{name}, %{dy} {ga} axis(1) : {t}")
                    grad_res += [(dx, t), (dt, tc)]
    qdq, qdq_res = [], []
    exps = ", ".join(str(e) for e in EXPS)
    for gi, (bits, signed, narrow) in enumerate(GRIDS):
        for mode in MODES:
            ga = grid_attrs(bits, signed, narrow)
            for xv, t, axis, it in [("x2", t2, 1, f"tensor<{rows}x{C}xi8>"),
                                    ("x0", f"tensor<{C}x3x3x2xf32>", 0, f"tensor<{C}x3x3x2xi8>")]:
                q, d = f"%q_{xv}_{gi}_{mode}", f"%d_{xv}_{gi}_{mode}"
                qdq.append(f"{q} = tqt.quantize %{xv} exps[{exps}] axis({axis}) {ga}{rnd(mode)} : {t} -> {it}")
                qdq.append(f"{d} = tqt.dequantize {q} exps[{exps}] axis({axis}) {grid_attrs(bits, signed, False)} : {it} -> {t}")
                qdq_res += [(q, it), (d, t)]
    rq, rq_res = [], []
    shifts = ", ".join(str(k) for k in SHIFTS)
    ta, to = f"tensor<42x{C}xi32>", f"tensor<42x{C}xi8>"
    for mode in MODES:
        for attrs in ["bits(8) signed", "bits(8) unsigned clamp_max(100)", "bits(4) signed narrow"]:
            v = f"%rq{len(rq)}"
            rq.append(f"{v} = tqt.requantize %a2 shifts[{shifts}] axis(1) {attrs}{rnd(mode)} : {ta} -> {to}")
            rq_res.append((v, to))
    mlir = "\n\n".join([
        func("fq", [("x2", t2), ("x3", t3)], fq, fq_res),
        func("grad", [("x2", t2), ("dy2", t2), ("x3", t3), ("dy3", t3)], grad, grad_res),
        func("qdq", [("x2", t2), ("x0", f"tensor<{C}x3x3x2xf32>")], qdq, qdq_res),
        func("rq", [("a2", ta)], rq, rq_res),
    ])
    with open(os.path.join(out, "per_channel.mlir"), "w") as f:
        f.write(mlir + "\n")
    # half_up only: the module --convert-tqt-to-tosa turns into per-channel
    # tosa.rescale.
    # (tosa.rescale cannot shift i32 accumulators left.)
    rescale_shifts = ", ".join(str(max(k, 0) + (c % 2)) for c, k in enumerate(SHIFTS))
    hu, hu_res = [], []
    for attrs in ["bits(8) signed", "bits(8) unsigned clamp_max(100)", "bits(4) signed narrow",
                  "bits(16) signed"]:
        v = f"%h{len(hu)}"
        w = 16 if "16" in attrs else 8
        hu.append(f"{v} = tqt.requantize %a2 shifts[{rescale_shifts}] axis(1) {attrs} rounding<half_up> : {ta} -> tensor<42x{C}xi{w}>")
        hu_res.append((v, f"tensor<42x{C}xi{w}>"))
    with open(os.path.join(out, "per_channel_half_up.mlir"), "w") as f:
        f.write(func("rq_half_up", [("a2", ta)], hu, hu_res) + "\n")


if __name__ == "__main__":
    main()
