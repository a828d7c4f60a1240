//===- TQTToLinalg.cpp - Lower tqt ops to linalg on tensors ---------------===//
//
// Each tqt op becomes one (or, for fake_quant_grad, two) linalg.generic ops
// whose scalar bodies compute the numbers of FixedPoint.h exactly. The
// comments at each step say why the f32 arithmetic used here is exact, or
// how an inexact corner (f32 underflow, grids wider than 24 bits) is made to
// agree with the reference.
//
//===----------------------------------------------------------------------===//

#include "tqt/Conversion/Passes.h"
#include "tqt/Conversion/QuantizeArith.h"
#include "tqt/Conversion/RequantizeArith.h"

#include "tqt/Dialect/TQT/IR/ActivationArith.h"
#include "tqt/Dialect/TQT/IR/TQTOps.h"
#include "tqt/Support/FixedPoint.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

namespace mlir::tqt {
#define GEN_PASS_DEF_CONVERTTQTTOLINALG
#include "tqt/Conversion/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;
namespace num = ::mlir::tqt::numerics;

namespace {

//===----------------------------------------------------------------------===//
// Scalar helpers (used inside linalg bodies and for per-tensor scalars)
//===----------------------------------------------------------------------===//

Value f32Const(ImplicitLocOpBuilder &b, double v) {
  return arith::ConstantOp::create(b, b.getF32FloatAttr(float(v)));
}

Value f64Const(ImplicitLocOpBuilder &b, double v) {
  return arith::ConstantOp::create(b, b.getF64FloatAttr(v));
}

Value intConst(ImplicitLocOpBuilder &b, Type type, int64_t v) {
  return arith::ConstantOp::create(b, b.getIntegerAttr(type, v));
}

/// Largest f32 <= v and smallest f32 >= v (v an integer of at most 64 bits).
float f32AtMost(int64_t v) {
  float f = float(v);
  if (double(f) > double(v))
    f = std::nextafter(f, -INFINITY);
  return f;
}
float f32AtLeast(int64_t v) {
  float f = float(v);
  if (double(f) < double(v))
    f = std::nextafter(f, INFINITY);
  return f;
}

/// 2^e as f32 for e in [-126, 127] (an i32 value): the exponent field alone.
Value pow2F32(ImplicitLocOpBuilder &b, Value e) {
  Value biased = arith::AddIOp::create(b, e, intConst(b, b.getI32Type(), 127));
  Value bits =
      arith::ShLIOp::create(b, biased, intConst(b, b.getI32Type(), 23));
  return arith::BitcastOp::create(b, b.getF32Type(), bits);
}

/// 2^e as f64 for e in [-126, 127] (an i32 value).
Value pow2F64(ImplicitLocOpBuilder &b, Value e) {
  Value e64 = arith::ExtSIOp::create(b, b.getI64Type(), e);
  Value biased =
      arith::AddIOp::create(b, e64, intConst(b, b.getI64Type(), 1023));
  Value bits =
      arith::ShLIOp::create(b, biased, intConst(b, b.getI64Type(), 52));
  return arith::BitcastOp::create(b, b.getF64Type(), bits);
}

Value isNaN(ImplicitLocOpBuilder &b, Value v) {
  return arith::CmpFOp::create(b, arith::CmpFPredicate::UNO, v, v);
}

/// R(v) on f32 for every tie rule. `x` is the unscaled input: it decides the
/// one case f32 gets wrong, a negative x whose scaled value underflowed to
/// -0.0 under `floor` (the exact value is a tiny negative number, whose floor
/// is -1). Everywhere else v = x * 2^-e is exact or so small that every
/// half-* mode gives 0 anyway.
Value roundF32(ImplicitLocOpBuilder &b, Value v, Value x, RoundingMode mode) {
  switch (mode) {
  case RoundingMode::HalfEven:
    return math::RoundEvenOp::create(b, v);
  case RoundingMode::HalfAway:
    return math::RoundOp::create(b, v);
  case RoundingMode::HalfUp: {
    // floor(v) + (v - floor(v) >= 1/2): exact, unlike floor(v + 0.5) which
    // rounds v + 0.5 for |v| >= 2^23. For infinities d is NaN and the
    // ordered compare keeps f.
    Value f = math::FloorOp::create(b, v);
    Value d = arith::SubFOp::create(b, v, f);
    Value up = arith::CmpFOp::create(b, arith::CmpFPredicate::OGE, d,
                                     f32Const(b, 0.5));
    Value f1 = arith::AddFOp::create(b, f, f32Const(b, 1.0));
    return arith::SelectOp::create(b, up, f1, f);
  }
  case RoundingMode::Floor: {
    Value f = math::FloorOp::create(b, v);
    Value zero = f32Const(b, 0.0);
    Value xNeg = arith::CmpFOp::create(b, arith::CmpFPredicate::OLT, x, zero);
    Value vZero = arith::CmpFOp::create(b, arith::CmpFPredicate::OEQ, v, zero);
    Value underflow = arith::AndIOp::create(b, xNeg, vZero);
    return arith::SelectOp::create(b, underflow, f32Const(b, -1.0), f);
  }
  }
  llvm_unreachable("unknown rounding mode");
}

/// The per-tensor scale of a quantizer with log2 threshold `log2T` (a 0-d
/// tensor): e = clamp(ceil(log2T) - (b - sigma), -126, 127) (0 for a NaN
/// threshold, whose results are replaced by NaN).
struct ThresholdScale {
  Value exp;      // i32
  Value scale;    // f32, 2^e
  Value rcp;      // f32, 2^-e (exact: 2^-127 is an f32 subnormal)
  Value thetaNaN; // i1
};

ThresholdScale scaleOfThreshold(ImplicitLocOpBuilder &b, Value theta,
                                const num::QuantizerSpec &spec) {
  Value nan = isNaN(b, theta);
  Value e = math::CeilOp::create(b, theta);
  e = arith::SubFOp::create(
      b, e, f32Const(b, num::levelsExponent(spec.bits, spec.isSigned)));
  e = arith::MaximumFOp::create(b, e, f32Const(b, num::kMinExp));
  e = arith::MinimumFOp::create(b, e, f32Const(b, num::kMaxExp));
  e = arith::SelectOp::create(b, nan, f32Const(b, 0.0), e);
  Value ei = arith::FPToSIOp::create(b, b.getI32Type(), e);
  Value s = pow2F32(b, ei);
  Value rcp = arith::DivFOp::create(b, f32Const(b, 1.0), s);
  return {ei, s, rcp, nan};
}

ThresholdScale computeScale(ImplicitLocOpBuilder &b, Value log2T,
                            const num::QuantizerSpec &spec) {
  return scaleOfThreshold(b, tensor::ExtractOp::create(b, log2T, ValueRange{}),
                          spec);
}

/// Float bounds of a grid: exact in-range tests for an f32 integer r are
/// `r >= lowF` and `r <= highF`; `clipLo`/`clipHi` are the f32 values of the
/// saturated codes n and p (RNE, as dequantize produces them).
struct FloatGrid {
  float lowF, highF, clipLo, clipHi;
};

FloatGrid floatGrid(num::Grid g) {
  return {f32AtLeast(g.lo), f32AtMost(g.hi), float(g.lo), float(g.hi)};
}

//===----------------------------------------------------------------------===//
// linalg.generic construction
//===----------------------------------------------------------------------===//

SmallVector<Value> elementwise(
    ImplicitLocOpBuilder &b, ValueRange inputs,
    ArrayRef<Type> resultElementTypes,
    function_ref<SmallVector<Value>(ImplicitLocOpBuilder &, ValueRange)> body,
    ValueRange channelInputs = {}, std::optional<int64_t> axis = {});

Value emptyLike(ImplicitLocOpBuilder &b, Value like, Type elementType) {
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, b.getLoc(), like);
  return tensor::EmptyOp::create(b, sizes, elementType);
}

/// The map of a per-channel parameter tensor [C] read along `axis` of a
/// rank-`rank` iteration space.
AffineMap channelMap(ImplicitLocOpBuilder &b, unsigned rank, int64_t axis) {
  return AffineMap::get(rank, 0, b.getAffineDimExpr(unsigned(axis)),
                        b.getContext());
}

/// An elementwise linalg.generic over `inputs` (all of the same shape) and
/// `channelInputs` (1-d tensors read at the element's index along `axis`),
/// producing tensors of `resultElementTypes`. The body sees the inputs, then
/// the channel inputs.
SmallVector<Value> elementwise(
    ImplicitLocOpBuilder &b, ValueRange inputs,
    ArrayRef<Type> resultElementTypes,
    function_ref<SmallVector<Value>(ImplicitLocOpBuilder &, ValueRange)> body,
    ValueRange channelInputs, std::optional<int64_t> axis) {
  auto shaped = cast<RankedTensorType>(inputs.front().getType());
  unsigned rank = shaped.getRank();
  SmallVector<Value> outs;
  SmallVector<Type> resultTypes;
  for (Type t : resultElementTypes) {
    outs.push_back(emptyLike(b, inputs.front(), t));
    resultTypes.push_back(shaped.clone(t));
  }
  SmallVector<AffineMap> maps(inputs.size(), b.getMultiDimIdentityMap(rank));
  for (size_t i = 0; i < channelInputs.size(); ++i)
    maps.push_back(channelMap(b, rank, *axis));
  maps.append(outs.size(), b.getMultiDimIdentityMap(rank));
  SmallVector<Value> allInputs(inputs);
  allInputs.append(channelInputs.begin(), channelInputs.end());
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, resultTypes, allInputs, outs, maps, iterators,
      [&](OpBuilder &nested, Location loc, ValueRange args) {
        ImplicitLocOpBuilder ib(loc, nested);
        SmallVector<Value> results =
            body(ib, args.take_front(allInputs.size()));
        linalg::YieldOp::create(ib, results);
      });
  return SmallVector<Value>(generic.getResults());
}

