//===- FuseInteger.cpp - The integer-only program -------------------------===//
//
// Rewrites a legalized simulation graph (tqt.quantize/tqt.dequantize pairs
// around float TOSA ops, the output of --tqt-legalize-pow2) into the integer
// program of tqt-method 6.1. Every quantized float value has an integer twin
// (codes, exponent, grid); float ops are replaced by integer TOSA ops on the
// twins and quantizers by tqt.requantize, so the only float left is the
// quantization of the inputs and the dequantization of the outputs.
//
// Why the result is the same bit for bit: every float value of the
// simulation graph is a dyadic number k * 2^e. Integer ops compute k
// exactly, and quantizing k * 2^e at exponent e' is the rounding shift of k
// by e' - e with the same tie rule (docs/Numerics.md). The float simulation
// itself is exact while sums stay below 2^24 (f32's mantissa); longer
// accumulations are exact here and approximate there.
//
// Storage (IntegerStorage.h): 8-bit codes in i8, unsigned ones as raw bytes
// that TOSA's convolutions, matmuls and max pooling read through the
// zero-point view (u - 128 with zero point -128); accumulators in i32 where
// the products provably fit, else the codes are widened to i16 and
// accumulated in i48, as TOSA defines; 16-bit layer values and sums in i32.
//
//===----------------------------------------------------------------------===//

#include "tqt/Dialect/TQT/Transforms/Passes.h"
#include "tqt/Dialect/TQT/Transforms/Trace.h"

#include "tqt/Dialect/TQT/IR/IntegerStorage.h"
#include "tqt/Dialect/TQT/IR/TQTOps.h"
#include "tqt/Support/FixedPoint.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <cmath>

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTFUSEINTEGER
#include "tqt/Dialect/TQT/Transforms/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;
namespace num = ::mlir::tqt::numerics;

namespace {

/// The integer twin of a float value: codes, their exponent and grid.
/// Weights with per-channel exponents, and the accumulators of their layers
/// (channels last), carry one exponent per channel in `channelExps`
/// instead; only contractions (weights) and quantizers (accumulators) read
/// those.
struct IntVal {
  Value codes;
  int exp = 0;
  unsigned bits = 32;
  bool isSigned = true;
  std::optional<ChannelInts> channelExps = std::nullopt;
};

/// The exponents of `v`'s channels, one for the tensor when per tensor.
ChannelInts exponentsOf(const IntVal &v) {
  if (v.channelExps)
    return *v.channelExps;
  return ChannelInts{{v.exp}, std::nullopt};
}

/// A ReLU / ReLU6 clamp on an integer twin, absorbed by the next quantizer.
struct PendingClamp {
  IntVal in;
  double max;
};

/// An activation of an integer twin, a lookup table once the next
/// quantizer gives the output grid.
struct PendingTable {
  IntVal in;
  num::Activation kind;
};

class Fuser {
public:
  explicit Fuser(func::FuncOp func) : func(func) {}
  LogicalResult run();
  /// Moves the boundary quantize/dequantize into the caller: arguments and
  /// results become integer codes.
  LogicalResult makeIntegerIO();

private:
  LogicalResult fuseQuantize(QuantizeOp op);
  LogicalResult fuseConv(Operation *op);
  LogicalResult fuseAvgPool(tosa::DepthwiseConv2DOp op);
  LogicalResult fuseMatMul(tosa::MatMulOp op);
  LogicalResult fuseElementwise(Operation *op, bool isAdd);
  LogicalResult fuseShapeOp(Operation *op);
  LogicalResult recordActivation(ActivationOp op);
  /// The quantization `op` of a pending activation: a tosa.table of the
  /// output codes of the 256 input codes.
  LogicalResult fuseTable(QuantizeOp op, const PendingTable &pending,
                          IntVal result);
  std::optional<IntVal> twin(Value v) const {
    auto it = twins.find(v);
    if (it == twins.end())
      return std::nullopt;
    return it->second;
  }
  LogicalResult missing(Operation *user, Value v, StringRef what);
  LogicalResult checkAccumulator(Operation *op, int64_t terms, IntVal x,
                                 IntVal w, unsigned accBits);
  Value castTo(ImplicitLocOpBuilder &b, Value v, Type elementType);
  Value widen(ImplicitLocOpBuilder &b, const IntVal &v, Type elementType);
  struct ContractionInput {
    Value codes;
    Value zeroPoint;
    bool wide;
  };
  FailureOr<ContractionInput> contractionInput(ImplicitLocOpBuilder &b,
                                               Operation *op, IntVal x,
                                               IntVal w, int64_t terms);
  Value intZero(ImplicitLocOpBuilder &b, Type elementType,
                ArrayRef<int64_t> shape);
  /// The per-channel exponents of a contraction's accumulator (channels
  /// last) when its weights `w` have per-channel exponents along
  /// `weightAxis` (each shared by `multiplier` consecutive outputs); none
  /// for per-tensor weights.
  FailureOr<std::optional<ChannelInts>>
  accumulatorExponents(Operation *op, const IntVal &x, const IntVal &w,
                       int64_t weightAxis, int64_t multiplier,
                       RankedTensorType outType);

