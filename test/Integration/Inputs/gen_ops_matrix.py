#!/usr/bin/env python3
"""Generates the op x grid x rounding-mode matrix of the integration tests.

  gen_ops_matrix.py OUT_DIR

writes OUT_DIR/matrix.mlir (public functions below) and tie/edge inputs:
  @fake_quant_all(x)            every grid x mode, plus NaN/inf thresholds
  @fake_quant_grad_all(x, dy)   dx and dlog2_t for every grid x mode
  @quantize_all(x)              every grid x mode, extreme exponents
  @fq_vs_dq(x)                  pairs (fake_quant, dequantize(quantize)) per grid x mode
  @dequantize_all(q8, q16, q32) signed/unsigned reads at several exponents
  @requantize_all(a32, a8, a64) every mode x shift -31..31, clamps, widths
Inputs: x.npy and dy.npy (same length), q8/q16/q32.npy, a32/a8/a64.npy.
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from npytool import write  # noqa: E402

MODES = ["half_even", "half_up", "half_away", "floor"]
# (bits, signed, narrow, storage width)
GRIDS = [(8, True, False, 8), (8, True, True, 8), (8, False, False, 8),
         (4, True, False, 8), (2, True, False, 8), (16, True, False, 16),
         (16, False, False, 32), (24, True, False, 32), (32, True, False, 32),
         (32, False, False, 64)]
EXP = -4  # every grid at scale 1/16, so the tie inputs are ties everywhere


def grid_attrs(bits, signed, narrow):
    return f"bits({bits}) {'signed' if signed else 'unsigned'}" + (" narrow" if narrow else "")


def rnd(mode):
    return "" if mode == "half_even" else f" rounding<{mode}>"


def theta(bits, signed):
    # e = ceil(theta) - (bits - signed) = EXP
    return float(EXP + bits - (1 if signed else 0))


def func(name, args, body, results):
    sig = ", ".join(f"%{n}: {t}" for n, t in args)
    res = ", ".join(t for _, t in results)
    lines = [f"func.func @{name}({sig}) -> ({res}) {{"]
    lines += ["  " + l for l in body]
    lines.append("  return " + ", ".join(v for v, _ in results) + " : " + res)
    lines.append("}")
    return "\n".join(lines)


def fake_quant_all():
    body, results = [], []
    for gi, (bits, signed, narrow, _) in enumerate(GRIDS):
        body.append(f"%t{gi} = arith.constant dense<{theta(bits, signed)!r}> : tensor<f32>")
        for mode in MODES:
            v = f"%fq{gi}_{mode}"
            body.append(f"{v} = tqt.fake_quant %x, %t{gi} {grid_attrs(bits, signed, narrow)}{rnd(mode)} : tensor<?xf32>")
            results.append((v, "tensor<?xf32>"))
    for name, val in [("nan", "0x7FC00000"), ("inf", "0x7F800000"), ("ninf", "0xFF800000"), ("two", "2.0")]:
        body.append(f"%tt_{name} = arith.constant dense<{val}> : tensor<f32>")
        body.append(f"%fqt_{name} = tqt.fake_quant %x, %tt_{name} bits(8) unsigned : tensor<?xf32>")
        results.append((f"%fqt_{name}", "tensor<?xf32>"))
    return func("fake_quant_all", [("x", "tensor<?xf32>")], body, results)


def fake_quant_grad_all():
    body, results = [], []
    for gi, (bits, signed, narrow, _) in enumerate(GRIDS):
        body.append(f"%t{gi} = arith.constant dense<{theta(bits, signed)!r}> : tensor<f32>")
        for mode in MODES:
            dx, dt = f"%dx{gi}_{mode}", f"%dt{gi}_{mode}"
            body.append(f"{dx}, {dt} = tqt.fake_quant_grad %x, %t{gi}, %dy {grid_attrs(bits, signed, narrow)}{rnd(mode)} : tensor<?xf32>")
            results += [(dx, "tensor<?xf32>"), (dt, "tensor<f32>")]
    body.append("%tn = arith.constant dense<0x7FC00000> : tensor<f32>")
    body.append("%dxn, %dtn = tqt.fake_quant_grad %x, %tn, %dy bits(8) signed : tensor<?xf32>")
    results += [("%dxn", "tensor<?xf32>"), ("%dtn", "tensor<f32>")]
    return func("fake_quant_grad_all", [("x", "tensor<?xf32>"), ("dy", "tensor<?xf32>")], body, results)


def quantize_ops(exp_values):
    body, results = [], []
    for gi, (bits, signed, narrow, width) in enumerate(GRIDS):
        for mode in MODES:
            for exp in exp_values:
                v = f"%q{gi}_{mode}_{'m' if exp < 0 else 'p'}{abs(exp)}"
                t = f"tensor<?xi{width}>"
                body.append(f"{v} = tqt.quantize %x exp({exp}) {grid_attrs(bits, signed, narrow)}{rnd(mode)} : tensor<?xf32> -> {t}")
                results.append((v, t))
    return body, results


def quantize_all():
    body, results = quantize_ops([EXP])
    for exp in [-126, 127, 0]:
        for mode in MODES:
            v = f"%qe{exp + 200}_{mode}"
            body.append(f"{v} = tqt.quantize %x exp({exp}) bits(8) signed{rnd(mode)} : tensor<?xf32> -> tensor<?xi8>")
            results.append((v, "tensor<?xi8>"))
    return func("quantize_all", [("x", "tensor<?xf32>")], body, results)


def fq_vs_dq():
    body, results = [], []
    for gi, (bits, signed, narrow, width) in enumerate(GRIDS):
        body.append(f"%t{gi} = arith.constant dense<{theta(bits, signed)!r}> : tensor<f32>")
        for mode in MODES:
            ga = grid_attrs(bits, signed, narrow)
            t = f"tensor<?xi{width}>"
            body.append(f"%f{gi}_{mode} = tqt.fake_quant %x, %t{gi} {ga}{rnd(mode)} : tensor<?xf32>")
            body.append(f"%q{gi}_{mode} = tqt.quantize %x exp({EXP}) {ga}{rnd(mode)} : tensor<?xf32> -> {t}")
            body.append(f"%d{gi}_{mode} = tqt.dequantize %q{gi}_{mode} exp({EXP}) {grid_attrs(bits, signed, False)} : {t} -> tensor<?xf32>")
            results += [(f"%f{gi}_{mode}", "tensor<?xf32>"), (f"%d{gi}_{mode}", "tensor<?xf32>")]
    return func("fq_vs_dq", [("x", "tensor<?xf32>")], body, results)


def dequantize_all():
    body, results = [], []
    for arg, width in [("q8", 8), ("q16", 16), ("q32", 32)]:
        for signed in [True, False]:
            for exp in [-4, 0, -126, 127, 100]:
                for bits in sorted({2, width // 2, width}):
                    v = f"%d_{arg}_{int(signed)}_{exp + 200}_{bits}"
                    body.append(f"{v} = tqt.dequantize %{arg} exp({exp}) bits({bits}) {'signed' if signed else 'unsigned'} : tensor<?xi{width}> -> tensor<?xf32>")
                    results.append((v, "tensor<?xf32>"))
    args = [("q8", "tensor<?xi8>"), ("q16", "tensor<?xi16>"), ("q32", "tensor<?xi32>")]
    return func("dequantize_all", args, body, results)


def requantize_all():
    body, results = [], []
    n = 0

    def add(src, in_t, out_w, attrs):
        nonlocal n
        v = f"%r{n}"
        n += 1
        body.append(f"{v} = tqt.requantize %{src} {attrs} : {in_t} -> tensor<?xi{out_w}>")
        results.append((v, f"tensor<?xi{out_w}>"))

    for mode in MODES:
        for shift in range(-31, 32):
            add("a32", "tensor<?xi32>", 8, f"shift({shift}) bits(8) signed{rnd(mode)}")
        for shift in [1, 4, 9, 16]:
            add("a32", "tensor<?xi32>", 8, f"shift({shift}) bits(8) unsigned clamp_max(192){rnd(mode)}")
            add("a32", "tensor<?xi32>", 8, f"shift({shift}) bits(8) signed clamp_min(0) clamp_max(100){rnd(mode)}")
            add("a32", "tensor<?xi32>", 16, f"shift({shift}) bits(16) signed{rnd(mode)}")
            add("a32", "tensor<?xi32>", 8, f"shift({shift}) bits(8) signed narrow{rnd(mode)}")
            add("a32", "tensor<?xi32>", 8, f"shift({shift}) bits(4) signed{rnd(mode)}")
            add("a8", "tensor<?xi8>", 8, f"shift({shift % 8}) bits(8) signed{rnd(mode)} input_unsigned")
            add("a8", "tensor<?xi8>", 8, f"shift({shift % 8}) bits(8) unsigned{rnd(mode)}")
        for shift in [-63, -40, -31, -1, 0, 1, 31, 32, 40, 62, 63]:
            add("a64", "tensor<?xi64>", 32, f"shift({shift}) bits(32) signed{rnd(mode)}")
            add("a64", "tensor<?xi64>", 64, f"shift({shift}) bits(32) unsigned{rnd(mode)}")
            add("a32", "tensor<?xi32>", 64, f"shift({shift}) bits(32) unsigned{rnd(mode)} input_unsigned")
    args = [("a32", "tensor<?xi32>"), ("a8", "tensor<?xi8>"), ("a64", "tensor<?xi64>")]
    return func("requantize_all", args, body, results)


def edge_floats():
    xs = [(k + 0.5) / 16 for k in range(-300, 300)]
    xs += [k / 16 for k in range(-300, 300)]
    xs += [(k + 0.5) / 16 for k in range(32700, 32800)] + [-(k + 0.5) / 16 for k in range(32700, 32800)]
    xs += [(k + 0.5) / 16 for k in range(65500, 65560)]
    xs += [math.ldexp(1, 27) + d for d in (-32, -16, 0, 16, 32)]
    xs += [-math.ldexp(1, 27) + d for d in (-32, -16, 0, 16, 32)]
    xs += [math.ldexp(1, 23) + 1, math.ldexp(1, 23) + 3, -math.ldexp(1, 23) - 1]
    xs += [math.nan, math.inf, -math.inf, -0.0, 0.0, 3e38, -3e38, 1e-45, -1e-45, 1e-40, -1e-40,
           0.3, -0.3, 1.01, -1.2, 0.123456]
    return xs


def edge_ints(width):
    lo, hi = -(1 << (width - 1)), (1 << (width - 1)) - 1
    vals = [lo, lo + 1, hi, hi - 1, 0, 1, -1]
    # Ties of every shift the width allows (i64 requantizations shift up
    # to 63).
    for k in range(1, width):
        h = 1 << (k - 1)
        for m in (-3, -1, 0, 1, 2):
            for d in (-1, 0, 1):
                v = m * (1 << k) + h + d
                if lo <= v <= hi:
                    vals.append(v)
                v = -v
                if lo <= v <= hi:
                    vals.append(v)
    return vals


def main(out):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "matrix.mlir"), "w") as f:
        for fn in (fake_quant_all, fake_quant_grad_all, quantize_all, fq_vs_dq,
                   dequantize_all, requantize_all):
            f.write(fn() + "\n\n")
    xs = edge_floats()
    write(os.path.join(out, "x.npy"), "f32", xs, None)
    write(os.path.join(out, "dy.npy"), "f32", [((i * 37) % 11 - 5) * 0.125 for i in range(len(xs))], None)
    for w in (8, 16, 32):
        write(os.path.join(out, f"q{w}.npy"), f"i{w}", edge_ints(w), None)
    a32 = edge_ints(32)
    a8 = edge_ints(8)
    a64 = edge_ints(64)
    # One length (the longest, a64's): the shorter vectors repeat.
    m = max(len(a32), len(a8), len(a64))
    write(os.path.join(out, "a32.npy"), "i32", (a32 * (m // len(a32) + 1))[:m], None)
    write(os.path.join(out, "a8.npy"), "i8", (a8 * (m // len(a8) + 1))[:m], None)
    write(os.path.join(out, "a64.npy"), "i64", a64, None)


if __name__ == "__main__":
    main(sys.argv[1])
