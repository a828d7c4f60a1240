//===- Activations.h - The smooth activations, as exact op sequences -*- C++
//-*-===//
//
// Sigmoid, tanh, hard sigmoid, hard swish and SiLU, each defined as one fixed
// sequence of IEEE-754 single-precision operations (+, -, *, /, floor,
// compare/select, and a power of two built from its exponent bits). Every
// operation is correctly rounded, so the sequence has one result on every
// machine: the float simulation (the linalg lowering emits the same sequence
// as arith ops), the folder and the lookup tables of the integer program
// (built at compile time by running the sequence in C++) agree bit for bit by
// construction. docs/Numerics.md section 15 states the sequences.
//
// The sequences are written once, as templates over a backend `Ops` that
// supplies the operations: `FloatOps` below evaluates them in C++; the MLIR
// lowering instantiates them with a builder of arith ops. No library `exp`
// is used: libm implementations differ between machines and versions.
//
// Plain C++17, header-only, no MLIR or LLVM dependency (like FixedPoint.h).
//
//===----------------------------------------------------------------------===//

#ifndef TQT_SUPPORT_ACTIVATIONS_H
#define TQT_SUPPORT_ACTIVATIONS_H

#include <cmath>
#include <cstdint>
#include <cstring>

namespace mlir::tqt {
namespace numerics {

/// The activations. The order matches the `tqt.activation` kinds.
enum class Activation : uint32_t {
  Sigmoid = 0,
  Tanh = 1,
  HardSigmoid = 2,
  HardSwish = 3,
  SiLU = 4,
};

constexpr Activation kAllActivations[] = {
    Activation::Sigmoid, Activation::Tanh, Activation::HardSigmoid,
    Activation::HardSwish, Activation::SiLU};

/// Whether the activation's values are never negative (sigmoid, hard
/// sigmoid): their output quantizer is unsigned.
constexpr bool isNonNegative(Activation a) {
  return a == Activation::Sigmoid || a == Activation::HardSigmoid;
}

// The exp of the sequences (Cody-Waite reduction by ln 2 and the degree-6
// polynomial of Cephes' expf). Inputs are clamped to [kExpLo, kExpHi] so that
// the power of two is a normal float: exp saturates at e^88 and e^-87 instead
// of overflowing to inf or underflowing to 0.
constexpr float kExpLo = -87.0f;
constexpr float kExpHi = 88.0f;
constexpr float kLog2e = 1.44269504088896341f;
constexpr float kLn2Hi = 0.693359375f; // 10 significant bits: n * hi is exact
constexpr float kLn2Lo = -2.12194440e-4f;
constexpr float kExpPoly[6] = {1.9875691500e-4f, 1.3981999507e-3f,
                               8.3334519073e-3f, 4.1665795894e-2f,
                               1.6666665459e-1f, 5.0000001201e-1f};

/// exp(x) by the fixed sequence. NaN gives NaN, +-inf the clamped values.
/// Backend requirements: Value, Bool, constant(float), add, sub, mul, div,
/// floor, lt, gt, isNaN, select(Bool, Value, Value), exp2(Value n) = 2^n for
/// an integral n in [-126, 127] (exact).
template <typename Ops>
typename Ops::Value expSequence(Ops &o, typename Ops::Value x) {
  using V = typename Ops::Value;
  V zero = o.constant(0.0f);
  typename Ops::Bool nan = o.isNaN(x);
  V xs = o.select(nan, zero, x);
  V lo = o.constant(kExpLo), hi = o.constant(kExpHi);
  xs = o.select(o.lt(xs, lo), lo, xs);
  xs = o.select(o.gt(xs, hi), hi, xs);
  V n = o.floor(o.add(o.mul(xs, o.constant(kLog2e)), o.constant(0.5f)));
  V r = o.sub(xs, o.mul(n, o.constant(kLn2Hi)));
  r = o.sub(r, o.mul(n, o.constant(kLn2Lo)));
  V z = o.mul(r, r);
  V p = o.constant(kExpPoly[0]);
  for (int i = 1; i < 6; ++i)
    p = o.add(o.mul(p, r), o.constant(kExpPoly[i]));
  p = o.add(o.add(o.mul(p, z), r), o.constant(1.0f));
  V e = o.mul(p, o.exp2(n));
  return o.select(nan, x, e);
}

/// min(max(x + 3, 0), 6): the ReLU6 of x + 3 shared by the hard functions
/// (a NaN stays NaN).
template <typename Ops>
typename Ops::Value relu6Plus3(Ops &o, typename Ops::Value x) {
  using V = typename Ops::Value;
  V zero = o.constant(0.0f), six = o.constant(6.0f);
  V t = o.add(x, o.constant(3.0f));
  t = o.select(o.lt(t, zero), zero, t);
  return o.select(o.gt(t, six), six, t);
}

/// The activation `a` of x by its sequence:
///   sigmoid(x)     = 1 / (1 + exp(-x))
///   tanh(x)        = 1 - 2 / (exp(2 x) + 1)
///   hardsigmoid(x) = min(max(x + 3, 0), 6) / 6
///   hardswish(x)   = (x * min(max(x + 3, 0), 6)) / 6
///   silu(x)        = x / (1 + exp(-x))
/// (PyTorch's formulas; the hard ones round exactly as PyTorch's kernels.)
template <typename Ops>
typename Ops::Value activationSequence(Ops &o, Activation a,
                                       typename Ops::Value x) {
  using V = typename Ops::Value;
  V one = o.constant(1.0f);
  switch (a) {
  case Activation::Sigmoid:
    return o.div(one, o.add(one, expSequence(o, o.neg(x))));
  case Activation::Tanh: {
    V e = expSequence(o, o.add(x, x));
    return o.sub(one, o.div(o.constant(2.0f), o.add(e, one)));
  }
  case Activation::HardSigmoid:
    return o.div(relu6Plus3(o, x), o.constant(6.0f));
  case Activation::HardSwish:
    return o.div(o.mul(x, relu6Plus3(o, x)), o.constant(6.0f));
  case Activation::SiLU:
    return o.div(x, o.add(one, expSequence(o, o.neg(x))));
  }
  return x;
}

/// d activation / dx at x (the training graph's backward; not part of any
/// bit-exactness contract, but one definition for every user):
///   sigmoid: s (1 - s); tanh: 1 - t^2; hardsigmoid: 1/6 on (-3, 3), else 0;
///   hardswish: 0 below -3, x / 3 + 1/2 up to 3, 1 above (PyTorch's);
///   silu: s (1 + x (1 - s)) with s = sigmoid(x).
template <typename Ops>
typename Ops::Value activationDerivative(Ops &o, Activation a,
                                         typename Ops::Value x) {
  using V = typename Ops::Value;
  V zero = o.constant(0.0f), one = o.constant(1.0f);
  V three = o.constant(3.0f), minus3 = o.constant(-3.0f);
  switch (a) {
  case Activation::Sigmoid: {
    V s = activationSequence(o, Activation::Sigmoid, x);
    return o.mul(s, o.sub(one, s));
  }
  case Activation::Tanh: {
    V t = activationSequence(o, Activation::Tanh, x);
    return o.sub(one, o.mul(t, t));
  }
  case Activation::HardSigmoid: {
    V inside = o.select(o.gt(x, minus3), o.constant(1.0f / 6.0f), zero);
    return o.select(o.lt(x, three), inside, zero);
  }
  case Activation::HardSwish: {
    V mid = o.add(o.div(x, three), o.constant(0.5f));
    V upper = o.select(o.gt(x, three), one, mid);
    return o.select(o.lt(x, minus3), zero, upper);
  }
  case Activation::SiLU: {
    V s = activationSequence(o, Activation::Sigmoid, x);
    return o.mul(s, o.add(one, o.mul(x, o.sub(one, s))));
  }
  }
  return zero;
}

/// The C++ backend: each operation is its own function, so no two of them
/// can be contracted into one (an FMA would round once instead of twice).
struct FloatOps {
  using Value = float;
  using Bool = bool;
  static float constant(float v) { return v; }
  static float add(float a, float b) { return a + b; }
  static float sub(float a, float b) { return a - b; }
  static float mul(float a, float b) { return a * b; }
  static float div(float a, float b) { return a / b; }
  static float neg(float a) { return -a; }
  static float floor(float a) { return std::floor(a); }
  static bool lt(float a, float b) { return a < b; }
  static bool gt(float a, float b) { return a > b; }
  static bool isNaN(float a) { return a != a; }
  static float select(bool c, float a, float b) { return c ? a : b; }
  static float exp2(float n) {
    uint32_t bits = uint32_t(int32_t(n) + 127) << 23;
    float v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
};

/// The activation of one float, as the simulation computes it.
inline float activation(Activation a, float x) {
  FloatOps o;
  return activationSequence(o, a, x);
}

/// Its derivative at x.
inline float activationGrad(Activation a, float x) {
  FloatOps o;
  return activationDerivative(o, a, x);
}

} // namespace numerics
} // namespace mlir::tqt

#endif // TQT_SUPPORT_ACTIVATIONS_H
