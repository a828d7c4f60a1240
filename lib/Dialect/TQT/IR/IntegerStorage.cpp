//===- IntegerStorage.cpp - How the integer program stores codes ----------===//

#include "tqt/Dialect/TQT/IR/IntegerStorage.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::tqt;

Type mlir::tqt::getCodeStorageType(MLIRContext *ctx, unsigned bits) {
  return IntegerType::get(ctx, bits <= 8 ? 8 : 32);
}

/// A splat of `value` with `like`'s rank (all dimensions 1) and `element`.
static Value rankedSplat(OpBuilder &b, Location loc, RankedTensorType like,
                         Type element, int64_t value) {
  SmallVector<int64_t> ones(like.getRank(), 1);
  auto type = RankedTensorType::get(ones, element);
  return tosa::ConstOp::create(
      b, loc, type,
      DenseElementsAttr::get(type, b.getIntegerAttr(element, value)));
}

Value mlir::tqt::buildZeroPointView(OpBuilder &b, Location loc, Value codes) {
  auto type = cast<RankedTensorType>(codes.getType());
  Value mask =
      rankedSplat(b, loc, type, type.getElementType(), kUnsignedViewZeroPoint);
  return tosa::BitwiseXorOp::create(b, loc, type, codes, mask);
}

Value mlir::tqt::getZeroPointViewSource(Value v) {
  auto x = v.getDefiningOp<tosa::BitwiseXorOp>();
  if (!x || !getElementTypeOrSelf(x.getType()).isInteger(8))
    return nullptr;
  DenseIntElementsAttr mask;
  if (!matchPattern(x.getInput2(), m_Constant(&mask)) || !mask.isSplat() ||
      mask.getSplatValue<APInt>().getSExtValue() != kUnsignedViewZeroPoint)
    return nullptr;
  return x.getInput1();
}

Value mlir::tqt::buildZeroExtension(OpBuilder &b, Location loc, Value codes,
                                    Type elementType) {
  auto type = cast<RankedTensorType>(codes.getType());
  auto wide = type.clone(elementType);
  Value extended = tosa::CastOp::create(b, loc, wide, codes);
  Value mask = rankedSplat(b, loc, type, elementType, 0xff);
  return tosa::BitwiseAndOp::create(b, loc, wide, extended, mask);
}
