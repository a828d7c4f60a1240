"""The TQT quantizer in numpy: the same contract as FixedPoint.h
(docs/Numerics.md, tqt-method 1-2), for Python users and tests.

fake_quant(x, log2_t, bits, signed, narrow, rounding) and
fake_quant_grad(x, log2_t, dy, ...) -> (dx, dlog2_t) work on float32 arrays
and give the same bits as tqt.fake_quant / tqt.fake_quant_grad (checked
against the C++ reference by test/Python/reference-vs-cpp.mlir).
"""
import numpy as np

ROUNDINGS = ("half_even", "half_up", "half_away", "floor")


def grid(bits, signed, narrow=False):
    if signed:
        return (-(2 ** (bits - 1)) + (1 if narrow else 0), 2 ** (bits - 1) - 1)
    return (0, 2 ** bits - 1)


def scale_exponent(log2_t, bits, signed):
    """e such that s = 2^e = 2^ceil(log2_t) / 2^(bits - signed), clamped to
    [-126, 127] as the dialect does."""
    e = int(np.ceil(np.float32(log2_t))) - (bits - int(signed))
    return int(min(max(e, -126), 127))


def round_to_int(v, rounding):
    """Rounds float64 values exactly (v = x / s is exact for dyadic s)."""
    if rounding == "half_even":
        return np.round(v)
    if rounding == "half_up":
        return np.floor(v + 0.5)
    if rounding == "half_away":
        return np.sign(v) * np.floor(np.abs(v) + 0.5)
    if rounding == "floor":
        return np.floor(v)
    raise ValueError(f"unknown rounding {rounding!r} (one of {ROUNDINGS})")


def _codes(x, log2_t, bits, signed, narrow, rounding):
    x = np.asarray(x, np.float32)
    e = scale_exponent(log2_t, bits, signed)
    s = np.ldexp(1.0, e)
    with np.errstate(over="ignore"):
        v = x.astype(np.float64) / s
    r = round_to_int(np.nan_to_num(v, nan=0.0, posinf=np.inf, neginf=-np.inf), rounding)
    n, p = grid(bits, signed, narrow)
    return v, r, n, p, s


def fake_quant(x, log2_t, bits=8, signed=True, narrow=False, rounding="half_even"):
    """clip(R(x / s), n, p) * s as float32 (NaN -> 0, +-inf saturate)."""
    v, r, n, p, s = _codes(x, log2_t, bits, signed, narrow, rounding)
    q = np.clip(r, n, p) * s
    q = np.where(np.isnan(v), 0.0, q) + 0.0  # -0.0 -> +0.0
    return q.astype(np.float32)


def fake_quant_grad(x, log2_t, dy, bits=8, signed=True, narrow=False, rounding="half_even"):
    """(dx, dlog2_t): dx = dy inside the grid (regions on the rounded value),
    dlog2_t = s ln2 sum(dy * {n | r - x/s | p})."""
    v, r, n, p, s = _codes(x, log2_t, bits, signed, narrow, rounding)
    dy = np.asarray(dy, np.float32)
    nan = np.isnan(v)
    inside = (r >= n) & (r <= p) & ~nan
    below = (r < n) & ~nan
    above = (r > p) & ~nan
    dx = np.where(inside, dy, np.float32(0)).astype(np.float32)
    with np.errstate(invalid="ignore"):  # inf - inf outside the grid
        term = np.where(inside, r - v, np.where(below, n, np.where(above, p, 0.0)))
    dt = s * np.log(2.0) * np.sum(dy.astype(np.float64) * term)
    return dx, np.float32(dt)
