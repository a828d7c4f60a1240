//===- Evaluation.h - Top-1 accuracy of a classifier ------------*- C++ -*-===//

#ifndef TQT_EXECUTION_EVALUATION_H
#define TQT_EXECUTION_EVALUATION_H

#include "tqt/Execution/JitModule.h"

namespace mlir::tqt::exec {

struct Accuracy {
  int64_t correct = 0;
  int64_t total = 0;
  double percent() const { return total ? 100.0 * correct / total : 0.0; }
};

/// Index of the largest element of each row of `logits` [B, C] (the first
/// one at ties; NaN never wins).
std::vector<int64_t> argmaxRows(const HostTensor &logits);

/// Top-1 accuracy of `fn` of `jit` on `images` / `labels` (int32 [N]):
/// `fn` takes `leading` arguments, then the images, and returns logits
/// [B, C] first. Calls use `batchSize` samples; a static batch dimension of
/// the image argument forces its size, and the last partial batch is then
/// filled with repeated samples that are not counted. `limit` > 0 uses the
/// first `limit` samples only.
llvm::Expected<Accuracy>
evaluateAccuracy(JitModule &jit, llvm::StringRef fn,
                 llvm::ArrayRef<const HostTensor *> leading,
                 const HostTensor &images, const HostTensor &labels,
                 int64_t batchSize, int64_t limit = 0);

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_EVALUATION_H