/// The scales of per-channel thresholds `log2T` ([C]), computed once per
/// channel rather than per element: [C] tensors of the exponent (i32), 2^e
/// and 2^-e (f32) and the NaN flag (i1), in that order, the channel inputs
/// that `channelScale` reads back inside an element's body.
SmallVector<Value> channelScales(ImplicitLocOpBuilder &b, Value log2T,
                                 const num::QuantizerSpec &spec) {
  return elementwise(
      b, log2T, {b.getI32Type(), b.getF32Type(), b.getF32Type(), b.getI1Type()},
      [&](ImplicitLocOpBuilder &ib, ValueRange args) -> SmallVector<Value> {
        ThresholdScale ts = scaleOfThreshold(ib, args[0], spec);
        return {ts.exp, ts.scale, ts.rcp, ts.thetaNaN};
      });
}

/// The scale of an element's channel from the four channel inputs of
/// `channelScales`.
ThresholdScale channelScale(ValueRange channelArgs) {
  return {channelArgs[0], channelArgs[1], channelArgs[2], channelArgs[3]};
}

/// A constant 1-d tensor of per-channel values.
Value channelConstant(ImplicitLocOpBuilder &b, Type elementType,
                      ArrayRef<Attribute> values) {
  auto type = RankedTensorType::get({int64_t(values.size())}, elementType);
  return arith::ConstantOp::create(b, DenseElementsAttr::get(type, values));
}

