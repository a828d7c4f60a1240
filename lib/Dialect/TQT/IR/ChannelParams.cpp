//===- ChannelParams.cpp - Per-tensor or per-channel op parameters --------===//

#include "tqt/Dialect/TQT/IR/ChannelParams.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::tqt;

std::optional<int64_t> ChannelInts::uniform() const {
  if (values.empty() || !llvm::all_equal(values))
    return std::nullopt;
  return values.front();
}

int64_t mlir::tqt::channelStride(ArrayRef<int64_t> shape, int64_t axis) {
  int64_t stride = 1;
  for (int64_t d : shape.drop_front(axis + 1))
    stride *= d;
  return stride;
}

int64_t mlir::tqt::channelOfElement(ArrayRef<int64_t> shape, int64_t axis,
                                    int64_t linear) {
  return (linear / channelStride(shape, axis)) % shape[axis];
}
