//===- TQTOps.cpp - Operations of the tqt dialect -------------------------===//
//
// Assembly helpers and verifiers. Folders live in TQTFolds.cpp.
//
//===----------------------------------------------------------------------===//

#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::tqt;
namespace num = ::mlir::tqt::numerics;

//===----------------------------------------------------------------------===//
// Custom assembly: `bits(8) signed [narrow]`
//===----------------------------------------------------------------------===//

static ParseResult parseGridImpl(OpAsmParser &parser, IntegerAttr &bits,
                                 BoolAttr &isSigned, BoolAttr *narrow) {
  Builder &b = parser.getBuilder();
  int64_t width = 0;
  if (parser.parseKeyword("bits") || parser.parseLParen() ||
      parser.parseInteger(width) || parser.parseRParen())
    return failure();
  bits = b.getI64IntegerAttr(width);
  StringRef sign;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseKeyword(&sign))
    return failure();
  if (sign != "signed" && sign != "unsigned")
    return parser.emitError(loc, "expected 'signed' or 'unsigned', got '")
           << sign << "'";
  isSigned = b.getBoolAttr(sign == "signed");
  if (narrow)
    *narrow = b.getBoolAttr(succeeded(parser.parseOptionalKeyword("narrow")));
  return success();
}

static ParseResult parseGrid(OpAsmParser &parser, IntegerAttr &bits,
                             BoolAttr &isSigned, BoolAttr &narrow) {
  return parseGridImpl(parser, bits, isSigned, &narrow);
}

static ParseResult parseGrid(OpAsmParser &parser, IntegerAttr &bits,
                             BoolAttr &isSigned) {
  return parseGridImpl(parser, bits, isSigned, nullptr);
}

static void printGrid(OpAsmPrinter &p, Operation *, IntegerAttr bits,
                      BoolAttr isSigned, BoolAttr narrow = {}) {
  p << "bits(" << bits.getInt() << ") "
    << (isSigned.getValue() ? "signed" : "unsigned");
  if (narrow && narrow.getValue())
    p << " narrow";
}

//===----------------------------------------------------------------------===//
// Custom assembly: `exp(-7)` or `exps[-7, -9] axis(0)` (and `shift` alike)
//===----------------------------------------------------------------------===//

static ParseResult parseChannelInts(OpAsmParser &parser, StringRef keyword,
                                    IntegerAttr &scalar,
                                    DenseI64ArrayAttr &perChannel,
                                    IntegerAttr &axis) {
  Builder &b = parser.getBuilder();
  int64_t value = 0;
  if (succeeded(parser.parseOptionalKeyword(keyword))) {
    if (parser.parseLParen() || parser.parseInteger(value) ||
        parser.parseRParen())
      return failure();
    scalar = b.getI64IntegerAttr(value);
    return success();
  }
  std::string plural = (keyword + "s").str();
  SmallVector<int64_t> values;
  if (parser.parseKeyword(plural) ||
      parser.parseCommaSeparatedList(
          OpAsmParser::Delimiter::Square,
          [&] { return parser.parseInteger(values.emplace_back()); }) ||
      parser.parseKeyword("axis") || parser.parseLParen() ||
      parser.parseInteger(value) || parser.parseRParen())
    return failure();
  perChannel = b.getDenseI64ArrayAttr(values);
  axis = b.getI64IntegerAttr(value);
  return success();
}

static void printChannelInts(OpAsmPrinter &p, Operation *, StringRef keyword,
                             IntegerAttr scalar, DenseI64ArrayAttr perChannel,
                             IntegerAttr axis) {
  if (scalar)
    p << keyword << "(" << scalar.getInt() << ")";
  if (perChannel) {
    p << keyword << "s[";
    llvm::interleaveComma(perChannel.asArrayRef(), p);
    p << "]";
  }
  if (axis)
    p << " axis(" << axis.getInt() << ")";
}

/// The type of log2 thresholds follows from the quantized type and `axis`:
/// tensor<f32>, or tensor<Cxf32> with C the size of dimension `axis`.
static ParseResult parseThresholdType(OpAsmParser &parser, Type xType,
                                      IntegerAttr axis, Type &thresholdType) {
  Builder &b = parser.getBuilder();
  if (!axis) {
    thresholdType = RankedTensorType::get({}, b.getF32Type());
    return success();
  }
  int64_t channels = ShapedType::kDynamic;
  auto shaped = dyn_cast<RankedTensorType>(xType);
  if (shaped && axis.getInt() >= 0 && axis.getInt() < shaped.getRank())
    channels = shaped.getDimSize(axis.getInt());
  thresholdType = RankedTensorType::get({channels}, b.getF32Type());
  return success();
}

