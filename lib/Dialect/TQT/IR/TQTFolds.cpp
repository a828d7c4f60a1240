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
namespace num = ::mlir::tqt::numerics;

DenseFPElementsAttr mlir::tqt::getDenseF32(Attribute attr) {
  if (auto res = dyn_cast_if_present<DenseF32ResourceElementsAttr>(attr)) {
    std::optional<ArrayRef<float>> data = res.tryGetAsArrayRef();
    if (!data)
      return {};
    return cast<DenseFPElementsAttr>(
        DenseElementsAttr::get(cast<ShapedType>(res.getType()), *data));
  }
  auto dense = dyn_cast_if_present<DenseFPElementsAttr>(attr);
  if (!dense || !dense.getElementType().isF32())
    return {};
  return dense;
}

std::optional<float> mlir::tqt::getScalarF32(Attribute attr) {
  auto dense = getDenseF32(attr);
  if (!dense || dense.getNumElements() != 1 || !dense.getElementType().isF32())
    return std::nullopt;
  return *dense.getValues<float>().begin();
}

std::optional<SmallVector<float>> mlir::tqt::getF32Values(Attribute attr) {
  auto dense = getDenseF32(attr);
  if (!dense)
    return std::nullopt;
  return SmallVector<float>(dense.getValues<float>());
}

static DenseFPElementsAttr getF32Elements(Attribute attr) {
  return getDenseF32(attr);
}

/// Builds `type` from `input` by applying `fn(element, parameter)` to each
/// element, with the parameter of the element's channel (of the tensor, when
/// per tensor; then once for a splat).
template <typename InT, typename OutT, typename Fn>
static DenseElementsAttr mapChannelElements(DenseElementsAttr input,
                                            ShapedType type,
                                            const ChannelInts &params, Fn fn) {
  if (!params.isPerChannel()) {
    int64_t p = params.at(0);
    if (input.isSplat())
      return DenseElementsAttr::get(
          type, ArrayRef<OutT>(OutT(fn(input.getSplatValue<InT>(), p))));
    SmallVector<OutT> out;
    out.reserve(input.getNumElements());
    for (InT v : input.getValues<InT>())
      out.push_back(fn(v, p));
    return DenseElementsAttr::get(type, ArrayRef<OutT>(out));
  }
  ArrayRef<int64_t> shape = input.getType().getShape();
  int64_t axis = *params.axis;
  SmallVector<OutT> out;
  out.reserve(input.getNumElements());
  int64_t k = 0;
  for (InT v : input.getValues<InT>())
    out.push_back(fn(v, params.at(channelOfElement(shape, axis, k++))));
  return DenseElementsAttr::get(type, ArrayRef<OutT>(out));
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

/// The static type of a result computed from a constant operand.
static RankedTensorType staticLike(DenseElementsAttr like, Type elementType) {
  return RankedTensorType::get(like.getType().getShape(), elementType);
}

/// The [outer, channels, inner] view of a static shape split at `axis`.
struct ChannelSplit {
  size_t outer = 1, channels = 1, inner = 1;
};

static ChannelSplit splitAt(ArrayRef<int64_t> shape, int64_t axis) {
  ChannelSplit split;
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (int64_t(i) < axis)
      split.outer *= d;
    else if (int64_t(i) == axis)
      split.channels = d;
    else
      split.inner *= d;
  }
  return split;
}

/// Per-channel thresholds for the channels of `x` along `axis`.
static std::optional<SmallVector<float>>
channelThresholds(DenseFPElementsAttr x, Attribute log2T, int64_t axis) {
  std::optional<SmallVector<float>> t = getF32Values(log2T);
  if (!t || t->size() != size_t(x.getType().getDimSize(axis)))
    return std::nullopt;
  return t;
}