/// The f32 constants 2^(sign * e) of per-channel exponents, as a [C] tensor
/// (exact: exponents are in [-126, 127]).
Value channelPow2(ImplicitLocOpBuilder &b, const ChannelInts &exps, int sign) {
  SmallVector<Attribute> values;
  for (int64_t e : exps.values)
    values.push_back(b.getF32FloatAttr(float(std::ldexp(1.0, sign * int(e)))));
  return channelConstant(b, b.getF32Type(), values);
}

//===----------------------------------------------------------------------===//
// Element computations
//===----------------------------------------------------------------------===//

/// v = x * 2^-e and its rounded, unclipped value r = R(v) (NaN stays NaN).
struct ScaledValue {
  Value v, r;
};

ScaledValue scaleAndRound(ImplicitLocOpBuilder &b, Value x, Value rcp,
                          RoundingMode mode) {
  Value v = arith::MulFOp::create(b, x, rcp);
  return {v, roundF32(b, v, x, mode)};
}

Value roundedScaled(ImplicitLocOpBuilder &b, Value x, Value rcp,
                    RoundingMode mode) {
  return scaleAndRound(b, x, rcp, mode).r;
}

/// clip(r) as the f32 value of the saturated code (min with p first).
Value clipF32(ImplicitLocOpBuilder &b, Value r, const FloatGrid &fg) {
  Value c = arith::MinimumFOp::create(b, r, f32Const(b, fg.clipHi));
  return arith::MaximumFOp::create(b, c, f32Const(b, fg.clipLo));
}