static void printThresholdType(OpAsmPrinter &, Operation *, Type, IntegerAttr,
                               Type) {}

//===----------------------------------------------------------------------===//
// Verification helpers
//===----------------------------------------------------------------------===//

static std::string shapeString(ShapedType type) {
  if (!type.hasRank())
    return "*";
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "[";
  llvm::interleaveComma(type.getShape(), os, [&](int64_t d) {
    if (ShapedType::isDynamic(d))
      os << "?";
    else
      os << d;
  });
  os << "]";
  return s;
}

/// bits in [2, 32]; narrow only on signed grids.
static LogicalResult verifyGrid(Operation *op, int64_t bits, bool isSigned,
                                bool narrow) {
  if (bits < num::kMinBits || bits > num::kMaxBits)
    return op->emitOpError("'bits' must be in [")
           << num::kMinBits << ", " << num::kMaxBits << "], got " << bits;
  if (narrow && !isSigned)
    return op->emitOpError(
        "'narrow' requires a signed grid (is_signed = true)");
  return success();
}

/// The integer element type of `type` holds `bits` bits and at most 64.
static LogicalResult verifyStorage(Operation *op, int64_t bits, Type type,
                                   StringRef what) {
  auto elementType = cast<IntegerType>(cast<ShapedType>(type).getElementType());
  unsigned width = elementType.getWidth();
  if (width > 64)
    return op->emitOpError("the ") << what << " element type " << elementType
                                   << " is wider than 64 bits";
  if (bits > int64_t(width))
    return op->emitOpError("'bits' = ") << bits << " does not fit the " << what
                                        << " element type " << elementType;
  return success();
}

static LogicalResult verifyExp(Operation *op, int64_t exp) {
  if (exp < num::kMinExp || exp > num::kMaxExp)
    return op->emitOpError("'exp' must be in [")
           << num::kMinExp << ", " << num::kMaxExp
           << "] (2^exp must be a normal f32), got " << exp;
  return success();
}

static LogicalResult verifySameShape(Operation *op, Type input, Type output) {
  auto in = cast<ShapedType>(input);
  auto out = cast<ShapedType>(output);
  if (in.hasRank() != out.hasRank() ||
      (in.hasRank() && in.getShape() != out.getShape()))
    return op->emitOpError("result shape ")
           << shapeString(out) << " must equal the input shape "
           << shapeString(in);
  return success();
}

/// `axis` names a dimension of `type`.
static LogicalResult verifyAxis(Operation *op, Type type, int64_t axis) {
  auto shaped = dyn_cast<RankedTensorType>(type);
  if (!shaped)
    return op->emitOpError("per-channel parameters need a ranked tensor, got ")
           << type;
  if (axis >= shaped.getRank())
    return op->emitOpError("'axis' = ")
           << axis << " is not a dimension of the rank-" << shaped.getRank()
           << " tensor " << type;
  return success();
}

/// `count` per-channel parameters (`what`) for the channels of `type` along
/// `axis` (a dynamic dimension accepts any count).
static LogicalResult verifyChannelCount(Operation *op, Type type, int64_t axis,
                                        int64_t count, StringRef what) {
  int64_t channels = cast<RankedTensorType>(type).getDimSize(axis);
  if (!ShapedType::isDynamic(channels) && count != channels)
    return op->emitOpError("has ")
           << count << " " << what << " for " << channels
           << " channels along axis " << axis;
  return success();
}

/// Log2 thresholds: 0-d without `axis`, 1-d with one per channel with it.
static LogicalResult verifyThresholds(Operation *op, Type xType,
                                      Type thresholdType, IntegerAttr axis,
                                      StringRef name) {
  auto t = cast<RankedTensorType>(thresholdType);
  if (!axis) {
    if (t.getRank() != 0)
      return op->emitOpError("'")
             << name << "' must be a 0-d tensor (one threshold) without "
             << "'axis'; per-channel thresholds need 'axis', got "
             << thresholdType;
    return success();
  }
  if (failed(verifyAxis(op, xType, axis.getInt())))
    return failure();
  if (t.getRank() != 1)
    return op->emitOpError("'")
           << name << "' must be a 1-d tensor (a threshold per channel) with "
           << "'axis', got " << thresholdType;
  if (t.isDynamicDim(0))
    return success();
  return verifyChannelCount(op, xType, axis.getInt(), t.getDimSize(0),
                            "log2 thresholds");
}

