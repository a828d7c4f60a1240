//===- FixedPoint.h - The numerics reference of tqt-mlir --------*- C++ -*-===//
//
// The single source of truth for every number tqt-mlir computes: rounding of
// a float to an integer and rounding right shifts in every rounding mode,
// saturation, the scale exponent of a log2 threshold, the TQT quantizer
// forward and its gradients. Folders, lowerings, tools and tests all check
// against these functions; docs/Numerics.md states the same contract in
// words and formulas.
//
// Plain C++17, header-only, no MLIR or LLVM dependency, so that it can be used
// from runtimes, tools and unit tests alike. Every function is total: NaN,
// infinities, extreme shifts and the int64 limits have defined results and no
// path has undefined behaviour.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_SUPPORT_FIXEDPOINT_H
#define TQT_SUPPORT_FIXEDPOINT_H

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace mlir::tqt {
namespace numerics {

/// Tie rules. The order matches the `#tqt.rounding<...>` enum of the dialect.
enum class Rounding : uint8_t {
  HalfEven = 0, ///< ties to the even neighbour (Graffitist, TF `round`)
  HalfUp = 1,   ///< ties toward +inf: floor(v + 1/2) (TOSA SINGLE_ROUND)
  HalfAway = 2, ///< ties away from zero (C `round`)
  Floor = 3,    ///< toward -inf, no rounding term (avgpool outputs)
};

constexpr Rounding kAllRoundings[] = {Rounding::HalfEven, Rounding::HalfUp,
                                      Rounding::HalfAway, Rounding::Floor};

inline const char *roundingName(Rounding mode) {
  switch (mode) {
  case Rounding::HalfEven:
    return "half_even";
  case Rounding::HalfUp:
    return "half_up";
  case Rounding::HalfAway:
    return "half_away";
  case Rounding::Floor:
    return "floor";
  }
  return "unknown";
}

/// Limits of the contract (checked by the dialect's verifiers).
constexpr unsigned kMinBits = 2;
constexpr unsigned kMaxBits = 32;
/// Scale exponents are limited so that 2^exp is a normal f32.
constexpr int kMinExp = -126;
constexpr int kMaxExp = 127;
/// |shift| of a requantization; right shifts are computed on int64 values.
constexpr int kMaxShift = 63;

/// Closed integer interval [lo, hi] of representable codes.
struct Grid {
  int64_t lo;
  int64_t hi;
};

/// The integer grid of a quantizer (tqt-method 1.2): signed is the full
/// two's-complement range [-2^(b-1), 2^(b-1)-1] (`narrow` drops -2^(b-1)),
/// unsigned is [0, 2^b-1]. `narrow` has no meaning for unsigned grids and is
/// rejected by the verifiers; here it is ignored for them.
constexpr Grid integerGrid(unsigned bits, bool isSigned, bool narrow = false) {
  if (isSigned) {
    int64_t half = int64_t(1) << (bits - 1);
    return Grid{narrow ? -half + 1 : -half, half - 1};
  }
  return Grid{0, (int64_t(1) << bits) - 1};
}

/// log2 of the number of levels per sign, b - sigma (tqt-method 1.2).
constexpr int levelsExponent(unsigned bits, bool isSigned) {
  return int(bits) - (isSigned ? 1 : 0);
}

/// Clip order of the method: min with the upper bound first, then max with the
/// lower bound (identical to any order since lo <= hi).
constexpr int64_t saturate(int64_t v, Grid g) {
  int64_t up = v < g.hi ? v : g.hi;
  return up > g.lo ? up : g.lo;
}

/// Rounds `v` to an integral value with the given tie rule. Exact for every
/// finite double: floor(v) and v - floor(v) are computed without error.
/// Infinities and NaN are returned unchanged.
inline double roundToIntegral(double v, Rounding mode) {
  if (!std::isfinite(v))
    return v;
  double f = std::floor(v);
  if (mode == Rounding::Floor)
    return f;
  double d = v - f; // exact, in [0, 1)
  if (d > 0.5)
    return f + 1.0;
  if (d < 0.5)
    return f;
  switch (mode) {
  case Rounding::HalfEven:
    return std::fmod(f, 2.0) == 0.0 ? f : f + 1.0;
  case Rounding::HalfUp:
    return f + 1.0;
  case Rounding::HalfAway:
    return v > 0.0 ? f + 1.0 : f;
  case Rounding::Floor:
    break;
  }
  return f;
}

/// Arithmetic right shift by `k` in [0, 63] with the given tie rule
/// (tqt-method 6.2). Computed from the floor quotient and the remainder, so
/// it never overflows, including at INT64_MIN / INT64_MAX.
inline int64_t roundingShiftRight(int64_t a, unsigned k, Rounding mode) {
  if (k == 0)
    return a;
  if (k > 63)
    k = 63;
  int64_t fl = a >> k; // arithmetic shift: floor(a / 2^k)
  uint64_t rem = static_cast<uint64_t>(a) & ((uint64_t(1) << k) - 1);
  uint64_t half = uint64_t(1) << (k - 1);
  switch (mode) {
  case Rounding::Floor:
    return fl;
  case Rounding::HalfUp:
    return fl + (rem >= half ? 1 : 0);
  case Rounding::HalfEven:
    return fl + ((rem > half || (rem == half && (fl & 1))) ? 1 : 0);
  case Rounding::HalfAway:
    if (rem == half)
      return a < 0 ? fl : fl + 1;
    return fl + (rem > half ? 1 : 0);
  }
  return fl;
}

/// Integer requantization: a rounding right shift by `shift` when positive,
/// an exact left shift by -shift when negative, then saturation to `out`
/// (which may already include fused ReLU/ReLU6 clamp bounds; lo <= hi).
/// `shift` is clamped to [-kMaxShift, kMaxShift].
inline int64_t requantize(int64_t a, int shift, Rounding mode, Grid out) {
  if (shift >= 0)
    return saturate(
        roundingShiftRight(a, unsigned(shift > kMaxShift ? kMaxShift : shift),
                           mode),
        out);
  unsigned j = unsigned(-(shift < -kMaxShift ? -kMaxShift : shift));
  // Exact in 128 bits: |a| <= 2^63 and j <= 63.
  __int128 shifted = static_cast<__int128>(a) * (static_cast<__int128>(1) << j);
  if (shifted < out.lo)
    return out.lo;
  if (shifted > out.hi)
    return out.hi;
  return static_cast<int64_t>(shifted);
}

/// Reads a `width`-bit storage value (low bits of `raw`) as signed (sign
/// extension) or unsigned (zero extension). width in [1, 64].
constexpr int64_t readStorage(uint64_t raw, unsigned width, bool isSigned) {
  if (width >= 64)
    return static_cast<int64_t>(raw);
  uint64_t mask = (uint64_t(1) << width) - 1;
  uint64_t v = raw & mask;
  if (isSigned && (v >> (width - 1)) & 1)
    v |= ~mask;
  return static_cast<int64_t>(v);
}

/// Exponent of the power-of-2 scale of a quantizer with log2 threshold
/// `log2T`: e = ceil(log2T) - (b - sigma), clamped to [kMinExp, kMaxExp].
/// ceil of an exact integer is itself (ceil(2.0) = 2). +inf clamps to
/// kMaxExp and -inf to kMinExp. A NaN threshold has no exponent: callers
/// check `std::isnan` first (the quantizer then yields NaN).
inline int scaleExponent(float log2T, unsigned bits, bool isSigned) {
  double e = std::ceil(double(log2T)) - levelsExponent(bits, isSigned);
  if (!(e > kMinExp)) // also catches -inf
    return kMinExp;
  if (e > kMaxExp)
    return kMaxExp;
  return int(e);
}

/// Static description of a quantizer (the op attributes bits, is_signed,
/// narrow, rounding).
struct QuantizerSpec {
  unsigned bits = 8;
  bool isSigned = true;
  bool narrow = false;
  Rounding rounding = Rounding::HalfEven;

  constexpr Grid grid() const { return integerGrid(bits, isSigned, narrow); }
};

/// The rounded, unclipped value R(x / 2^exp) in double precision (exact for
/// every f32 x and exp in [kMinExp, kMaxExp]).
inline double roundedScaled(float x, int exp, Rounding mode) {
  return roundToIntegral(std::ldexp(double(x), -exp), mode);
}

/// Float to integer code at scale 2^exp: clip(R(x / 2^exp), lo, hi).
/// NaN maps to code 0; +-inf saturate to hi / lo.
inline int64_t quantize(float x, int exp, const QuantizerSpec &spec) {
  if (std::isnan(x))
    return 0;
  Grid g = spec.grid();
  double r = roundedScaled(x, exp, spec.rounding);
  if (r <= double(g.lo))
    return g.lo;
  if (r >= double(g.hi))
    return g.hi;
  return static_cast<int64_t>(r);
}

/// Integer code to float: RNE(q) * 2^exp, i.e. the f32 nearest to q * 2^exp
/// (exact whenever |q| < 2^24); overflow gives +-inf.
inline float dequantize(int64_t q, int exp) {
  return std::ldexp(static_cast<float>(q), exp);
}

/// TQT forward (tqt-method 1.3): clip(R(x/s), n, p) * s with
/// s = 2^(ceil(log2T) - (b - sigma)). Equals dequantize(quantize(x)) at the
/// same exponent, bit for bit. A NaN threshold gives NaN.
inline float fakeQuant(float x, float log2T, const QuantizerSpec &spec) {
  if (std::isnan(log2T))
    return std::numeric_limits<float>::quiet_NaN();
  int exp = scaleExponent(log2T, spec.bits, spec.isSigned);
  return dequantize(quantize(x, exp, spec), exp);
}

/// Where an element falls for the gradient; the test uses the *rounded*
/// value r = R(x/s) (tqt-method 2.1). NaN inputs are `Invalid`.
enum class Region : uint8_t { Below, Inside, Above, Invalid };

/// Per-element data of the quantizer's vector-Jacobian product.
struct ElementGradient {
  Region region;
  /// dq/dx: 1 inside, 0 elsewhere.
  float dqdx;
  /// dq/dlog2T / (s * ln2): n below, R(x/s) - x/s inside, p above, 0 for NaN.
  double dqdthetaOverSLn2;
};

inline ElementGradient elementGradient(float x, int exp,
                                       const QuantizerSpec &spec) {
  if (std::isnan(x))
    return {Region::Invalid, 0.0f, 0.0};
  Grid g = spec.grid();
  double v = std::ldexp(double(x), -exp);
  double r = roundToIntegral(v, spec.rounding);
  if (r < double(g.lo))
    return {Region::Below, 0.0f, double(g.lo)};
  if (r > double(g.hi))
    return {Region::Above, 0.0f, double(g.hi)};
  return {Region::Inside, 1.0f, r - v};
}

/// s * ln 2 for the scale 2^exp.
inline double scaleTimesLn2(int exp) {
  return std::ldexp(0.69314718055994530942, exp);
}

/// dq/dlog2T of one element (tqt-method 2.2), with the ceil passed straight
/// through: s * ln2 * {n | R(x/s) - x/s | p}.
inline double thresholdPartial(float x, float log2T,
                               const QuantizerSpec &spec) {
  if (std::isnan(log2T))
    return std::numeric_limits<double>::quiet_NaN();
  int exp = scaleExponent(log2T, spec.bits, spec.isSigned);
  return scaleTimesLn2(exp) * elementGradient(x, exp, spec).dqdthetaOverSLn2;
}

/// Array forms. `n` elements, contiguous.
inline void quantize(const float *x, size_t n, int exp,
                     const QuantizerSpec &spec, int64_t *out) {
  for (size_t i = 0; i < n; ++i)
    out[i] = quantize(x[i], exp, spec);
}

inline void fakeQuant(const float *x, size_t n, float log2T,
                      const QuantizerSpec &spec, float *out) {
  for (size_t i = 0; i < n; ++i)
    out[i] = fakeQuant(x[i], log2T, spec);
}

/// The vector-Jacobian product of fake_quant: writes dx = dy * dq/dx and
/// returns dlog2T = s * ln2 * sum_i dy_i * {n | R(x_i/s) - x_i/s | p}, the sum
/// taken in double precision in index order and rounded once to f32. A NaN
/// threshold makes every output NaN.
inline float fakeQuantGrad(const float *x, const float *dy, size_t n,
                           float log2T, const QuantizerSpec &spec, float *dx) {
  if (std::isnan(log2T)) {
    for (size_t i = 0; i < n; ++i)
      dx[i] = std::numeric_limits<float>::quiet_NaN();
    return std::numeric_limits<float>::quiet_NaN();
  }
  int exp = scaleExponent(log2T, spec.bits, spec.isSigned);
  double sum = 0.0;
  for (size_t i = 0; i < n; ++i) {
    ElementGradient eg = elementGradient(x[i], exp, spec);
    dx[i] = eg.dqdx == 0.0f ? 0.0f : dy[i];
    if (eg.dqdthetaOverSLn2 != 0.0)
      sum += double(dy[i]) * eg.dqdthetaOverSLn2;
  }
  return static_cast<float>(sum * scaleTimesLn2(exp));
}

/// Per-channel forms (docs/Numerics.md section 14): `x` is a row-major
/// [outer, channels, inner] array and channel c uses threshold `log2T[c]`.
inline void fakeQuantPerChannel(const float *x, size_t outer, size_t channels,
                                size_t inner, const float *log2T,
                                const QuantizerSpec &spec, float *out) {
  for (size_t o = 0; o < outer; ++o)
    for (size_t c = 0; c < channels; ++c)
      for (size_t i = 0; i < inner; ++i) {
        size_t k = (o * channels + c) * inner + i;
        out[k] = fakeQuant(x[k], log2T[c], spec);
      }
}

/// The per-channel vector-Jacobian product: dx as fakeQuantGrad, and for
/// each channel c, dlog2T[c] = s_c * ln2 * sum over the channel's elements
/// (in index order, in double precision) of dy * {n | R(x/s_c) - x/s_c | p}.
/// A NaN threshold makes its channel's outputs NaN.
inline void fakeQuantGradPerChannel(const float *x, const float *dy,
                                    size_t outer, size_t channels, size_t inner,
                                    const float *log2T,
                                    const QuantizerSpec &spec, float *dx,
                                    float *dlog2T) {
  for (size_t c = 0; c < channels; ++c) {
    bool nan = std::isnan(log2T[c]);
    int exp = nan ? 0 : scaleExponent(log2T[c], spec.bits, spec.isSigned);
    double sum = 0.0;
    for (size_t o = 0; o < outer; ++o)
      for (size_t i = 0; i < inner; ++i) {
        size_t k = (o * channels + c) * inner + i;
        if (nan) {
          dx[k] = std::numeric_limits<float>::quiet_NaN();
          continue;
        }
        ElementGradient eg = elementGradient(x[k], exp, spec);
        dx[k] = eg.dqdx == 0.0f ? 0.0f : dy[k];
        if (eg.dqdthetaOverSLn2 != 0.0)
          sum += double(dy[k]) * eg.dqdthetaOverSLn2;
      }
    dlog2T[c] = nan ? std::numeric_limits<float>::quiet_NaN()
                    : static_cast<float>(sum * scaleTimesLn2(exp));
  }
}

} // namespace numerics
} // namespace mlir::tqt

#endif // TQT_SUPPORT_FIXEDPOINT_H