  func::FuncOp func;
  DenseMap<Value, IntVal> twins;
  DenseMap<Value, PendingClamp> clamps;
  DenseMap<Value, PendingTable> tables;
};

Value Fuser::castTo(ImplicitLocOpBuilder &b, Value v, Type elementType) {
  auto type = cast<RankedTensorType>(v.getType());
  if (type.getElementType() == elementType)
    return v;
  return tosa::CastOp::create(b, type.clone(elementType), v);
}

/// The codes of `v` in a wider signed type: unsigned bytes zero-extended.
Value Fuser::widen(ImplicitLocOpBuilder &b, const IntVal &v, Type elementType) {
  if (!v.isSigned && v.bits <= 8)
    return buildZeroExtension(b, b.getLoc(), v.codes, elementType);
  return castTo(b, v.codes, elementType);
}

Value Fuser::intZero(ImplicitLocOpBuilder &b, Type elementType,
                     ArrayRef<int64_t> shape) {
  auto type = RankedTensorType::get(shape, elementType);
  return tosa::ConstOp::create(
      b, type, DenseElementsAttr::get(type, b.getIntegerAttr(elementType, 0)));
}

FailureOr<std::optional<ChannelInts>>
Fuser::accumulatorExponents(Operation *op, const IntVal &x, const IntVal &w,
                            int64_t weightAxis, int64_t multiplier,
                            RankedTensorType outType) {
  if (x.channelExps)
    return op->emitOpError("reads per-channel activation codes; the integer "
                           "program quantizes activations per tensor");
  if (!w.channelExps)
    return std::optional<ChannelInts>();
  if (*w.channelExps->axis != weightAxis)
    return op->emitOpError("has weights with per-channel exponents along "
                           "axis ")
           << *w.channelExps->axis << "; its output channels are axis "
           << weightAxis << " of the weights";
  int64_t channels = outType.getShape().back();
  if (ShapedType::isDynamic(channels) ||
      channels != int64_t(w.channelExps->values.size()) * multiplier)
    return op->emitOpError("has ")
           << w.channelExps->values.size() << " weight exponents for "
           << channels << " output channels";
  ChannelInts acc;
  acc.axis = outType.getRank() - 1;
  for (int64_t c = 0; c < channels; ++c)
    acc.values.push_back(x.exp + w.channelExps->values[c / multiplier]);
  return std::optional<ChannelInts>(acc);
}

/// The largest magnitude of a grid's codes.
static double maxMagnitude(const IntVal &v) {
  num::Grid g = num::integerGrid(v.bits, v.isSigned);
  return std::max(std::fabs(double(g.lo)), double(g.hi));
}

/// The largest magnitude a sum of `terms` products of x and w codes reaches.
static double accumulatorBound(int64_t terms, const IntVal &x,
                               const IntVal &w) {
  return double(terms) * maxMagnitude(x) * maxMagnitude(w);
}

/// Whether the sum fits an accumulator of `accBits` bits.
static bool fitsAccumulator(int64_t terms, const IntVal &x, const IntVal &w,
                            unsigned accBits) {
  return accumulatorBound(terms, x, w) <= std::ldexp(1.0, int(accBits) - 1) - 1;
}

/// Accumulator safety: a sum of `terms` products of x and w codes must fit
/// the accumulator, or the layer is reported. Beyond 2^24 the float
/// simulation graph may round its partial sums (f32 has a 24-bit
/// mantissa), so the integer program (exact) can differ from it: warn.
LogicalResult Fuser::checkAccumulator(Operation *op, int64_t terms, IntVal x,
                                      IntVal w, unsigned accBits) {
  double bound = accumulatorBound(terms, x, w);
  if (!fitsAccumulator(terms, x, w, accBits))
    return op->emitOpError("accumulator can reach ")
           << int64_t(bound) << " (" << terms << " products of " << x.bits
           << "-bit and " << w.bits << "-bit codes), beyond the i" << accBits
           << " accumulator";
  if (bound > std::ldexp(1.0, 24))
    op->emitWarning("accumulator can reach ")
        << int64_t(bound)
        << ", beyond 2^24: the float simulation graph may round its sums "
           "where this integer program is exact";
  return success();
}

/// The activation operand of a convolution or matmul and its zero point:
/// 8-bit codes as i8 (unsigned ones through the zero-point view) with an i32
/// accumulator where the products provably fit it, else zero- or
/// sign-extended to i16 with TOSA's i48 accumulator.
FailureOr<Fuser::ContractionInput>
Fuser::contractionInput(ImplicitLocOpBuilder &b, Operation *op, IntVal x,
                        IntVal w, int64_t terms) {
  if (x.bits > 8)
    return op->emitOpError("reads ")
           << x.bits
           << "-bit activation codes; the integer program multiplies 8-bit "
              "codes (quantize this layer's input to 8 bits)";
  ContractionInput in;
  in.wide = !fitsAccumulator(terms, x, w, 32);
  if (in.wide)
    op->emitWarning("accumulator can reach ")
        << int64_t(accumulatorBound(terms, x, w)) << " (" << terms
        << " products of " << x.bits << "-bit and " << w.bits
        << "-bit codes), beyond i32: the codes are widened to 16 bits and "
           "summed in i48 (no int8 kernel for this layer)";
  if (failed(checkAccumulator(op, terms, x, w, in.wide ? 48 : 32)))
    return failure();
  Type elem = b.getIntegerType(in.wide ? 16 : 8);
  int64_t zp = 0;
  if (in.wide) {
    in.codes = widen(b, x, elem);
  } else if (!x.isSigned) {
    in.codes = buildZeroPointView(b, b.getLoc(), x.codes);
    zp = kUnsignedViewZeroPoint;
  } else {
    in.codes = x.codes;
  }
  auto zpType = RankedTensorType::get({1}, elem);
  in.zeroPoint = tosa::ConstOp::create(
      b, zpType, DenseElementsAttr::get(zpType, b.getIntegerAttr(elem, zp)));
  return in;
}

LogicalResult Fuser::missing(Operation *user, Value v, StringRef what) {
  InFlightDiagnostic diag = user->emitOpError()
                            << "cannot be made integer: " << what
                            << " has no integer form";
  if (Operation *def = v.getDefiningOp())
    diag << " (it is computed by '" << def->getName() << "')";
  else
    diag << " (it is a function argument that is not quantized)";
  return diag;
}

/// Moves a quantizer's tqt.trace tag (Trace.h) to the op computing its
/// integer codes; the first tag on an op wins.
void moveTrace(QuantizeOp op, Value codes) {
  Attribute id = op->getAttr(kTraceAttr);
  Operation *def = codes.getDefiningOp();
  if (!id || def == op.getOperation())
    return;
  op->removeAttr(kTraceAttr);
  if (def && !def->hasAttr(kTraceAttr))
    def->setAttr(kTraceAttr, id);
}

/// tqt.quantize: at the boundary (a function argument) it stays; of a
/// constant it folds to integer codes; of a value with an integer twin it
/// becomes a requantization, absorbing a pending ReLU clamp.
LogicalResult Fuser::fuseQuantize(QuantizeOp op) {
  Value x = op.getX();
  num::QuantizerSpec spec = op.getSpec();
  ChannelInts exps = op.getExponents();
  int exp = int(exps.at(0));
  ImplicitLocOpBuilder b(op.getLoc(), op);
  IntVal result{Value(), exp, spec.bits, spec.isSigned};
  if (exps.isPerChannel())
    result.channelExps = exps;
  Type storage = getCodeStorageType(op.getContext(), spec.bits);

  if (exps.isPerChannel() && !x.getDefiningOp<tosa::ConstOp>() &&
      !x.getDefiningOp<arith::ConstantOp>())
    return op.emitOpError("quantizes a value that is not a constant per "
                          "channel; the integer program quantizes weights "
                          "per channel, activations per tensor");

  if (isa<BlockArgument>(x)) {
    // The float boundary: keep the quantization, in the storage type.
    Value codes = op.getResult();
    b.setInsertionPointAfter(op);
    if (cast<ShapedType>(codes.getType()).getElementType() != storage)
      codes = RequantizeOp::create(
          b, cast<RankedTensorType>(codes.getType()).clone(storage), codes,
          b.getI64IntegerAttr(0), op.getBitsAttr(), op.getIsSignedAttr(),
          op.getNarrowAttr(), op.getRoundingAttr(), IntegerAttr(),
          IntegerAttr(), UnitAttr(), /*channel_shifts=*/nullptr,
          /*axis=*/nullptr);
    result.codes = codes;
    twins[op.getResult()] = result;
    moveTrace(op, result.codes);
    return success();
  }

  Attribute constant;
  if (auto c = x.getDefiningOp<tosa::ConstOp>())
    constant = c.getValues();
  else if (auto c = x.getDefiningOp<arith::ConstantOp>())
    constant = c.getValue();
  if (constant) {
    SmallVector<Attribute> folded;
    if (failed(mlir::tqt::evaluate(op, {constant}, folded)))
      return op.emitOpError("cannot fold the quantization of this constant");
    auto codes = cast<DenseIntElementsAttr>(folded[0]);
    result.codes = tosa::ConstOp::create(b, codes.getType(), codes);
    twins[op.getResult()] = result;
    moveTrace(op, result.codes);
    return success();
  }

  if (auto it = tables.find(x); it != tables.end())
    return fuseTable(op, it->second, result);

  // A requantization of an integer twin, possibly through a ReLU clamp.
  std::optional<IntVal> in = twin(x);
  std::optional<double> clampMax;
  if (auto it = clamps.find(x); it != clamps.end()) {
    in = it->second.in;
    clampMax = it->second.max;
  }
  if (!in)
    return missing(op, x, "the quantized value");
  if (clampMax && spec.isSigned)
    return op.emitOpError("quantizes a ReLU output on a signed grid; the "
                          "integer program expects an unsigned one");
  auto inType = cast<RankedTensorType>(in->codes.getType());
  IntegerAttr clampMaxAttr;
  num::Grid grid = spec.grid();
  if (clampMax && std::isfinite(*clampMax)) {
    // R(min(y, M) / s) = min(R(y / s), R(M / s)): rounding is monotone.
    int64_t m = num::quantize(float(*clampMax), exp, spec);
    if (m < grid.hi)
      clampMaxAttr = b.getI64IntegerAttr(m);
  }
  // Shifts beyond kMaxShift give the codes of kMaxShift (num::requantize
  // clamps them): left, any nonzero input saturates either way (grids have
  // at most 32 bits); right, an input of at most 62 bits scales below 1/2 in
  // magnitude, which every rounding mode sends to 0 (floor: -1 for negative
  // inputs) at any shift from 63 on. They happen where a threshold is far
  // below its input's range (a layer that is all zero on the calibration
  // data).
  if (inType.getElementTypeBitWidth() > 62)
    return op.emitOpError("requantizes ")
           << inType.getElementTypeBitWidth()
           << "-bit codes; at most 62 bits are supported";
  // Per-channel accumulators requantize with one shift per channel.
  ChannelInts inExps = exponentsOf(*in);
  SmallVector<int64_t> shifts;
  for (int64_t e : inExps.values)
    shifts.push_back(
        std::clamp<int64_t>(exp - e, -num::kMaxShift, num::kMaxShift));
  IntegerAttr shiftAttr;
  DenseI64ArrayAttr channelShifts;
  if (inExps.isPerChannel())
    channelShifts = b.getDenseI64ArrayAttr(shifts);
  else
    shiftAttr = b.getI64IntegerAttr(shifts.front());
  // Raw unsigned bytes are read zero-extended.
  bool rawUnsigned = !in->isSigned && inType.getElementType().isInteger(8);
  auto req = RequantizeOp::create(
      b, inType.clone(storage), in->codes, shiftAttr, op.getBitsAttr(),
      op.getIsSignedAttr(), op.getNarrowAttr(), op.getRoundingAttr(),
      IntegerAttr(), clampMaxAttr, rawUnsigned ? b.getUnitAttr() : UnitAttr(),
      channelShifts,
      inExps.axis ? b.getI64IntegerAttr(*inExps.axis) : IntegerAttr());
  result.codes = req.getResult();
  twins[op.getResult()] = result;
  moveTrace(op, result.codes);
  return success();
}

/// conv2d / depthwise_conv2d on integer inputs and weights, zero bias (the
/// bias was split off by quantizer insertion).
LogicalResult Fuser::fuseConv(Operation *op) {
  std::optional<IntVal> x = twin(op->getOperand(0));
  std::optional<IntVal> w = twin(op->getOperand(1));
  if (!x)
    return missing(op, op->getOperand(0), "the input");
  if (!w)
    return missing(op, op->getOperand(1), "the weights");
  auto bias = op->getOperand(2).getDefiningOp<tosa::ConstOp>();
  auto biasValues =
      bias ? dyn_cast<DenseFPElementsAttr>(bias.getValues()) : nullptr;
  if (!biasValues || !biasValues.isSplat() ||
      !biasValues.getSplatValue<APFloat>().isZero())
    return op->emitOpError("has a bias; the integer program expects it split "
                           "off by --tqt-insert-quantizers");
  ImplicitLocOpBuilder b(op->getLoc(), op);
  auto wType = cast<RankedTensorType>(w->codes.getType());
  if (!wType.getElementType().isInteger(8) || !w->isSigned)
    return op->emitOpError("needs 8-bit signed weights for an integer "
                           "convolution");
  auto outType = cast<RankedTensorType>(op->getResult(0).getType());
  int64_t channels = outType.getShape().back();
  // Products per output: KH * KW * I for conv2d (OHWI), KH * KW for
  // depthwise (HWCM).
  ArrayRef<int64_t> ws = wType.getShape();
  int64_t terms =
      isa<tosa::DepthwiseConv2DOp>(op) ? ws[0] * ws[1] : ws[1] * ws[2] * ws[3];
  FailureOr<ContractionInput> in = contractionInput(b, op, *x, *w, terms);
  if (failed(in))
    return failure();
  Type accType = b.getIntegerType(in->wide ? 48 : 32);
  Value zeroBias = intZero(b, accType, {channels});
  Value wZp = intZero(b, wType.getElementType(), {1});
  Operation *conv = b.clone(*op);
  conv->setOperands({in->codes, w->codes, zeroBias, in->zeroPoint, wZp});
  conv->setAttr("acc_type", TypeAttr::get(accType));
  conv->getResult(0).setType(outType.clone(accType));
  IntVal acc{conv->getResult(0), x->exp + w->exp, 32, true};
  // Per-channel weights: output channel c of conv2d reads O index c;
  // depthwise output channel c * M + m reads input channel c.
  FailureOr<std::optional<ChannelInts>> accExps = accumulatorExponents(
      op, *x, *w, isa<tosa::DepthwiseConv2DOp>(op) ? 2 : 0,
      isa<tosa::DepthwiseConv2DOp>(op) ? ws[3] : 1, outType);
  if (failed(accExps))
    return failure();
  acc.channelExps = *accExps;
  twins[op->getResult(0)] = acc;
  return success();
}

/// Average pooling as a depthwise convolution by a constant reciprocal r:
/// window sums (weights 1) times r, exactly sum_i r * x_i.
LogicalResult Fuser::fuseAvgPool(tosa::DepthwiseConv2DOp op) {
  std::optional<IntVal> x = twin(op.getInput());
  std::optional<IntVal> r = twin(op.getWeight());
  if (!x)
    return missing(op, op.getInput(), "the input");
  if (!r)
    return missing(op, op.getWeight(), "the reciprocal");
  auto rConst = r->codes.getDefiningOp<tosa::ConstOp>();
  auto rValues =
      rConst ? dyn_cast<DenseIntElementsAttr>(rConst.getValues()) : nullptr;
  if (!rValues || !rValues.isSplat())
    return op.emitOpError("needs one constant reciprocal for the window");
  int64_t reciprocal = rValues.getSplatValue<APInt>().getZExtValue();
  ImplicitLocOpBuilder b(op.getLoc(), op);
  auto wType = cast<RankedTensorType>(op.getWeight().getType());
  auto onesType = wType.clone(b.getI8Type());
  Value ones = tosa::ConstOp::create(
      b, onesType, DenseElementsAttr::get(onesType, b.getI8IntegerAttr(1)));
  // Window sums: products of the codes and weights of 1.
  IntVal unit{ones, 0, 2, true};
  FailureOr<ContractionInput> in = contractionInput(
      b, op, *x, unit, wType.getDimSize(0) * wType.getDimSize(1));
  if (failed(in))
    return failure();
  Type accType = b.getIntegerType(in->wide ? 48 : 32);
  auto outType = cast<RankedTensorType>(op.getType());
  int64_t channels = outType.getShape().back();
  Value zeroBias = intZero(b, accType, {channels});
  Value wZp = intZero(b, b.getI8Type(), {1});
  Operation *sums = b.clone(*op);
  sums->setOperands({in->codes, ones, zeroBias, in->zeroPoint, wZp});
  sums->setAttr("acc_type", TypeAttr::get(accType));
  sums->removeAttr(TQTDialect::AvgpoolAttrHelper::getNameStr());
  sums->getResult(0).setType(outType.clone(accType));
  Value s32 = castTo(b, sums->getResult(0), b.getI32Type());
  SmallVector<int64_t> ones4(outType.getRank(), 1);
  auto rType = RankedTensorType::get(ones4, b.getI32Type());
  Value rc = tosa::ConstOp::create(
      b, rType, DenseElementsAttr::get(rType, b.getI32IntegerAttr(reciprocal)));
  Value product = tosa::MulOp::create(b, outType.clone(b.getI32Type()), s32, rc,
                                      intZero(b, b.getI8Type(), {1}));
  twins[op.getResult()] = {product, x->exp + r->exp, 32, true};
  return success();
}

/// matmul of integer activations and constant weights.
LogicalResult Fuser::fuseMatMul(tosa::MatMulOp op) {
  std::optional<IntVal> a = twin(op.getA());
  std::optional<IntVal> w = twin(op.getB());
  if (!a)
    return missing(op, op.getA(), "the input");
  if (!w)
    return missing(op, op.getB(), "the weights");
  ImplicitLocOpBuilder b(op.getLoc(), op);
  if (w->bits > 8 || !w->isSigned)
    return op.emitOpError("needs 8-bit signed weights for an integer matmul");
  int64_t terms = cast<RankedTensorType>(op.getB().getType()).getShape()[1];
  FailureOr<ContractionInput> in = contractionInput(b, op, *a, *w, terms);
  if (failed(in))
    return failure();
  // TOSA matmul takes equal operand types: i8 x i8 -> i32, i16 x i16 -> i48.
  Type elem = getElementTypeOrSelf(in->codes.getType());
  Value weights = castTo(b, w->codes, elem);
  Type accType = b.getIntegerType(in->wide ? 48 : 32);
  auto outType = cast<RankedTensorType>(op.getType()).clone(accType);
  auto mm = tosa::MatMulOp::create(b, outType, in->codes, weights,
                                   in->zeroPoint, intZero(b, elem, {1}));
  IntVal acc{mm.getResult(), a->exp + w->exp, 32, true};
  FailureOr<std::optional<ChannelInts>> accExps =
      accumulatorExponents(op, *a, *w, 2, 1, outType);
  if (failed(accExps))
    return failure();
  acc.channelExps = *accExps;
  twins[op.getResult()] = acc;
  return success();
}

LogicalResult Fuser::recordActivation(ActivationOp op) {
  std::optional<IntVal> in = twin(op.getX());
  if (!in)
    return missing(op, op.getX(), "the input");
  if (in->bits > 8)
    return op.emitOpError("reads codes of ")
           << in->bits
           << " bits; its lookup table takes codes of at most 8 bits "
              "(--tqt-insert-quantizers requantizes a wider input to 8 bits)";
  tables[op.getResult()] = {*in, op.getActivation()};
  return success();
}

LogicalResult Fuser::fuseTable(QuantizeOp op, const PendingTable &pending,
                               IntVal result) {
  num::QuantizerSpec spec = op.getSpec();
  if (spec.bits > 8)
    return op.emitOpError("quantizes an activation to ")
           << spec.bits
           << " bits; its lookup table holds codes of at most 8 bits "
              "(use act-bits/relu-bits <= 8)";
  // Entry i is for the stored byte i - 128 (tosa.table's int8 indexing):
  // its code on the input grid, the activation of its value, and the code
  // of that on the output grid, stored as a byte (raw when unsigned). The
  // simulation computes the same numbers (FixedPoint.h, Activations.h).
  SmallVector<int8_t> entries(256);
  for (int i = 0; i < 256; ++i) {
    auto byte = uint64_t(uint8_t(int8_t(i - 128)));
    int64_t code = num::readStorage(byte, 8, pending.in.isSigned);
    float x = num::dequantize(code, pending.in.exp);
    float y = num::activation(pending.kind, x);
    entries[i] = int8_t(uint8_t(num::quantize(y, result.exp, spec) & 0xff));
  }
  ImplicitLocOpBuilder b(op.getLoc(), op);
  Type i8 = b.getI8Type();
  auto tableType = RankedTensorType::get({256}, i8);
  Value table = tosa::ConstOp::create(
      b, tableType, DenseElementsAttr::get(tableType, ArrayRef(entries)));
  Value in = castTo(b, pending.in.codes, i8);
  auto outType = cast<RankedTensorType>(in.getType());
  result.codes = tosa::TableOp::create(b, outType, in, table);
  twins[op.getResult()] = result;
  moveTrace(op, result.codes);
  return success();
}

/// add / maximum / mul of two integer twins, computed in i32.
LogicalResult Fuser::fuseElementwise(Operation *op, bool isAdd) {
  std::optional<IntVal> l = twin(op->getOperand(0));
  std::optional<IntVal> r = twin(op->getOperand(1));
  if (!l)
    return missing(op, op->getOperand(0), "operand #0");
  if (!r)
    return missing(op, op->getOperand(1), "operand #1");
  bool isMul = isa<tosa::MulOp>(op);
  if (!isMul && l->exp != r->exp)
    return op->emitOpError("combines values at exponents ")
           << l->exp << " and " << r->exp
           << "; their quantizers must share a threshold";
  ImplicitLocOpBuilder b(op->getLoc(), op);
  Type i32 = b.getI32Type();
  Value lv = widen(b, *l, i32);
  Value rv = r->codes == l->codes ? lv : widen(b, *r, i32);
  auto outType = cast<RankedTensorType>(op->getResult(0).getType()).clone(i32);
  Value out;
  if (isAdd)
    out = tosa::AddOp::create(b, outType, lv, rv);
  else if (isMul)
    out =
        tosa::MulOp::create(b, outType, lv, rv, intZero(b, b.getI8Type(), {1}));
  else
    out = tosa::MaximumOp::create(b, outType, lv, rv);
  // Sums and maxima of two 8-bit codes fit 10 signed bits: keep them in
  // i16, so a later left shift stays within the int32 range TOSA's rescale
  // requires. (An unsigned grid needs one more bit as a signed one.)
  auto signedBits = [](const IntVal &v) {
    return v.bits + (v.isSigned ? 0 : 1);
  };
  unsigned bits =
      isMul ? 32 : std::max(signedBits(*l), signedBits(*r)) + (isAdd ? 1 : 0);
  if (bits <= 16)
    out = tosa::CastOp::create(b, outType.clone(b.getI16Type()), out);
  twins[op->getResult(0)] = {out, isMul ? l->exp + r->exp : l->exp,
                             bits <= 16 ? bits : 32u, true};
  return success();
}

/// reshape, transpose, max pooling, slice, concat, zero padding: the same
/// op on the codes.
LogicalResult Fuser::fuseShapeOp(Operation *op) {
  SmallVector<Value> operands;
  std::optional<IntVal> first;
  auto pad = dyn_cast<tosa::PadOp>(op);
  for (Value v : op->getOperands()) {
    if (isa<tosa::shapeType>(v.getType())) {
      operands.push_back(v);
      continue;
    }
    if (pad && v == pad.getPadConst()) {
      // Zero padding (checked by quantizer insertion) is code 0 of every
      // grid, in the codes' storage type: filled in below.
      operands.push_back(Value());
      continue;
    }
    std::optional<IntVal> t = twin(v);
    if (!t)
      return missing(op, v, "an operand");
    if (first &&
        (t->exp != first->exp || t->isSigned != first->isSigned ||
         cast<ShapedType>(t->codes.getType()).getElementType() !=
             cast<ShapedType>(first->codes.getType()).getElementType()))
      return op->emitOpError("joins codes of different scales or storage");
    if (!first)
      first = t;
    operands.push_back(t->codes);
  }
  ImplicitLocOpBuilder b(op->getLoc(), op);
  // Max pooling compares signed values: unsigned bytes are compared in their
  // zero-point view (order-preserving) and turned back by the same view.
  bool viaView =
      isa<tosa::MaxPool2dOp>(op) && !first->isSigned && first->bits <= 8;
  if (viaView)
    operands[0] = buildZeroPointView(b, b.getLoc(), operands[0]);
  if (pad) {
    DenseFPElementsAttr value;
    if (!matchPattern(pad.getPadConst(), m_Constant(&value)) ||
        !llvm::all_of(value.getValues<APFloat>(),
                      [](const APFloat &v) { return v.isZero(); }))
      return op->emitOpError("pads with a value other than 0; the integer "
                             "program pads codes with code 0");
    operands[2] = intZero(
        b, cast<ShapedType>(first->codes.getType()).getElementType(), {1});
  }
  Operation *clone = b.clone(*op);
  clone->setOperands(operands);
  Type elem = cast<ShapedType>(first->codes.getType()).getElementType();
  clone->getResult(0).setType(
      cast<RankedTensorType>(op->getResult(0).getType()).clone(elem));
  Value codes = clone->getResult(0);
  if (viaView)
    codes = buildZeroPointView(b, b.getLoc(), codes);
  twins[op->getResult(0)] = {codes, first->exp, first->bits, first->isSigned};
  return success();
}

LogicalResult Fuser::run() {
  if (!func.getBody().hasOneBlock())
    return func.emitOpError("has control flow; --tqt-fuse-integer expects one "
                            "block of tensor ops");
  // Integer types are built from the float ones' shapes: every tensor must
  // be ranked (dynamic dimensions are fine).
  for (BlockArgument arg : func.getArguments())
    if (isa<UnrankedTensorType>(arg.getType()))
      return func.emitOpError("argument #")
             << arg.getArgNumber() << " has the unranked type " << arg.getType()
             << "; --tqt-fuse-integer needs ranked tensors (a dynamic "
                "dimension is fine)";
  SmallVector<Operation *> ops;
  for (Operation &op : func.getBody().front()) {
    for (Type t : op.getResultTypes())
      if (isa<UnrankedTensorType>(t))
        return op.emitOpError("result has the unranked type ")
               << t
               << "; --tqt-fuse-integer needs ranked tensors (a "
                  "dynamic dimension is fine)";
    ops.push_back(&op);
  }
  for (Operation *op : ops) {
    LogicalResult result = success();
    // Per-channel codes flow only from weights into contractions and from
    // accumulators into their quantizer (or a dequantization).
    if (!isa<QuantizeOp, DequantizeOp, tosa::Conv2DOp, tosa::DepthwiseConv2DOp,
             tosa::MatMulOp, func::ReturnOp>(op))
      for (Value v : op->getOperands())
        if (std::optional<IntVal> t = twin(v); t && t->channelExps)
          return op->emitOpError(
              "reads codes with per-channel exponents; only their layer's "
              "quantizer may follow a layer with per-channel weights");
    if (auto q = dyn_cast<QuantizeOp>(op)) {
      result = fuseQuantize(q);
    } else if (auto d = dyn_cast<DequantizeOp>(op)) {
      std::optional<IntVal> codes = twin(d.getInput());
      if (!codes)
        return missing(op, d.getInput(), "the dequantized value");
      twins[d.getResult()] = *codes;
    } else if (isa<FakeQuantOp, FakeQuantGradOp>(op)) {
      return op->emitOpError("is not legalized; run --tqt-legalize-pow2 "
                             "first");
    } else if (auto dw = dyn_cast<tosa::DepthwiseConv2DOp>(op);
               dw && op->hasAttr(TQTDialect::AvgpoolAttrHelper::getNameStr())) {
      result = fuseAvgPool(dw);
    } else if (isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp>(op)) {
      result = fuseConv(op);
    } else if (auto mm = dyn_cast<tosa::MatMulOp>(op)) {
      result = fuseMatMul(mm);
    } else if (isa<tosa::AddOp>(op)) {
      result = fuseElementwise(op, /*isAdd=*/true);
    } else if (isa<tosa::MaximumOp, tosa::MulOp>(op)) {
      result = fuseElementwise(op, /*isAdd=*/false);
    } else if (auto clamp = dyn_cast<tosa::ClampOp>(op)) {
      auto min = dyn_cast<FloatAttr>(clamp.getMinValAttr());
      auto max = dyn_cast<FloatAttr>(clamp.getMaxValAttr());
      std::optional<IntVal> in = twin(clamp.getInput());
      if (!min || !max || !min.getValue().isZero() || !in)
        return op->emitOpError("is not a ReLU/ReLU6 of an integer value");
      clamps[clamp.getResult()] = {*in, max.getValueAsDouble()};
    } else if (isa<tosa::ReshapeOp, tosa::TransposeOp, tosa::MaxPool2dOp,
                   tosa::SliceOp, tosa::ConcatOp, tosa::PadOp>(op)) {
      result = fuseShapeOp(op);
    } else if (auto act = dyn_cast<ActivationOp>(op)) {
      result = recordActivation(act);
    } else if (isa<tosa::ConstOp, tosa::ConstShapeOp, arith::ConstantOp>(op)) {
      continue;
    } else if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      // Float only at the boundary: outputs are dequantized codes (also
      // when a shape op such as the flattening reshape of a pooled output
      // comes after the last quantizer: its codes are dequantized).
      for (OpOperand &operand : ret->getOpOperands()) {
        std::optional<IntVal> codes = twin(operand.get());
        if (!codes)
          return missing(op, operand.get(), "a result");
        Operation *producer = operand.get().getDefiningOp();
        ImplicitLocOpBuilder b(producer ? producer->getLoc() : ret.getLoc(),
                               ret);
        ChannelInts exps = exponentsOf(*codes);
        operand.set(DequantizeOp::create(
            b, operand.get().getType(), codes->codes,
            exps.isPerChannel() ? IntegerAttr()
                                : b.getI64IntegerAttr(exps.values.front()),
            b.getI64IntegerAttr(codes->bits), b.getBoolAttr(codes->isSigned),
            exps.isPerChannel() ? b.getDenseI64ArrayAttr(exps.values)
                                : DenseI64ArrayAttr(),
            exps.axis ? b.getI64IntegerAttr(*exps.axis) : IntegerAttr()));
      }
    } else {
      return op->emitOpError("is not supported by --tqt-fuse-integer");
    }
    if (failed(result))
      return failure();
  }
  // Drop the float graph: everything without uses, last first.
  bool changed = true;
  while (changed) {
    changed = false;
    for (Operation &op :
         llvm::make_early_inc_range(llvm::reverse(func.getBody().front()))) {
      if (op.hasTrait<OpTrait::IsTerminator>() || !op.use_empty())
        continue;
      op.erase();
      changed = true;
    }
  }
  return success();
}