/// The f32 value of x's code at scale `scale` = 1 / `rcp`:
/// RNE(clip_int(R(x * rcp))) * scale, +0.0 for NaN. Clipping at the f32
/// values of n and p is the same for the f32 integer R(...), and the product
/// with the power of 2 is exact (or overflows to inf as the reference does).
Value quantizedValue(ImplicitLocOpBuilder &b, Value x, Value rcp, Value scale,
                     const FloatGrid &fg, RoundingMode mode) {
  Value r = roundedScaled(b, x, rcp, mode);
  // The + 0.0 turns a rounded -0.0 into the +0.0 of code 0.
  Value c = arith::AddFOp::create(b, clipF32(b, r, fg), f32Const(b, 0.0));
  Value q = arith::MulFOp::create(b, c, scale);
  return arith::SelectOp::create(b, isNaN(b, x), f32Const(b, 0.0), q);
}

/// The integer code of a rounded f32 value, in `intType` (i32 or i64, wide
/// enough for the grid). NaN gives 0; the conversion only ever sees
/// in-range values.
Value codeOf(ImplicitLocOpBuilder &b, Value r, num::Grid g, Type intType) {
  FloatGrid fg = floatGrid(g);
  Value nan = isNaN(b, r);
  Value safe = arith::SelectOp::create(b, nan, f32Const(b, 0.0), r);
  Value above = arith::CmpFOp::create(b, arith::CmpFPredicate::OGT, safe,
                                      f32Const(b, fg.highF));
  Value below = arith::CmpFOp::create(b, arith::CmpFPredicate::OLT, safe,
                                      f32Const(b, fg.lowF));
  Value inRange = arith::MinimumFOp::create(b, safe, f32Const(b, fg.highF));
  inRange = arith::MaximumFOp::create(b, inRange, f32Const(b, fg.lowF));
  Value code = arith::FPToSIOp::create(b, intType, inRange);
  code = arith::SelectOp::create(b, below, intConst(b, intType, g.lo), code);
  return arith::SelectOp::create(b, above, intConst(b, intType, g.hi), code);
}

/// Converts an integer in `from` to the storage type `to` (truncation keeps
/// the low bits: codes always fit the storage by verification).
Value toStorage(ImplicitLocOpBuilder &b, Value v, IntegerType to) {
  auto from = cast<IntegerType>(v.getType());
  if (from.getWidth() == to.getWidth())
    return v;
  if (from.getWidth() > to.getWidth())
    return arith::TruncIOp::create(b, to, v);
  return arith::ExtSIOp::create(b, to, v);
}

/// Reads a storage integer as signed or unsigned into `to`.
Value readStorage(ImplicitLocOpBuilder &b, Value v, bool isSigned,
                  IntegerType to) {
  auto from = cast<IntegerType>(v.getType());
  if (from.getWidth() == to.getWidth())
    return v;
  if (isSigned)
    return arith::ExtSIOp::create(b, to, v);
  return arith::ExtUIOp::create(b, to, v);
}

bool fitsInt32(num::Grid g) { return g.lo >= INT32_MIN && g.hi <= INT32_MAX; }

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