static DenseElementsAttr evaluateFakeQuant(FakeQuantOp op,
                                           ArrayRef<Attribute> operands) {
  DenseFPElementsAttr x = getF32Elements(operands[0]);
  if (!x)
    return {};
  num::QuantizerSpec spec = op.getSpec();
  if (std::optional<int64_t> axis = op.getAxis()) {
    auto log2T = channelThresholds(x, operands[1], *axis);
    if (!log2T)
      return {};
    ChannelSplit split = splitAt(x.getType().getShape(), *axis);
    SmallVector<float> xs(x.getValues<float>());
    SmallVector<float> out(xs.size());
    num::fakeQuantPerChannel(xs.data(), split.outer, split.channels,
                             split.inner, log2T->data(), spec, out.data());
    return DenseElementsAttr::get(x.getType(), ArrayRef(out));
  }
  std::optional<float> log2T = getScalarF32(operands[1]);
  if (!log2T)
    return {};
  return mapElements<float, float>(
      x, x.getType(), [&](float v) { return num::fakeQuant(v, *log2T, spec); });
}

static LogicalResult
evaluateFakeQuantGrad(FakeQuantGradOp op, ArrayRef<Attribute> operands,
                      SmallVectorImpl<Attribute> &results) {
  DenseFPElementsAttr x = getF32Elements(operands[0]);
  DenseFPElementsAttr dy = getF32Elements(operands[2]);
  if (!x || !dy || x.getType().getShape() != dy.getType().getShape())
    return failure();
  SmallVector<float> xs(x.getValues<float>());
  SmallVector<float> dys(dy.getValues<float>());
  SmallVector<float> dx(xs.size());
  if (std::optional<int64_t> axis = op.getAxis()) {
    auto log2T = channelThresholds(x, operands[1], *axis);
    if (!log2T)
      return failure();
    ChannelSplit split = splitAt(x.getType().getShape(), *axis);
    SmallVector<float> dlog2T(split.channels);
    num::fakeQuantGradPerChannel(xs.data(), dys.data(), split.outer,
                                 split.channels, split.inner, log2T->data(),
                                 op.getSpec(), dx.data(), dlog2T.data());
    results.push_back(DenseElementsAttr::get(x.getType(), ArrayRef(dx)));
    results.push_back(DenseElementsAttr::get(
        RankedTensorType::get({int64_t(split.channels)},
                              Float32Type::get(op.getContext())),
        ArrayRef(dlog2T)));
    return success();
  }
  std::optional<float> log2T = getScalarF32(operands[1]);
  if (!log2T)
    return failure();
  float dlog2T = num::fakeQuantGrad(xs.data(), dys.data(), xs.size(), *log2T,
                                    op.getSpec(), dx.data());
  results.push_back(DenseElementsAttr::get(x.getType(), ArrayRef(dx)));
  results.push_back(DenseElementsAttr::get(
      RankedTensorType::get({}, Float32Type::get(op.getContext())),
      ArrayRef(dlog2T)));
  return success();
}

static DenseElementsAttr evaluateQuantize(QuantizeOp op,
                                          ArrayRef<Attribute> operands) {
  DenseFPElementsAttr x = getF32Elements(operands[0]);
  if (!x)
    return {};
  num::QuantizerSpec spec = op.getSpec();
  Type storage = cast<ShapedType>(op.getType()).getElementType();
  unsigned width = storage.getIntOrFloatBitWidth();
  return mapChannelElements<float, APInt>(
      x, staticLike(x, storage), op.getExponents(), [&](float v, int64_t exp) {
        return toStorage(num::quantize(v, int(exp), spec), width);
      });
}

static DenseElementsAttr evaluateDequantize(DequantizeOp op,
                                            ArrayRef<Attribute> operands) {
  auto q = dyn_cast_if_present<DenseIntElementsAttr>(operands[0]);
  if (!q)
    return {};
  bool isSigned = op.getIsSigned();
  unsigned width = q.getElementType().getIntOrFloatBitWidth();
  return mapChannelElements<APInt, float>(
      q, staticLike(q, Float32Type::get(op.getContext())), op.getExponents(),
      [&](const APInt &raw, int64_t exp) {
        return num::dequantize(
            num::readStorage(raw.getZExtValue(), width, isSigned), int(exp));
      });
}

