//===- TensorBuilder.h - linalg-on-tensors building blocks ------*- C++ -*-===//
//
// The few shapes of computation the training graph is made of (elementwise
// maps with TOSA-style broadcasting, sums down to a broadcast shape, strided
// scatters into zero tensors, contractions given as affine maps), written as
// linalg ops on tensors so that every rule handles static and dynamic shapes
// the same way and lowers through the same pipeline as the model.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_LIB_DIALECT_TQT_TRANSFORMS_TENSORBUILDER_H
#define TQT_LIB_DIALECT_TQT_TRANSFORMS_TENSORBUILDER_H

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

#include <functional>

namespace mlir::tqt {

class TensorBuilder {
public:
  using Body = std::function<Value(OpBuilder &, Location, ValueRange)>;

  explicit TensorBuilder(ImplicitLocOpBuilder &b) : b(b) {}

  ImplicitLocOpBuilder &builder() { return b; }

  /// Sizes of `v` (constants where static, tensor.dim where dynamic).
  SmallVector<OpFoldResult> sizes(Value v);
  /// A tensor of `sizes` filled with `value`.
  Value filled(ArrayRef<OpFoldResult> sizes, Type elementType, double value);
  Value zerosLike(Value v) { return filled(sizes(v), elementType(v), 0.0); }

  /// Elementwise `body` over the shape of `shapeOf`; each input has the same
  /// rank, and dimensions of static size 1 where `shapeOf` has another size
  /// are broadcast (TOSA's rule). 0-d inputs are broadcast scalars.
  Value map(Value shapeOf, ValueRange inputs, const Body &body);

  /// Sums `grad` over the dimensions that `like` broadcasts (static size 1
  /// in `like`, another size in `grad`), giving a tensor of `like`'s type.
  Value sumToShapeOf(Value grad, Value like);

  /// `source` inserted with `strides` at `offsets` into a zero tensor of
  /// `sizes` (zero insertion for strided gradients and padding).
  Value scatterIntoZeros(Value source, ArrayRef<OpFoldResult> sizes,
                         ArrayRef<int64_t> offsets, ArrayRef<int64_t> strides);

  /// A linalg.generic whose body combines the inputs into the accumulator:
  /// out = body(inputs..., out), over `numLoops` loops with `maps` (inputs,
  /// then the output) and iterators. The output starts as `init`.
  Value contract(ValueRange inputs, Value init, ArrayRef<AffineMap> maps,
                 ArrayRef<utils::IteratorType> iterators, const Body &body);

  /// Scalar arithmetic helpers for bodies.
  static Value constantLike(OpBuilder &b, Location loc, Type type, double v);

  static Type elementType(Value v) {
    return cast<ShapedType>(v.getType()).getElementType();
  }

private:
  ImplicitLocOpBuilder &b;
};

} // namespace mlir::tqt

#endif // TQT_LIB_DIALECT_TQT_TRANSFORMS_TENSORBUILDER_H