struct FakeQuantLowering : OpConversionPattern<FakeQuantOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(FakeQuantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    num::QuantizerSpec spec = op.getSpec();
    RoundingMode mode = op.getRounding();
    FloatGrid fg = floatGrid(spec.grid());
    if (std::optional<int64_t> axis = op.getAxis()) {
      // Each element's scale from its channel's, computed once per channel.
      SmallVector<Value> results = elementwise(
          b, adaptor.getX(), {b.getF32Type()},
          [&](ImplicitLocOpBuilder &ib, ValueRange args) -> SmallVector<Value> {
            ThresholdScale ts = channelScale(args.drop_front());
            Value q = quantizedValue(ib, args[0], ts.rcp, ts.scale, fg, mode);
            return {
                arith::SelectOp::create(ib, ts.thetaNaN, f32Const(ib, NAN), q)};
          },
          channelScales(b, adaptor.getLog2T(), spec), axis);
      rewriter.replaceOp(op, results);
      return success();
    }
    ThresholdScale ts = computeScale(b, adaptor.getLog2T(), spec);
    SmallVector<Value> results = elementwise(
        b, adaptor.getX(), {b.getF32Type()},
        [&](ImplicitLocOpBuilder &ib, ValueRange args) -> SmallVector<Value> {
          Value q = quantizedValue(ib, args[0], ts.rcp, ts.scale, fg, mode);
          return {
              arith::SelectOp::create(ib, ts.thetaNaN, f32Const(ib, NAN), q)};
        });
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// dx of one element: dy inside (n <= r <= p on the rounded value), 0
/// elsewhere, NaN for a NaN threshold.
Value gradientInside(ImplicitLocOpBuilder &b, Value x, Value dy,
                     const ThresholdScale &ts, const FloatGrid &fg,
                     RoundingMode mode) {
  Value r = roundedScaled(b, x, ts.rcp, mode);
  Value geLo = arith::CmpFOp::create(b, arith::CmpFPredicate::OGE, r,
                                     f32Const(b, fg.lowF));
  Value leHi = arith::CmpFOp::create(b, arith::CmpFPredicate::OLE, r,
                                     f32Const(b, fg.highF));
  Value inside = arith::AndIOp::create(b, geLo, leHi);
  Value g = arith::SelectOp::create(b, inside, dy, f32Const(b, 0.0));
  return arith::SelectOp::create(b, ts.thetaNaN, f32Const(b, NAN), g);
}

/// One element's term of the threshold gradient's sum, in f64:
/// dy * {n | r - v | p}, 0 for NaN inputs.
Value thresholdTerm(ImplicitLocOpBuilder &b, Value x, Value dy,
                    const ThresholdScale &ts, num::Grid grid,
                    const FloatGrid &fg, RoundingMode mode) {
  auto [v, r] = scaleAndRound(b, x, ts.rcp, mode);
  Value below = arith::CmpFOp::create(b, arith::CmpFPredicate::OLT, r,
                                      f32Const(b, fg.lowF));
  Value above = arith::CmpFOp::create(b, arith::CmpFPredicate::OGT, r,
                                      f32Const(b, fg.highF));
  // Inside term in f64: r - v is then exact for every f32 pair.
  Value r64 = arith::ExtFOp::create(b, b.getF64Type(), r);
  Value v64 = arith::ExtFOp::create(b, b.getF64Type(), v);
  Value term = arith::SubFOp::create(b, r64, v64);
  term = arith::SelectOp::create(b, below, f64Const(b, double(grid.lo)), term);
  term = arith::SelectOp::create(b, above, f64Const(b, double(grid.hi)), term);
  term = arith::SelectOp::create(b, isNaN(b, x), f64Const(b, 0.0), term);
  // Zero terms add nothing, even for an infinite or NaN dy (as in the
  // reference).
  Value dy64 = arith::ExtFOp::create(b, b.getF64Type(), dy);
  Value contrib = arith::MulFOp::create(b, dy64, term);
  Value isZero = arith::CmpFOp::create(b, arith::CmpFPredicate::OEQ, term,
                                       f64Const(b, 0.0));
  return arith::SelectOp::create(b, isZero, f64Const(b, 0.0), contrib);
}

/// dlog2_t from the f64 sum: sum * s * ln2 rounded once to f32, NaN for a
/// NaN threshold.
Value thresholdGradient(ImplicitLocOpBuilder &b, Value sum,
                        const ThresholdScale &ts) {
  Value sLn2 = arith::MulFOp::create(b, pow2F64(b, ts.exp), f64Const(b, M_LN2));
  Value dt = arith::TruncFOp::create(b, b.getF32Type(),
                                     arith::MulFOp::create(b, sum, sLn2));
  return arith::SelectOp::create(b, ts.thetaNaN, f32Const(b, NAN), dt);
}

struct FakeQuantGradLowering : OpConversionPattern<FakeQuantGradOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(FakeQuantGradOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    if (std::optional<int64_t> axis = op.getAxis()) {
      rewriter.replaceOp(op, perChannel(b, op, adaptor, *axis));
      return success();
    }
    num::QuantizerSpec spec = op.getSpec();
    RoundingMode mode = op.getRounding();
    num::Grid grid = spec.grid();
    FloatGrid fg = floatGrid(grid);
    ThresholdScale ts = computeScale(b, adaptor.getLog2T(), spec);
    Value x = adaptor.getX(), dy = adaptor.getDy();
    Value dx = elementwise(
        b, {x, dy}, {b.getF32Type()},
        [&](ImplicitLocOpBuilder &ib, ValueRange args) -> SmallVector<Value> {
          return {gradientInside(ib, args[0], args[1], ts, fg, mode)};
        })[0];

    // sum_i dy_i * {n | r_i - v_i | p} in f64, row-major, then * s * ln2.
    auto xType = cast<RankedTensorType>(x.getType());
    unsigned rank = xType.getRank();
    auto accType = RankedTensorType::get({}, b.getF64Type());
    Value init =
        tensor::EmptyOp::create(b, ArrayRef<int64_t>{}, b.getF64Type());
    init = linalg::FillOp::create(b, ValueRange{f64Const(b, 0.0)},
                                  ValueRange{init})
               .getResult(0);
    SmallVector<AffineMap> maps(2, b.getMultiDimIdentityMap(rank));
    maps.push_back(AffineMap::get(rank, 0, b.getContext()));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::reduction);
    auto reduce = linalg::GenericOp::create(
        b, TypeRange{accType}, ValueRange{x, dy}, ValueRange{init}, maps,
        iterators, [&](OpBuilder &nested, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nested);
          Value contrib =
              thresholdTerm(ib, args[0], args[1], ts, grid, fg, mode);
          linalg::YieldOp::create(
              ib, ValueRange{arith::AddFOp::create(ib, args[2], contrib)});
        });
    Value sum = tensor::ExtractOp::create(b, reduce.getResult(0), ValueRange{});
    Value dt = thresholdGradient(b, sum, ts);
    Value dtTensor = tensor::FromElementsOp::create(
        b, RankedTensorType::get({}, b.getF32Type()), ValueRange{dt});
    rewriter.replaceOp(op, {dx, dtTensor});
    return success();
  }

  /// Per channel: the same numbers with each channel's scale, and one sum
  /// per channel (its elements in row-major order: the loops run in
  /// dimension order, the channel dimension parallel).
  SmallVector<Value> perChannel(ImplicitLocOpBuilder &b, FakeQuantGradOp op,
                                OpAdaptor adaptor, int64_t axis) const {
    num::QuantizerSpec spec = op.getSpec();
    RoundingMode mode = op.getRounding();
    num::Grid grid = spec.grid();
    FloatGrid fg = floatGrid(grid);
    Value x = adaptor.getX(), dy = adaptor.getDy(), t = adaptor.getLog2T();
    SmallVector<Value> scales = channelScales(b, t, spec);
    Value dx = elementwise(
        b, {x, dy}, {b.getF32Type()},
        [&](ImplicitLocOpBuilder &ib, ValueRange args) -> SmallVector<Value> {
          ThresholdScale ts = channelScale(args.drop_front(2));
          return {gradientInside(ib, args[0], args[1], ts, fg, mode)};
        },
        scales, axis)[0];

    auto xType = cast<RankedTensorType>(x.getType());
    unsigned rank = xType.getRank();
    OpFoldResult channels = tensor::getMixedSize(b, b.getLoc(), x, axis);
    Value init = tensor::EmptyOp::create(b, ArrayRef<OpFoldResult>{channels},
                                         b.getF64Type());
    init = linalg::FillOp::create(b, ValueRange{f64Const(b, 0.0)},
                                  ValueRange{init})
               .getResult(0);
    // Inputs x, dy, the four channel scales; the [C] sums last.
    SmallVector<AffineMap> maps(2, b.getMultiDimIdentityMap(rank));
    maps.append(scales.size() + 1, channelMap(b, rank, axis));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::reduction);
    iterators[axis] = utils::IteratorType::parallel;
    SmallVector<Value> inputs = {x, dy};
    inputs.append(scales.begin(), scales.end());
    auto reduce = linalg::GenericOp::create(
        b, TypeRange{init.getType()}, inputs, ValueRange{init}, maps, iterators,
        [&](OpBuilder &nested, Location loc, ValueRange args) {
          ImplicitLocOpBuilder ib(loc, nested);
          ThresholdScale ts = channelScale(args.slice(2, scales.size()));
          Value contrib =
              thresholdTerm(ib, args[0], args[1], ts, grid, fg, mode);
          linalg::YieldOp::create(
              ib, ValueRange{arith::AddFOp::create(ib, args.back(), contrib)});
        });
    Value sums = reduce.getResult(0);
    SmallVector<Value> sumAndScales = {sums};
    sumAndScales.append(scales.begin(), scales.end());
    Value dt = elementwise(
        b, sumAndScales, {b.getF32Type()},
        [&](ImplicitLocOpBuilder &ib, ValueRange args) -> SmallVector<Value> {
          return {
              thresholdGradient(ib, args[0], channelScale(args.drop_front()))};
        })[0];
    if (dt.getType() != op.getDlog2T().getType())
      dt = tensor::CastOp::create(b, op.getDlog2T().getType(), dt);
    return {dx, dt};
  }
};