/// How to read integer codes at the boundary: value = code * 2^exp.
static DictionaryAttr codeAttrs(Builder &b, int64_t exp, IntegerAttr bits,
                                BoolAttr isSigned) {
  return getBoundaryCodesAttrs(
      b.getContext(), BoundaryCodes{exp, bits.getInt(), isSigned.getValue()});
}

LogicalResult Fuser::makeIntegerIO() {
  Builder b(func.getContext());
  Block &body = func.getBody().front();
  SmallVector<Type> argTypes(func.getArgumentTypes());
  for (BlockArgument arg : body.getArguments()) {
    if (!arg.hasOneUse() || !isa<QuantizeOp>(*arg.getUsers().begin()))
      return func.emitOpError("argument #")
             << arg.getArgNumber()
             << " is not quantized exactly once; integer-io needs every "
                "input to enter through one tqt.quantize";
    auto q = cast<QuantizeOp>(*arg.getUsers().begin());
    arg.setType(q.getType());
    argTypes[arg.getArgNumber()] = q.getType();
    q.getResult().replaceAllUsesWith(arg);
    func.setArgAttrs(arg.getArgNumber(),
                     codeAttrs(b, q.getExpAttr().getInt(), q.getBitsAttr(),
                               q.getIsSignedAttr()));
    q.erase();
  }
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  SmallVector<Type> resultTypes;
  for (OpOperand &operand : ret->getOpOperands()) {
    auto dq = operand.get().getDefiningOp<DequantizeOp>();
    if (!dq)
      return ret.emitOpError("result #")
             << operand.getOperandNumber() << " is not dequantized codes";
    operand.set(dq.getInput());
    resultTypes.push_back(dq.getInput().getType());
    func.setResultAttrs(operand.getOperandNumber(),
                        codeAttrs(b, dq.getExpAttr().getInt(), dq.getBitsAttr(),
                                  dq.getIsSignedAttr()));
    if (dq->use_empty())
      dq.erase();
  }
  func.setType(FunctionType::get(func.getContext(), argTypes, resultTypes));
  return success();
}

struct FuseIntegerPass : mlir::tqt::impl::TQTFuseIntegerBase<FuseIntegerPass> {
  using Base::Base;

  void runOnOperation() override {
    for (auto func : llvm::to_vector(getOperation().getOps<func::FuncOp>())) {
      if (func.isExternal() || !func.isPublic())
        continue;
      Fuser fuser(func);
      if (failed(fuser.run()) || (integerIO && failed(fuser.makeIntegerIO())))
        return signalPassFailure();
    }
  }
};

} // namespace
