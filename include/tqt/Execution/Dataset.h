//===- Dataset.h - Data for calibration, training, evaluation ---*- C++ -*-===//
//
// IDX files (the MNIST family's format, optionally gzip-compressed) and the
// Fashion-MNIST splits installed by Debian's dataset-fashion-mnist package.
//
// Normalisation (docs/Datasets.md): images become f32 NHWC tensors
// [N, 28, 28, 1] with x = pixel / 255 in [0, 1]; labels become int32 [N]
// with values 0..9.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_EXECUTION_DATASET_H
#define TQT_EXECUTION_DATASET_H

#include "tqt/Execution/HostTensor.h"

#include "llvm/Support/Error.h"

namespace mlir::tqt::exec {

/// Where Debian installs Fashion-MNIST.
constexpr const char *kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

/// Reads an unsigned-byte IDX file (magic 0x0801 / 0x0803 / ...), gzip or
/// plain, as a uint8 tensor of its dimensions.
llvm::Expected<HostTensor> readIdx(llvm::StringRef path);

struct Dataset {
  HostTensor images; ///< f32 [N, 28, 28, 1], pixel / 255
  HostTensor labels; ///< int32 [N]
};

/// `spec` is "fashion-mnist" or "fashion-mnist:train" / "fashion-mnist:test",
/// optionally with a row range "fashion-mnist:train[55000:]" (BEGIN:END,
/// either bound optional; tqt-train's validation set is the end of the
/// train split); without a split, `defaultSplit` is used.
llvm::Expected<Dataset> loadDataset(llvm::StringRef spec,
                                    llvm::StringRef defaultSplit,
                                    llvm::StringRef dir = kFashionMnistDir);

/// The first `count` samples (dimension 0) of `t`, or all when it has fewer.
HostTensor takeFirst(const HostTensor &t, int64_t count);

/// Rows [begin, end) of `t` along dimension 0.
HostTensor sliceRows(const HostTensor &t, int64_t begin, int64_t end);

/// The rows `rows` of `t` (dimension 0), in that order.
HostTensor gatherRows(const HostTensor &t, llvm::ArrayRef<int64_t> rows);

/// A copy of `t` (HostTensor owns its buffer and is move-only).
HostTensor copyTensor(const HostTensor &t);

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_DATASET_H
