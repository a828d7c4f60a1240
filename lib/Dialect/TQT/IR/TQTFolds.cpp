//===- TQTFolds.cpp - Constant folding of tqt ops -------------------------===//
//
// An op whose inputs are all dense constants folds to the constant the
// numerics reference (FixedPoint.h) computes, in one pass over the elements;
// splat inputs fold to splats. Nothing here looks through a quantizer to
// cancel it: quantization error is never removed.
//
//===----------------------------------------------------------------------===//

#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/SmallVector.h"

using namespace mlir;
using namespace mlir::tqt;
namespace num = ::tqt::numerics;

/// The single value of a scalar (0-d) f32 constant, if `attr` is one.
static std::optional<float> getScalarF32(Attribute attr) {
  auto dense = dyn_cast_if_present<DenseFPElementsAttr>(attr);
  if (!dense || dense.getNumElements() != 1 || !dense.getElementType().isF32())
    return std::nullopt;
  return *dense.getValues<float>().begin();
}

static DenseFPElementsAttr getF32Elements(Attribute attr) {
  auto dense = dyn_cast_if_present<DenseFPElementsAttr>(attr);
  if (!dense || !dense.getElementType().isF32())
    return {};
  return dense;
}

/// Builds `type` from `input` by applying `fn` to each element (once for a
/// splat).
template <typename InT, typename OutT, typename Fn>
static DenseElementsAttr mapElements(DenseElementsAttr input, ShapedType type,
                                     Fn fn) {
  if (input.isSplat())
    return DenseElementsAttr::get(
        type, ArrayRef<OutT>(OutT(fn(input.getSplatValue<InT>()))));
  SmallVector<OutT> out;
  out.reserve(input.getNumElements());
  for (InT v : input.getValues<InT>())
    out.push_back(fn(v));
  return DenseElementsAttr::get(type, ArrayRef<OutT>(out));
}

/// An integer code as an APInt of the storage `width` (two's complement low
/// bits; unsigned codes fit as unsigned, signed codes as signed).
static APInt toStorage(int64_t v, unsigned width) {
  return APInt(width, static_cast<uint64_t>(v), /*isSigned=*/v < 0);
}

OpFoldResult FakeQuantOp::fold(FoldAdaptor adaptor) {
  DenseFPElementsAttr x = getF32Elements(adaptor.getX());
  std::optional<float> log2T = getScalarF32(adaptor.getLog2T());
  if (!x || !log2T)
    return {};
  num::QuantizerSpec spec = getSpec();
  auto type = cast<ShapedType>(x.getType());
  return mapElements<float, float>(
      x, type, [&](float v) { return num::fakeQuant(v, *log2T, spec); });
}

LogicalResult FakeQuantGradOp::fold(FoldAdaptor adaptor,
                                    SmallVectorImpl<OpFoldResult> &results) {
  DenseFPElementsAttr x = getF32Elements(adaptor.getX());
  DenseFPElementsAttr dy = getF32Elements(adaptor.getDy());
  std::optional<float> log2T = getScalarF32(adaptor.getLog2T());
  if (!x || !dy || !log2T)
    return failure();
  SmallVector<float> xs(x.getValues<float>());
  SmallVector<float> dys(dy.getValues<float>());
  SmallVector<float> dx(xs.size());
  float dlog2T = num::fakeQuantGrad(xs.data(), dys.data(), xs.size(), *log2T,
                                    getSpec(), dx.data());
  results.push_back(
      DenseElementsAttr::get(cast<ShapedType>(x.getType()), ArrayRef(dx)));
  results.push_back(DenseElementsAttr::get(
      cast<ShapedType>(getDlog2T().getType()), ArrayRef(dlog2T)));
  return success();
}

OpFoldResult QuantizeOp::fold(FoldAdaptor adaptor) {
  DenseFPElementsAttr x = getF32Elements(adaptor.getX());
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!x || !type || !type.hasStaticShape())
    return {};
  num::QuantizerSpec spec = getSpec();
  int exp = int(getExpAttr().getInt());
  unsigned width = type.getElementTypeBitWidth();
  return mapElements<float, APInt>(x, type, [&](float v) {
    return toStorage(num::quantize(v, exp, spec), width);
  });
}

OpFoldResult DequantizeOp::fold(FoldAdaptor adaptor) {
  auto q = dyn_cast_if_present<DenseIntElementsAttr>(adaptor.getInput());
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!q || !type || !type.hasStaticShape())
    return {};
  int exp = int(getExpAttr().getInt());
  bool isSigned = getIsSigned();
  unsigned width = q.getElementType().getIntOrFloatBitWidth();
  return mapElements<APInt, float>(q, type, [&](const APInt &raw) {
    return num::dequantize(
        num::readStorage(raw.getZExtValue(), width, isSigned), exp);
  });
}

OpFoldResult RequantizeOp::fold(FoldAdaptor adaptor) {
  auto a = dyn_cast_if_present<DenseIntElementsAttr>(adaptor.getInput());
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!a || !type || !type.hasStaticShape())
    return {};
  num::Grid grid = getClampedGrid();
  num::Rounding rounding = toNumerics(getRounding());
  int shift = int(getShiftAttr().getInt());
  bool inputSigned = !getInputUnsigned();
  unsigned inWidth = a.getElementType().getIntOrFloatBitWidth();
  unsigned outWidth = type.getElementTypeBitWidth();
  return mapElements<APInt, APInt>(a, type, [&](const APInt &raw) {
    int64_t v = num::readStorage(raw.getZExtValue(), inWidth, inputSigned);
    return toStorage(num::requantize(v, shift, rounding, grid), outWidth);
  });
}