/// Exactly one of a scalar and per-channel values (with `axis`), each
/// accepted by `check`.
static LogicalResult
verifyChannelInts(Operation *op, Type type, StringRef keyword,
                  IntegerAttr scalar, DenseI64ArrayAttr perChannel,
                  IntegerAttr axis,
                  function_ref<LogicalResult(int64_t)> check) {
  if (bool(scalar) == bool(perChannel))
    return op->emitOpError("needs either '")
           << keyword << "' (per tensor) or 'channel_" << keyword
           << "s' with 'axis' (per channel), not "
           << (scalar ? "both" : "neither");
  if (bool(perChannel) != bool(axis))
    return op->emitOpError("'channel_")
           << keyword << "s' and 'axis' go together";
  if (scalar)
    return check(scalar.getInt());
  if (perChannel.empty())
    return op->emitOpError("'channel_")
           << keyword << "s' is empty; a tensor without channels has nothing "
           << "to quantize per channel";
  if (failed(verifyAxis(op, type, axis.getInt())) ||
      failed(verifyChannelCount(op, type, axis.getInt(), perChannel.size(),
                                (keyword + "s").str())))
    return failure();
  for (int64_t v : perChannel.asArrayRef())
    if (failed(check(v)))
      return failure();
  return success();
}

static ChannelInts channelInts(IntegerAttr scalar, DenseI64ArrayAttr perChannel,
                               IntegerAttr axis) {
  ChannelInts params;
  if (scalar) {
    params.values.push_back(scalar.getInt());
    return params;
  }
  params.values.assign(perChannel.asArrayRef().begin(),
                       perChannel.asArrayRef().end());
  params.axis = axis.getInt();
  return params;
}

static num::QuantizerSpec makeSpec(int64_t bits, bool isSigned, bool narrow,
                                   RoundingMode rounding) {
  num::QuantizerSpec spec;
  spec.bits = unsigned(bits);
  spec.isSigned = isSigned;
  spec.narrow = narrow;
  spec.rounding = toNumerics(rounding);
  return spec;
}

//===----------------------------------------------------------------------===//
// FakeQuantOp / FakeQuantGradOp
//===----------------------------------------------------------------------===//

num::QuantizerSpec FakeQuantOp::getSpec() {
  return makeSpec(getBitsAttr().getInt(), getIsSigned(), getNarrow(),
                  getRounding());
}

LogicalResult FakeQuantOp::verify() {
  if (failed(verifyGrid(*this, getBitsAttr().getInt(), getIsSigned(),
                        getNarrow())))
    return failure();
  return verifyThresholds(*this, getX().getType(), getLog2T().getType(),
                          getAxisAttr(), "log2_t");
}

num::QuantizerSpec FakeQuantGradOp::getSpec() {
  return makeSpec(getBitsAttr().getInt(), getIsSigned(), getNarrow(),
                  getRounding());
}

LogicalResult FakeQuantGradOp::verify() {
  if (failed(verifyGrid(*this, getBitsAttr().getInt(), getIsSigned(),
                        getNarrow())) ||
      failed(verifyThresholds(*this, getX().getType(), getLog2T().getType(),
                              getAxisAttr(), "log2_t")))
    return failure();
  if (getLog2T().getType() != getDlog2T().getType())
    return emitOpError("'dlog2_t' type ")
           << getDlog2T().getType() << " must equal the 'log2_t' type "
           << getLog2T().getType();
  return success();
}

//===----------------------------------------------------------------------===//
// QuantizeOp / DequantizeOp
//===----------------------------------------------------------------------===//

num::QuantizerSpec QuantizeOp::getSpec() {
  return makeSpec(getBitsAttr().getInt(), getIsSigned(), getNarrow(),
                  getRounding());
}

ChannelInts QuantizeOp::getExponents() {
  return channelInts(getExpAttr(), getChannelExpsAttr(), getAxisAttr());
}

ChannelInts DequantizeOp::getExponents() {
  return channelInts(getExpAttr(), getChannelExpsAttr(), getAxisAttr());
}

