#!/usr/bin/env python3
"""The independent numpy implementation of KL-J (tqt-method.md 3.2) whose
numbers ThresholdsTest.cpp expects: numpy.histogram with ceil(sqrt(n)) bins,
numpy.interp for the squeeze and stretch, the J measure over the CDFs. The
data are the test's, drawn from the same 64-bit LCG (numbers identical on
both sides). test/Calibration/klj-reference.mlir runs it and checks its
output against the constants of the C++ test.

  klj_reference.py
"""
import math

import numpy as np


def lcg(n, seed):
    out, x = [], seed
    for _ in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        out.append(((x >> 11) & ((1 << 53) - 1)) / float(1 << 53))
    return out


def laplace(n, s1, s2, p_positive):
    u, s = lcg(n, s1), lcg(n, s2)
    return np.array([-math.log(max(a, 1e-12)) * (1 if b < p_positive else -1) for a, b in zip(u, s)],
                    dtype=np.float32)


def klj(data, bits, signed):
    a = np.abs(np.asarray(data, dtype=np.float64))
    a = a[~np.isnan(a)]
    mx = a.max() if a.size else 0.0
    levels = 2 ** (bits - int(signed))
    nb = int(math.ceil(math.sqrt(a.size)))
    if a.size == 0 or mx == 0.0 or nb < levels + 1:
        return mx
    # numpy's 'sqrt' rule: ceil(sqrt(n)) bins (given explicitly, since the
    # rule's width division can round to one bin more).
    hist, edges = np.histogram(a, bins=nb, range=(0.0, mx))
    width = edges[1] - edges[0]
    cdf = np.cumsum(hist / a.size)
    best, best_t = math.inf, mx
    for i in range(levels + 1, nb):
        p = cdf.copy()
        p[i - 1:] = 1.0
        xs = np.arange(i, dtype=np.float64)
        xm = np.linspace(0, i - 1, levels)
        squeezed = np.interp(xm, xs, p[:i])
        q = p.copy()
        q[:i] = np.interp(xs, xm, squeezed)
        nz = cdf != 0
        d = np.sum((cdf[nz] - q[nz]) * np.log2(cdf[nz] / q[nz]))
        if d < best:
            best, best_t = d, (i + 0.5) * width
    return best_t


def main():
    data = laplace(40000, 1, 2, 0.5)
    print("laplace max: %.17g" % np.abs(data.astype(np.float64)).max())
    print("laplace int8 klj: %.17g" % klj(data, 8, True))
    print("laplace uint8 klj: %.17g" % klj(data, 8, False))
    relu = np.maximum(laplace(70000, 4, 5, 0.7), np.float32(0))
    print("relu uint8 klj: %.17g" % klj(relu, 8, False))
    print("relu max: %.17g" % relu.astype(np.float64).max())
    g = lcg(20000, 3)
    gauss = np.array([math.sqrt(-2 * math.log(max(g[i], 1e-12))) * math.cos(2 * math.pi * g[i + 1])
                      for i in range(0, 20000, 2)], dtype=np.float32)
    print("gauss twice int8 klj: %.17g" % klj(np.concatenate([gauss, gauss]), 8, True))


if __name__ == "__main__":
    main()
