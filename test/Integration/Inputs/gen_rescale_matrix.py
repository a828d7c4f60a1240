#!/usr/bin/env python3
"""Generates half_up requantizations for every shift TOSA can express.

  gen_rescale_matrix.py OUT.mlir [STATIC_SIZE]
  gen_rescale_matrix.py --ties DIR

With --ties, writes DIR/input0.npy (i32), input1.npy (i16), input2.npy (i8):
every exact tie m * 2^k + 2^(k-1) of every shift k the type allows, for
several m of both signs, and its neighbours +-1, so that each rounding
shift meets ties (uniform random inputs have almost none beyond shift 13).

With STATIC_SIZE, tensors are tensor<STATIC_SIZExiN> instead of tensor<?xiN>
(TOSA 1.0 validation requires static shapes).

@half_up_all(%a32: tensor<?xi32>, %a16: tensor<?xi16>, %a8: tensor<?xi8>)
returns one result per (shift in [-28, 32]) x (output grid) that TOSA can
express exactly (left shifts only while a * 2^-k fits int32), covering the
single-rescale path (full output type), the rescale + clamp path (signed
grids narrower than the type, fused clamps) and the i32 detour (unsigned
outputs with clamps, unsigned inputs to unsigned outputs).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from npytool import write  # noqa: E402

VARIANTS = [
    ("a32", "i32", "i8", "bits(8) signed"),
    ("a32", "i32", "i8", "bits(8) unsigned"),
    ("a32", "i32", "i16", "bits(16) signed"),
    ("a32", "i32", "i32", "bits(32) signed"),
    ("a32", "i32", "i8", "bits(4) signed"),
    ("a32", "i32", "i8", "bits(8) signed narrow clamp_min(-100) clamp_max(100)"),
    ("a32", "i32", "i8", "bits(8) unsigned clamp_max(192)"),
    ("a16", "i16", "i8", "bits(8) signed"),
    ("a8", "i8", "i8", "bits(8) unsigned"),
]


def main(out, size="?"):
    body, results = [], []
    n = 0
    for shift in range(-28, 33):
        for src, in_e, out_e, grid in VARIANTS:
            extra = " input_unsigned" if src == "a8" else ""
            # Left shifts are exact in TOSA only while a * 2^-k fits int32.
            value_bits = {"a32": 31, "a16": 15, "a8": 8}[src]
            if shift < 0 and value_bits - shift > 31:
                continue
            v = f"%r{n}"
            n += 1
            body.append(f"  {v} = tqt.requantize %{src} shift({shift}) {grid} rounding<half_up>{extra} : tensor<{size}x{in_e}> -> tensor<{size}x{out_e}>")
            results.append((v, f"tensor<{size}x{out_e}>"))
    res_types = ", ".join(t for _, t in results)
    with open(out, "w") as f:
        f.write(f"func.func @half_up_all(%a32: tensor<{size}xi32>, %a16: tensor<{size}xi16>, %a8: tensor<{size}xi8>) -> (" + res_types + ") {\n")
        f.write("\n".join(body) + "\n")
        f.write("  return " + ", ".join(v for v, _ in results) + " : " + res_types + "\n}\n")


def ties(bits):
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    out = []
    for k in range(1, bits):
        half = 1 << (k - 1)
        for m in (-5, -2, -1, 0, 1, 2, 3):
            for d in (half, -half, half + 1, half - 1, -half - 1, -half + 1):
                v = m * (1 << k) + d
                if lo <= v <= hi:
                    out.append(v)
    return out


def write_ties(d):
    os.makedirs(d, exist_ok=True)
    for name, dtype, bits in (("input0", "i32", 32), ("input1", "i16", 16), ("input2", "i8", 8)):
        write(os.path.join(d, name + ".npy"), dtype, ties(bits), None)


if __name__ == "__main__":
    if sys.argv[1] == "--ties":
        write_ties(sys.argv[2])
    else:
        main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "?")