struct QuantizeLowering : OpConversionPattern<QuantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    num::QuantizerSpec spec = op.getSpec();
    num::Grid grid = spec.grid();
    RoundingMode mode = op.getRounding();
    auto storage =
        cast<IntegerType>(cast<ShapedType>(op.getType()).getElementType());
    Type work = fitsInt32(grid) ? b.getI32Type() : b.getI64Type();
    ChannelInts exps = op.getExponents();
    // 2^-exp is an f32 (subnormal only for exp = 127, still exact).
    Value rcp = f32Const(b, std::ldexp(1.0, -int(exps.at(0))));
    SmallVector<Value> channelRcp;
    if (exps.isPerChannel())
      channelRcp.push_back(channelPow2(b, exps, -1));
    SmallVector<Value> results = elementwise(
        b, adaptor.getX(), {storage},
        [&](ImplicitLocOpBuilder &ib, ValueRange args) -> SmallVector<Value> {
          Value r = roundedScaled(ib, args[0],
                                  exps.isPerChannel() ? args[1] : rcp, mode);
          return {toStorage(ib, codeOf(ib, r, grid, work), storage)};
        },
        channelRcp, exps.axis);
    rewriter.replaceOp(op, results);
    return success();
  }
};

struct DequantizeLowering : OpConversionPattern<DequantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    auto storage = cast<IntegerType>(
        cast<ShapedType>(adaptor.getInput().getType()).getElementType());
    bool isSigned = op.getIsSigned();
    // i32 holds every signed storage up to 32 bits and unsigned up to 31.
    unsigned width = storage.getWidth();
    IntegerType work = (width < 32 || (width == 32 && isSigned))
                           ? b.getI32Type()
                           : b.getI64Type();
    ChannelInts exps = op.getExponents();
    Value scale = f32Const(b, std::ldexp(1.0, int(exps.at(0))));
    SmallVector<Value> channelScale;
    if (exps.isPerChannel())
      channelScale.push_back(channelPow2(b, exps, 1));
    SmallVector<Value> results = elementwise(
        b, adaptor.getInput(), {b.getF32Type()},
        [&](ImplicitLocOpBuilder &ib, ValueRange args) -> SmallVector<Value> {
          Value q = readStorage(ib, args[0], isSigned, work);
          // sitofp rounds to nearest even, then the power-of-2 product is
          // exact: RNE(q) * 2^exp as in the reference.
          Value f = arith::SIToFPOp::create(ib, ib.getF32Type(), q);
          return {arith::MulFOp::create(ib, f,
                                        exps.isPerChannel() ? args[1] : scale)};
        },
        channelScale, exps.axis);
    rewriter.replaceOp(op, results);
    return success();
  }
};

