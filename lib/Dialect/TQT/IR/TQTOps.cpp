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
  return verifyGrid(*this, getBitsAttr().getInt(), getIsSigned(), getNarrow());
}

num::QuantizerSpec FakeQuantGradOp::getSpec() {
  return makeSpec(getBitsAttr().getInt(), getIsSigned(), getNarrow(),
                  getRounding());
}

LogicalResult FakeQuantGradOp::verify() {
  return verifyGrid(*this, getBitsAttr().getInt(), getIsSigned(), getNarrow());
}

//===----------------------------------------------------------------------===//
// QuantizeOp / DequantizeOp
//===----------------------------------------------------------------------===//

num::QuantizerSpec QuantizeOp::getSpec() {
  return makeSpec(getBitsAttr().getInt(), getIsSigned(), getNarrow(),
                  getRounding());
}

LogicalResult QuantizeOp::verify() {
  if (failed(verifyGrid(*this, getBitsAttr().getInt(), getIsSigned(),
                        getNarrow())) ||
      failed(verifyExp(*this, getExpAttr().getInt())) ||
      failed(verifyStorage(*this, getBitsAttr().getInt(), getType(), "result")))
    return failure();
  return verifySameShape(*this, getX().getType(), getType());
}

LogicalResult DequantizeOp::verify() {
  if (failed(verifyGrid(*this, getBitsAttr().getInt(), getIsSigned(),
                        /*narrow=*/false)) ||
      failed(verifyExp(*this, getExpAttr().getInt())) ||
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

LogicalResult RequantizeOp::verify() {
  if (failed(verifyGrid(*this, getBitsAttr().getInt(), getIsSigned(),
                        getNarrow())) ||
      failed(
          verifyStorage(*this, getBitsAttr().getInt(), getType(), "result")) ||
      failed(verifyStorage(*this, /*bits=*/0, getInput().getType(), "input")))
    return failure();
  if (getShiftAttr().getInt() < -num::kMaxShift ||
      getShiftAttr().getInt() > num::kMaxShift)
    return emitOpError("'shift' must be in [")
           << -num::kMaxShift << ", " << num::kMaxShift << "], got "
           << getShiftAttr().getInt();
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