LogicalResult QuantizeOp::verify() {
  if (failed(verifyGrid(*this, getBitsAttr().getInt(), getIsSigned(),
                        getNarrow())) ||
      failed(verifyChannelInts(
          *this, getX().getType(), "exp", getExpAttr(), getChannelExpsAttr(),
          getAxisAttr(), [&](int64_t e) { return verifyExp(*this, e); })) ||
      failed(verifyStorage(*this, getBitsAttr().getInt(), getType(), "result")))
    return failure();
  return verifySameShape(*this, getX().getType(), getType());
}

LogicalResult DequantizeOp::verify() {
  if (failed(verifyGrid(*this, getBitsAttr().getInt(), getIsSigned(),
                        /*narrow=*/false)) ||
      failed(
          verifyChannelInts(*this, getInput().getType(), "exp", getExpAttr(),
                            getChannelExpsAttr(), getAxisAttr(),
                            [&](int64_t e) { return verifyExp(*this, e); })) ||
      failed(verifyStorage(*this, getBitsAttr().getInt(), getInput().getType(),
                           "input")))
    return failure();
  return verifySameShape(*this, getInput().getType(), getType());
}

//===----------------------------------------------------------------------===//
// RequantizeOp
//===----------------------------------------------------------------------===//

num::QuantizerSpec RequantizeOp::getSpec() {
  return makeSpec(getBitsAttr().getInt(), getIsSigned(), getNarrow(),
                  getRounding());
}

num::Grid RequantizeOp::getClampedGrid() {
  num::Grid grid = getSpec().grid();
  if (IntegerAttr lo = getClampMinAttr())
    grid.lo = std::max(grid.lo, lo.getInt());
  if (IntegerAttr hi = getClampMaxAttr())
    grid.hi = std::min(grid.hi, hi.getInt());
  return grid;
}

ChannelInts RequantizeOp::getShifts() {
  return channelInts(getShiftAttr(), getChannelShiftsAttr(), getAxisAttr());
}

LogicalResult RequantizeOp::verify() {
  if (failed(verifyGrid(*this, getBitsAttr().getInt(), getIsSigned(),
                        getNarrow())) ||
      failed(
          verifyStorage(*this, getBitsAttr().getInt(), getType(), "result")) ||
      failed(verifyStorage(*this, /*bits=*/0, getInput().getType(), "input")))
    return failure();
  auto checkShift = [&](int64_t shift) -> LogicalResult {
    if (shift < -num::kMaxShift || shift > num::kMaxShift)
      return emitOpError("'shift' must be in [")
             << -num::kMaxShift << ", " << num::kMaxShift << "], got " << shift;
    return success();
  };
  if (failed(verifyChannelInts(*this, getInput().getType(), "shift",
                               getShiftAttr(), getChannelShiftsAttr(),
                               getAxisAttr(), checkShift)))
    return failure();
  num::Grid grid = getSpec().grid();
  auto checkBound = [&](IntegerAttr bound, StringRef name) -> LogicalResult {
    if (bound && (bound.getInt() < grid.lo || bound.getInt() > grid.hi))
      return emitOpError("'") << name << "' = " << bound.getInt()
                              << " is outside the output range [" << grid.lo
                              << ", " << grid.hi << "]";
    return success();
  };
  IntegerAttr clampMin = getClampMinAttr(), clampMax = getClampMaxAttr();
  if (failed(checkBound(clampMin, "clamp_min")) ||
      failed(checkBound(clampMax, "clamp_max")))
    return failure();
  if (clampMin && clampMax && clampMin.getInt() > clampMax.getInt())
    return emitOpError("'clamp_min' = ")
           << clampMin.getInt()
           << " must not exceed 'clamp_max' = " << clampMax.getInt();
  return verifySameShape(*this, getInput().getType(), getType());
}

#define GET_OP_CLASSES
#include "tqt/Dialect/TQT/IR/TQTOps.cpp.inc"

//===----------------------------------------------------------------------===//
// DotStepOp
//===----------------------------------------------------------------------===//

LogicalResult DotStepOp::verify() {
  auto acc = cast<VectorType>(getAcc().getType());
  auto operand = cast<VectorType>(getA().getType());
  unsigned width = operand.getElementTypeBitWidth();
  int64_t group = 32 / width;
  if (operand.getNumElements() != acc.getNumElements() * group)
    return emitOpError("operands of ")
           << operand << " hold " << operand.getNumElements() << " "
           << "elements, but " << acc.getNumElements() << " i32 lanes of "
           << group << " i" << width << " need "
           << acc.getNumElements() * group;
  return success();
}
