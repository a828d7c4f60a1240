//===- TQTToTosa.cpp - Lower half_up requantization to tosa.rescale -------===//
//
// A half_up rounding right shift by k is exactly tosa.rescale with multiplier
// 2^30 and shift 30 + k in SINGLE_ROUND mode (docs/Numerics.md section 9):
// (a * 2^30 + 2^(29 + k)) >> (30 + k) == (a + 2^(k-1)) >> k. Everything TOSA
// cannot express exactly is reported, never approximated.
//
//===----------------------------------------------------------------------===//

#include "tqt/Conversion/Passes.h"

#include "tqt/Dialect/TQT/IR/TQTOps.h"
#include "tqt/Support/FixedPoint.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::tqt {
#define GEN_PASS_DEF_CONVERTTQTTOTOSA
#include "tqt/Conversion/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;
namespace num = ::mlir::tqt::numerics;

namespace {

/// TOSA's rescale shift must be in [2, 62]; with a multiplier of 2^30 (2^14
/// for i48 inputs) the requantization shifts are k = shift - 30 (- 14).
int multiplierLog2(unsigned inWidth) { return inWidth == 48 ? 14 : 30; }
int minTosaShift(unsigned inWidth) { return 2 - multiplierLog2(inWidth); }
int maxTosaShift(unsigned inWidth) { return 62 - multiplierLog2(inWidth); }

bool isRescaleWidth(unsigned w) { return w == 8 || w == 16 || w == 32; }

Value constTensor(ImplicitLocOpBuilder &b, Type elementType, int64_t v) {
  auto type = RankedTensorType::get({1}, elementType);
  return tosa::ConstOp::create(
      b, type, DenseElementsAttr::get(type, b.getIntegerAttr(elementType, v)));
}

/// A 1-d constant of `values`.
Value constTensor(ImplicitLocOpBuilder &b, Type elementType,
                  ArrayRef<int64_t> values) {
  auto type = RankedTensorType::get({int64_t(values.size())}, elementType);
  SmallVector<Attribute> attrs;
  for (int64_t v : values)
    attrs.push_back(b.getIntegerAttr(elementType, v));
  return tosa::ConstOp::create(b, type, DenseElementsAttr::get(type, attrs));
}

/// tosa.rescale of `input` by 2^-k into `outType`, half_up, zero points 0;
/// with per-channel shifts (`ks.axis`: the last dimension), TOSA's
/// per_channel form with one multiplier and shift per channel.
Value rescale(ImplicitLocOpBuilder &b, Value input, RankedTensorType outType,
              const ChannelInts &ks, bool inputUnsigned, bool outputUnsigned) {
  auto inElem =
      cast<IntegerType>(cast<ShapedType>(input.getType()).getElementType());
  auto outElem = cast<IntegerType>(outType.getElementType());
  // i48 inputs take a 16-bit multiplier (scale32 = false): 2^14, shift 14 + k.
  bool scale32 = inElem.getWidth() != 48;
  int log2 = multiplierLog2(inElem.getWidth());
  SmallVector<int64_t> multipliers(ks.values.size(), int64_t(1) << log2);
  SmallVector<int64_t> shifts;
  for (int64_t k : ks.values)
    shifts.push_back(log2 + k);
  Value multiplier = constTensor(b, scale32 ? b.getI32Type() : b.getI16Type(),
                                 ArrayRef(multipliers));
  Value shift = constTensor(b, b.getI8Type(), ArrayRef(shifts));
  Value inZp = constTensor(b, inElem, 0);
  Value outZp = constTensor(b, outElem, 0);
  return tosa::RescaleOp::create(
      b, outType, input, multiplier, shift, inZp, outZp, b.getBoolAttr(scale32),
      tosa::RoundingModeAttr::get(b.getContext(),
                                  tosa::RoundingMode::SINGLE_ROUND),
      b.getBoolAttr(ks.isPerChannel()), b.getBoolAttr(inputUnsigned),
      b.getBoolAttr(outputUnsigned));
}

/// Whether the output needs TOSA's output_unsigned: only when the unsigned
/// grid does not fit the signed range of the output type (an unsigned 8-bit
/// grid held in i16 is an ordinary signed i16 output plus a clamp).
bool needsUnsignedOutput(RequantizeOp op) {
  unsigned outWidth = cast<ShapedType>(op.getType()).getElementTypeBitWidth();
  return !op.getIsSigned() &&
         op.getClampedGrid().hi > num::integerGrid(outWidth, true).hi;
}

/// How a requantization maps onto TOSA. TOSA 1.0 restricts rescale:
/// unsigned outputs only from i8/i16 inputs, unsigned inputs only to i8/i16
/// outputs, never both unsigned; and the integer profile clamps only i8/i16.
/// Saturations compose exactly (sat_a(sat_b(v)) = sat_a(v) when a's range
/// lies inside b's), so a detour through a signed i16 intermediate followed
/// by an identity rescale (shift 0: exact) gives the same bits.
struct RescalePlan {
  /// Rescale by k into a signed i16 first, then identity-rescale to the
  /// output.
  bool viaI16 = false;
  /// Clamp to the (clamped) grid at the intermediate or output type.
  bool clamp = false;
  /// A grid within 16 bits in i32 storage: rescale to i16 (clamping there,
  /// since the integer profile clamps only i8/i16), then widen with
  /// tosa.cast, which sign-extends exactly.
  bool viaI16Cast = false;
};

FailureOr<RescalePlan> planRescale(RequantizeOp op, std::string &why) {
  auto inType = cast<RankedTensorType>(op.getInput().getType());
  auto outType = cast<RankedTensorType>(op.getType());
  unsigned inWidth = inType.getElementTypeBitWidth();
  unsigned outWidth = outType.getElementTypeBitWidth();
  bool inUnsigned = op.getInputUnsigned();
  bool outUnsigned = needsUnsignedOutput(op);
  num::Grid grid = op.getClampedGrid();
  num::Grid full = num::integerGrid(outWidth, !outUnsigned);
  RescalePlan plan;
  plan.clamp = grid.lo != full.lo || grid.hi != full.hi;
  num::Grid i16 = num::integerGrid(16, true);
  if (plan.clamp && outWidth == 32 && grid.lo >= i16.lo && grid.hi <= i16.hi &&
      !(inUnsigned && inWidth == 16)) {
    plan.viaI16Cast = true;
    plan.clamp = grid.lo != i16.lo || grid.hi != i16.hi;
    return plan;
  }
  if (!outUnsigned) {
    if (inUnsigned && outWidth == 32) {
      if (inWidth != 8) {
        why = "an unsigned i16 input to an i32 output has no exact TOSA form";
        return failure();
      }
      plan.viaI16 = true;
    }
    return plan;
  }
  // Unsigned output.
  if (!plan.clamp && !inUnsigned && inWidth != 32)
    return plan; // one rescale i8/i16 -> u8/u16
  if (outWidth != 8) {
    why = "an unsigned 16-bit output from an i32 or unsigned input, or with "
          "clamp bounds, has no exact TOSA form";
    return failure();
  }
  plan.viaI16 = true;
  return plan;
}

struct RequantizeToRescale : OpRewritePattern<RequantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(RequantizeOp op,
                                PatternRewriter &rewriter) const override {
    // The pass checks every op first (with diagnostics); other drivers
    // (populateTQTToTosaConversionPatterns) get a match failure instead.
    if (op.getRounding() != RoundingMode::HalfUp ||
        !isa<RankedTensorType>(op.getInput().getType()) ||
        !isa<RankedTensorType>(op.getType()))
      return rewriter.notifyMatchFailure(
          op, "only half_up requantizations of ranked tensors");
    std::string why;
    FailureOr<RescalePlan> plan = planRescale(op, why);
    if (failed(plan))
      return rewriter.notifyMatchFailure(op, why);
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    auto outType = cast<RankedTensorType>(op.getType());
    ChannelInts k = op.getShifts();
    ChannelInts identity{{0}, std::nullopt};
    bool inUnsigned = op.getInputUnsigned();
    bool outUnsigned = needsUnsignedOutput(op);
    num::Grid grid = op.getClampedGrid();

    auto clampTo = [&](Value v) -> Value {
      auto type = cast<RankedTensorType>(v.getType());
      Type e = type.getElementType();
      return tosa::ClampOp::create(
          b, type, v, b.getIntegerAttr(e, grid.lo),
          b.getIntegerAttr(e, grid.hi),
          tosa::NanPropagationModeAttr::get(
              b.getContext(), tosa::NanPropagationMode::PROPAGATE));
    };

    Value result;
    if (plan->viaI16Cast) {
      auto mid = outType.clone(b.getIntegerType(16));
      Value r = rescale(b, op.getInput(), mid, k, inUnsigned, false);
      if (plan->clamp)
        r = clampTo(r);
      result = tosa::CastOp::create(b, outType, r);
    } else if (!plan->viaI16) {
      result = rescale(b, op.getInput(), outType, k, inUnsigned, outUnsigned);
      if (plan->clamp)
        result = clampTo(result);
    } else {
      auto mid = outType.clone(b.getIntegerType(16));
      Value r = rescale(b, op.getInput(), mid, k, inUnsigned, false);
      if (plan->clamp)
        r = clampTo(r);
      result = rescale(b, r, outType, identity, false, outUnsigned);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConvertTQTToTosaPass
    : mlir::tqt::impl::ConvertTQTToTosaBase<ConvertTQTToTosaPass> {
  void runOnOperation() override {
    // Check every requantization first, so that all unsupported ones are
    // reported (each with its reason) and nothing is half converted.
    bool failedAny = false;
    getOperation()->walk([&](RequantizeOp op) {
      if (failed(checkConvertible(op)))
        failedAny = true;
    });
    if (failedAny)
      return signalPassFailure();

    RewritePatternSet patterns(&getContext());
    populateTQTToTosaConversionPatterns(patterns);
    SmallVector<Operation *> ops;
    getOperation()->walk([&](RequantizeOp op) { ops.push_back(op); });
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingOps);
    if (failed(applyOpPatternsGreedily(ops, std::move(patterns), config)))
      signalPassFailure();
  }

  static LogicalResult checkConvertible(RequantizeOp op) {
    if (op.getRounding() != RoundingMode::HalfUp)
      return op.emitOpError("cannot be expressed as tosa.rescale: rounding ")
             << stringifyRoundingMode(op.getRounding())
             << " is not half_up (tosa.rescale SINGLE_ROUND rounds ties "
                "toward +infinity)";
    auto inType = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto outType = dyn_cast<RankedTensorType>(op.getType());
    if (!inType || !outType)
      return op.emitOpError(
          "cannot be expressed as tosa.rescale: unranked tensor");
    unsigned inWidth = inType.getElementTypeBitWidth();
    unsigned outWidth = outType.getElementTypeBitWidth();
    if (!isRescaleWidth(inWidth) && inWidth != 48)
      return op.emitOpError("cannot be expressed as tosa.rescale: input ")
             << inType.getElementType() << " is not one of i8, i16, i32, i48";
    if (!isRescaleWidth(outWidth))
      return op.emitOpError("cannot be expressed as tosa.rescale: output ")
             << outType.getElementType() << " is not one of i8, i16, i32";
    ChannelInts shifts = op.getShifts();
    if (shifts.isPerChannel() && *shifts.axis != inType.getRank() - 1)
      return op.emitOpError("cannot be expressed as tosa.rescale: per-channel "
                            "shifts along axis ")
             << *shifts.axis << "; tosa.rescale's channels are the last "
             << "dimension (" << inType.getRank() - 1 << ")";
    if (op.getInputUnsigned() && inWidth == 32)
      return op.emitOpError("cannot be expressed as tosa.rescale: unsigned "
                            "i32 input (input_unsigned is for i8 and i16)");
    for (int64_t k : shifts.values)
      if (failed(checkShift(op, int(k), inType, inWidth)))
        return failure();
    std::string why;
    if (failed(planRescale(op, why)))
      return op.emitOpError("cannot be expressed as tosa.rescale: ") << why;
    return success();
  }

  static LogicalResult checkShift(RequantizeOp op, int k,
                                  RankedTensorType inType, unsigned inWidth) {
    if (k < minTosaShift(inWidth) || k > maxTosaShift(inWidth))
      return op.emitOpError("cannot be expressed as tosa.rescale: shift ")
             << k << " is outside [" << minTosaShift(inWidth) << ", "
             << maxTosaShift(inWidth) << "] (multiplier 2^"
             << multiplierLog2(inWidth) << " with a rescale shift in [2, 62])";
    // A left shift (k < 0) is exact only while a * 2^-k stays in the int32
    // range that TOSA's scaling arithmetic requires.
    if (k < 0) {
      unsigned valueBits = op.getInputUnsigned() ? inWidth : inWidth - 1;
      if (valueBits + unsigned(-k) > 31)
        return op.emitOpError("cannot be expressed as tosa.rescale: left "
                              "shift by ")
               << -k << " of " << (op.getInputUnsigned() ? "unsigned " : "")
               << inType.getElementType()
               << " values can leave the int32 range of tosa.rescale "
                  "(at most "
               << (31 - valueBits) << " for this input)";
    }
    return success();
  }
};

} // namespace

void mlir::tqt::populateTQTToTosaConversionPatterns(
    RewritePatternSet &patterns) {
  patterns.add<RequantizeToRescale>(patterns.getContext());
}