static DenseElementsAttr evaluateRequantize(RequantizeOp op,
                                            ArrayRef<Attribute> operands) {
  auto a = dyn_cast_if_present<DenseIntElementsAttr>(operands[0]);
  if (!a)
    return {};
  num::Grid grid = op.getClampedGrid();
  num::Rounding rounding = toNumerics(op.getRounding());
  bool inputSigned = !op.getInputUnsigned();
  unsigned inWidth = a.getElementType().getIntOrFloatBitWidth();
  Type storage = cast<ShapedType>(op.getType()).getElementType();
  unsigned outWidth = storage.getIntOrFloatBitWidth();
  return mapChannelElements<APInt, APInt>(
      a, staticLike(a, storage), op.getShifts(),
      [&](const APInt &raw, int64_t shift) {
        int64_t v = num::readStorage(raw.getZExtValue(), inWidth, inputSigned);
        return toStorage(num::requantize(v, int(shift), rounding, grid),
                         outWidth);
      });
}

static DenseElementsAttr evaluateActivation(ActivationOp op,
                                            ArrayRef<Attribute> operands) {
  DenseFPElementsAttr x = getF32Elements(operands[0]);
  if (!x)
    return {};
  num::Activation kind = op.getActivation();
  return mapElements<float, float>(
      x, x.getType(), [&](float v) { return num::activation(kind, v); });
}

LogicalResult mlir::tqt::evaluate(Operation *op, ArrayRef<Attribute> operands,
                                  SmallVectorImpl<Attribute> &results) {
  if (operands.size() != op->getNumOperands())
    return failure();
  Attribute single;
  if (auto fq = dyn_cast<FakeQuantOp>(op))
    single = evaluateFakeQuant(fq, operands);
  else if (auto grad = dyn_cast<FakeQuantGradOp>(op))
    return evaluateFakeQuantGrad(grad, operands, results);
  else if (auto q = dyn_cast<QuantizeOp>(op))
    single = evaluateQuantize(q, operands);
  else if (auto dq = dyn_cast<DequantizeOp>(op))
    single = evaluateDequantize(dq, operands);
  else if (auto rq = dyn_cast<RequantizeOp>(op))
    single = evaluateRequantize(rq, operands);
  else if (auto act = dyn_cast<ActivationOp>(op))
    single = evaluateActivation(act, operands);
  if (!single)
    return failure();
  results.push_back(single);
  return success();
}

/// Folds `op` when every operand is a constant and the evaluated types are
/// the op's own result types (dynamic result types are left alone).
static LogicalResult foldByEvaluation(Operation *op,
                                      ArrayRef<Attribute> operands,
                                      SmallVectorImpl<OpFoldResult> &folded) {
  SmallVector<Attribute> results;
  if (failed(mlir::tqt::evaluate(op, operands, results)))
    return failure();
  for (auto [attr, type] : llvm::zip(results, op->getResultTypes()))
    if (cast<TypedAttr>(attr).getType() != type)
      return failure();
  folded.append(results.begin(), results.end());
  return success();
}

static OpFoldResult foldSingle(Operation *op, ArrayRef<Attribute> operands) {
  SmallVector<OpFoldResult> folded;
  if (failed(foldByEvaluation(op, operands, folded)))
    return {};
  return folded.front();
}

OpFoldResult FakeQuantOp::fold(FoldAdaptor adaptor) {
  return foldSingle(*this, adaptor.getOperands());
}

LogicalResult FakeQuantGradOp::fold(FoldAdaptor adaptor,
                                    SmallVectorImpl<OpFoldResult> &results) {
  return foldByEvaluation(*this, adaptor.getOperands(), results);
}

OpFoldResult QuantizeOp::fold(FoldAdaptor adaptor) {
  return foldSingle(*this, adaptor.getOperands());
}

OpFoldResult DequantizeOp::fold(FoldAdaptor adaptor) {
  return foldSingle(*this, adaptor.getOperands());
}

OpFoldResult RequantizeOp::fold(FoldAdaptor adaptor) {
  return foldSingle(*this, adaptor.getOperands());
}

OpFoldResult ActivationOp::fold(FoldAdaptor adaptor) {
  return foldSingle(*this, adaptor.getOperands());
}