struct RequantizeLowering : OpConversionPattern<RequantizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(RequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    num::Grid grid = op.getClampedGrid();
    num::Rounding mode = toNumerics(op.getRounding());
    ChannelInts shifts = op.getShifts();
    bool inputSigned = !op.getInputUnsigned();
    auto inType = cast<IntegerType>(
        cast<ShapedType>(adaptor.getInput().getType()).getElementType());
    auto outType =
        cast<IntegerType>(cast<ShapedType>(op.getType()).getElementType());
    // Per channel: the requantization by each distinct shift, the channel's
    // one selected (layers have a handful of distinct shifts).
    SmallVector<int64_t> distinct(shifts.values);
    llvm::sort(distinct);
    distinct.erase(llvm::unique(distinct), distinct.end());
    IntegerType work = b.getI32Type();
    for (int64_t k : distinct)
      if (requantizeWorkType(b.getContext(), inType.getWidth(), inputSigned,
                             grid, int(k))
              .getWidth() == 64)
        work = b.getI64Type();
    SmallVector<Value> channelShift;
    if (shifts.isPerChannel()) {
      SmallVector<Attribute> values;
      for (int64_t k : shifts.values)
        values.push_back(b.getI32IntegerAttr(int32_t(k)));
      channelShift.push_back(channelConstant(b, b.getI32Type(), values));
    }
    SmallVector<Value> results = elementwise(
        b, adaptor.getInput(), {outType},
        [&](ImplicitLocOpBuilder &ib, ValueRange args) -> SmallVector<Value> {
          Value a = readStorage(ib, args[0], inputSigned, work);
          Value y = buildRequantize(ib, a, int(distinct.back()), mode, grid);
          for (int64_t k : ArrayRef(distinct).drop_back()) {
            Value isK =
                arith::CmpIOp::create(ib, arith::CmpIPredicate::eq, args[1],
                                      intConst(ib, ib.getI32Type(), k));
            y = arith::SelectOp::create(
                ib, isK, buildRequantize(ib, a, int(k), mode, grid), y);
          }
          return {toStorage(ib, y, outType)};
        },
        channelShift, shifts.axis);
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// The activation's sequence (Activations.h), element by element.
struct ActivationLowering : OpConversionPattern<ActivationOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ActivationOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    num::Activation kind = op.getActivation();
    SmallVector<Value> results = elementwise(
        b, adaptor.getX(), {b.getF32Type()},
        [&](ImplicitLocOpBuilder &ib, ValueRange args) -> SmallVector<Value> {
          return {buildActivation(ib, ib.getLoc(), kind, args[0])};
        });
    rewriter.replaceOp(op, results);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct ConvertTQTToLinalgPass
    : mlir::tqt::impl::ConvertTQTToLinalgBase<ConvertTQTToLinalgPass> {
  void runOnOperation() override {
    // Unranked tensors have no loop nest: say so with the op's location
    // rather than a generic legalization failure.
    bool unranked = false;
    getOperation()->walk([&](Operation *op) {
      if (!isa<TQTDialect>(op->getDialect()))
        return;
      for (Type t :
           llvm::concat<Type>(op->getOperandTypes(), op->getResultTypes()))
        if (isa<UnrankedTensorType>(t)) {
          op->emitOpError("unranked tensor ")
              << t << " is not supported by --convert-tqt-to-linalg";
          unranked = true;
          return;
        }
    });
    if (unranked)
      return signalPassFailure();

    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    configureTQTToLinalgLegality(target);
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(ctx);
    populateTQTToLinalgConversionPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

Value mlir::tqt::buildQuantizedValues(OpBuilder &builder, Location loc, Value x,
                                      const ChannelInts &exps,
                                      const num::QuantizerSpec &spec,
                                      RoundingMode mode) {
  ImplicitLocOpBuilder b(loc, builder);
  FloatGrid fg = floatGrid(spec.grid());
  int exp = int(exps.at(0));
  Value rcp = f32Const(b, std::ldexp(1.0, -exp));
  Value scale = f32Const(b, std::ldexp(1.0, exp));
  // Per channel: the reciprocal and the scale of each channel as inputs.
  SmallVector<Value> channelInputs;
  if (exps.isPerChannel())
    channelInputs = {channelPow2(b, exps, -1), channelPow2(b, exps, 1)};
  return elementwise(
             b, x, {b.getF32Type()},
             [&](ImplicitLocOpBuilder &ib,
                 ValueRange args) -> SmallVector<Value> {
               bool pc = exps.isPerChannel();
               return {quantizedValue(ib, args[0], pc ? args[1] : rcp,
                                      pc ? args[2] : scale, fg, mode)};
             },
             channelInputs, exps.axis)
      .front();
}

void mlir::tqt::configureTQTToLinalgLegality(ConversionTarget &target) {
  target.addIllegalDialect<TQTDialect>();
  // Vector-level kernel steps (tqt-int8-kernels) stay for
  // tqt-lower-dot-steps.
  target.addLegalOp<DotStepOp>();
  target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                         math::MathDialect, tensor::TensorDialect>();
}

void mlir::tqt::populateTQTToLinalgConversionPatterns(
    RewritePatternSet &patterns) {
  patterns.add<FakeQuantLowering, FakeQuantGradLowering, QuantizeLowering,
               DequantizeLowering, RequantizeLowering, ActivationLowering>(
      patterns.getContext());
}
