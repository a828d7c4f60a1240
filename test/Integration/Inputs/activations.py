"""Inputs and checks for activations-vs-reference.mlir.

    activations.py gen DIR      writes DIR/x.npy: edge values (NaN, +-inf,
                                -0, subnormals, the exp clamps +-87/88 and
                                beyond, the hard functions' kinks +-3 and
                                their neighbours), every 8-bit code at the
                                exponents -7..-2, and random floats
    activations.py check X DIR  compares DIR/result{0..4}.npy (sigmoid, tanh,
                                hardsigmoid, hardswish, silu of X) with
                                float64 math (smooth ones) and PyTorch's
                                float32 kernels (hard ones, bit for bit)
"""
import sys

import numpy as np


def gen(out):
    edge = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-45, -1e-45, 1e-38, -1e-38,
            -87.0, 87.0, 88.0, -88.0, 88.5, -88.5, 89.0, -89.0, 100.0, -100.0,
            3.4e38, -3.4e38, 3.0, -3.0, 2.9999998, -2.9999998, 3.0000002,
            -3.0000002, 0.5, -0.5, 1e-7, -1e-7]
    codes = [np.ldexp(float(k), e) for e in range(-7, -1) for k in range(-128, 128)]
    rng = np.random.default_rng(5)
    rand = list(rng.normal(0, 4, 2000)) + list(rng.uniform(-90, 90, 500))
    x = np.array(edge + codes + rand, dtype=np.float32)
    np.save(f"{out}/x.npy", x)


def check(xpath, d):
    import torch
    x = np.load(xpath)
    y = [np.load(f"{d}/result{i}.npy") for i in range(5)]
    x64 = x.astype(np.float64)
    np.seterr(all="ignore")  # exp overflows at the clamps: the references saturate too
    finite = np.isfinite(x)
    # The smooth functions against float64 math, where exp is not clamped.
    sig = 1 / (1 + np.exp(-x64))
    refs = {"sigmoid": (y[0], sig), "tanh": (y[1], np.tanh(x64)), "silu": (y[4], x64 * sig)}
    inside = finite & (np.abs(x64) <= 43)
    worst = 0.0
    for name, (got, ref) in refs.items():
        err = np.abs(got[inside].astype(np.float64) - ref[inside]) / (1 + np.abs(ref[inside]))
        worst = max(worst, float(err.max()))
        if err.max() > 1e-6:
            i = int(np.argmax(err))
            print(f"{name}: error {err.max():.3g} at x = {x[inside][i]!r}")
            return 1
        # Saturation: the limits hold everywhere finite.
        if np.any(np.isnan(got[finite])):
            print(f"{name}: NaN for a finite input")
            return 1
    for i in range(5):
        if not np.all(np.isnan(y[i][np.isnan(x)])):
            print(f"result{i}: NaN input does not give NaN")
            return 1
    if not (np.all(y[0][finite] >= 0) and np.all(y[0][finite] <= 1) and
            np.all(np.abs(y[1][finite]) <= 1)):
        print("sigmoid/tanh out of range")
        return 1
    t = torch.from_numpy(x)
    hard = {"hardsigmoid": (y[2], torch.nn.functional.hardsigmoid(t).numpy()),
            "hardswish": (y[3], torch.nn.functional.hardswish(t).numpy())}
    for name, (got, ref) in hard.items():
        same = (got.view(np.uint32) == ref.view(np.uint32)) | (np.isnan(got) & np.isnan(ref))
        if not same[finite].all():
            i = int(np.argmin(same[finite]))
            print(f"{name}: {got[finite][i]!r} vs PyTorch {ref[finite][i]!r} at x = {x[finite][i]!r}")
            return 1
    print(f"activations: smooth within {worst:.2g} of float64, hard bit-identical to PyTorch "
          f"on {int(finite.sum())} finite inputs")
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2])
        sys.exit(0)
    sys.exit(check(sys.argv[2], sys.argv[3]))
