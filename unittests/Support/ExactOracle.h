//===- ExactOracle.h - Slow exact rounding oracle for the tests -*- C++ -*-===//
//
// An independent model of the rounding rules in exact rational arithmetic
// (128-bit numerator and denominator): no shifts, no floating point. The
// numerics reference is checked against it.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_UNITTESTS_SUPPORT_EXACTORACLE_H
#define TQT_UNITTESTS_SUPPORT_EXACTORACLE_H

#include "tqt/Support/FixedPoint.h"

#include <cstdint>

namespace mlir::tqt::oracle {

using i128 = __int128;

/// num / den with den > 0.
struct Rational {
  i128 num;
  i128 den;
};

inline i128 floorDiv(i128 a, i128 b) {
  i128 q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0)))
    q -= 1;
  return q;
}

/// The integer nearest to `r` under `mode`, decided by comparing twice the
/// remainder with the denominator.
inline i128 round(Rational r, numerics::Rounding mode) {
  i128 q = floorDiv(r.num, r.den);
  i128 rem = r.num - q * r.den; // 0 <= rem < den
  if (mode == numerics::Rounding::Floor || rem == 0)
    return q;
  i128 twice = 2 * rem;
  if (twice < r.den)
    return q;
  if (twice > r.den)
    return q + 1;
  switch (mode) {
  case numerics::Rounding::HalfEven:
    return (q % 2 == 0) ? q : q + 1;
  case numerics::Rounding::HalfUp:
    return q + 1;
  case numerics::Rounding::HalfAway:
    return r.num > 0 ? q + 1 : q;
  case numerics::Rounding::Floor:
    break;
  }
  return q;
}

inline i128 clamp(i128 v, numerics::Grid g) {
  if (v < g.lo)
    return g.lo;
  if (v > g.hi)
    return g.hi;
  return v;
}

/// a / 2^k rounded.
inline i128 shiftRight(i128 a, unsigned k, numerics::Rounding mode) {
  return round(Rational{a, i128(1) << k}, mode);
}

/// Requantization: a * 2^-shift rounded (or exactly scaled), then clamped.
inline i128 requantize(i128 a, int shift, numerics::Rounding mode,
                       numerics::Grid g) {
  if (shift >= 0)
    return clamp(shiftRight(a, unsigned(shift), mode), g);
  return clamp(a * (i128(1) << unsigned(-shift)), g);
}

} // namespace mlir::tqt::oracle

#endif // TQT_UNITTESTS_SUPPORT_EXACTORACLE_H
