//===- TensorBuilder.cpp - linalg-on-tensors building blocks --------------===//

#include "TensorBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::tqt;

SmallVector<OpFoldResult> TensorBuilder::sizes(Value v) {
  return tensor::getMixedSizes(b, b.getLoc(), v);
}

Value TensorBuilder::constantLike(OpBuilder &b, Location loc, Type type,
                                  double v) {
  if (auto ft = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, FloatAttr::get(ft, v));
  return arith::ConstantOp::create(b, loc, IntegerAttr::get(type, int64_t(v)));
}

Value TensorBuilder::filled(ArrayRef<OpFoldResult> sizes, Type elementType,
                            double value) {
  Value empty = tensor::EmptyOp::create(b, sizes, elementType);
  Value v = constantLike(b, b.getLoc(), elementType, value);
  return linalg::FillOp::create(b, ValueRange{v}, ValueRange{empty})
      .getResult(0);
}

/// The map of an operand broadcast TOSA-style into a result of `shape`.
static AffineMap broadcastMap(MLIRContext *ctx, ArrayRef<int64_t> operand,
                              ArrayRef<int64_t> result) {
  SmallVector<AffineExpr> exprs;
  for (auto [i, d] : llvm::enumerate(operand)) {
    bool broadcast = d == 1 && result[i] != 1;
    exprs.push_back(broadcast ? getAffineConstantExpr(0, ctx)
                              : getAffineDimExpr(i, ctx));
  }
  return AffineMap::get(result.size(), 0, exprs, ctx);
}

Value TensorBuilder::map(Value shapeOf, ValueRange inputs, const Body &body) {
  auto type = cast<RankedTensorType>(shapeOf.getType());
  MLIRContext *ctx = b.getContext();
  int64_t rank = type.getRank();
  SmallVector<AffineMap> maps;
  for (Value in : inputs) {
    auto inType = cast<RankedTensorType>(in.getType());
    maps.push_back(inType.getRank() == 0
                       ? AffineMap::get(rank, 0, {}, ctx)
                       : broadcastMap(ctx, inType.getShape(), type.getShape()));
  }
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
  Value init =
      tensor::EmptyOp::create(b, sizes(shapeOf), type.getElementType());
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  size_t n = inputs.size();
  return linalg::GenericOp::create(
             b, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
             iterators,
             [&](OpBuilder &nb, Location loc, ValueRange args) {
               Value r = body(nb, loc, args.take_front(n));
               linalg::YieldOp::create(nb, loc, r);
             })
      .getResult(0);
}

Value TensorBuilder::sumToShapeOf(Value grad, Value like) {
  auto gType = cast<RankedTensorType>(grad.getType());
  auto lType = cast<RankedTensorType>(like.getType());
  if (gType == lType)
    return grad;
  MLIRContext *ctx = b.getContext();
  int64_t rank = gType.getRank();
  SmallVector<utils::IteratorType> iterators;
  bool reduces = false;
  for (int64_t i = 0; i < rank; ++i) {
    bool broadcast = lType.getDimSize(i) == 1 && gType.getDimSize(i) != 1;
    reduces |= broadcast;
    iterators.push_back(broadcast ? utils::IteratorType::reduction
                                  : utils::IteratorType::parallel);
  }
  if (!reduces) // Only static/dynamic spellings differ.
    return tensor::CastOp::create(b, lType, grad);
  AffineMap in = AffineMap::getMultiDimIdentityMap(rank, ctx);
  AffineMap out = broadcastMap(ctx, lType.getShape(), gType.getShape());
  Value init = zerosLike(like);
  return contract(grad, init, {in, out}, iterators,
                  [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                    return arith::AddFOp::create(nb, loc, a[0], a[1]);
                  });
}

Value TensorBuilder::scatterIntoZeros(Value source,
                                      ArrayRef<OpFoldResult> sizes,
                                      ArrayRef<int64_t> offsets,
                                      ArrayRef<int64_t> strides) {
  Value zeros = filled(sizes, elementType(source), 0.0);
  SmallVector<OpFoldResult> offs, strs;
  for (int64_t o : offsets)
    offs.push_back(b.getIndexAttr(o));
  for (int64_t s : strides)
    strs.push_back(b.getIndexAttr(s));
  return tensor::InsertSliceOp::create(b, source, zeros, offs,
                                       this->sizes(source), strs);
}

Value TensorBuilder::contract(ValueRange inputs, Value init,
                              ArrayRef<AffineMap> maps,
                              ArrayRef<utils::IteratorType> iterators,
                              const Body &body) {
  return linalg::GenericOp::create(
             b, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
             iterators,
             [&](OpBuilder &nb, Location loc, ValueRange args) {
               linalg::YieldOp::create(nb, loc, body(nb, loc, args));
             })
      .getResult(0);
}
