//===- Evaluation.cpp - Top-1 accuracy of a classifier --------------------===//

#include "tqt/Execution/Evaluation.h"

#include "tqt/Execution/Dataset.h"

#include "llvm/Support/FormatVariadic.h"

#include <cmath>

using namespace mlir::tqt::exec;
using llvm::createStringError;

std::vector<int64_t> mlir::tqt::exec::argmaxRows(const HostTensor &logits) {
  int64_t rows = logits.getShape()[0], cols = logits.getShape()[1];
  const float *p = logits.dataAs<float>();
  std::vector<int64_t> out(rows);
  for (int64_t r = 0; r < rows; ++r) {
    int64_t best = 0;
    for (int64_t c = 1; c < cols; ++c)
      if (p[r * cols + c] > p[r * cols + best] ||
          std::isnan(p[r * cols + best]))
        best = c;
    out[r] = best;
  }
  return out;
}

llvm::Expected<Accuracy> mlir::tqt::exec::evaluateAccuracy(
    JitModule &jit, llvm::StringRef fn,
    llvm::ArrayRef<const HostTensor *> leading, const HostTensor &images,
    const HostTensor &labels, int64_t batchSize, int64_t limit) {
  auto sig = jit.getSignature(fn);
  if (!sig)
    return sig.takeError();
  size_t imageArg = leading.size();
  if (sig->inputs.size() != imageArg + 1)
    return createStringError(llvm::formatv(
        "@{0} takes {1} arguments; evaluation passes {2} and the images", fn,
        sig->inputs.size(), imageArg));
  if (sig->results.empty() || sig->results[0].getRank() != 2 ||
      sig->results[0].element != DType::F32)
    return createStringError(llvm::formatv(
        "@{0} must return f32 logits [batch, classes] first", fn));
  if (labels.getDType() != DType::I32 || labels.getRank() != 1)
    return createStringError("labels must be int32 [N]");
  int64_t n = images.getShape()[0];
  if (limit > 0)
    n = std::min(n, limit);
  int64_t staticBatch = sig->inputs[imageArg].shape[0];
  if (staticBatch > 0)
    batchSize = staticBatch;
  if (batchSize <= 0)
    return createStringError("the evaluation batch size must be positive");
  const int32_t *lab = labels.dataAs<int32_t>();
  Accuracy acc;
  std::vector<int64_t> rows;
  for (int64_t begin = 0; begin < n; begin += batchSize) {
    int64_t count = std::min(batchSize, n - begin);
    rows.clear();
    for (int64_t i = 0; i < (staticBatch > 0 ? batchSize : count); ++i)
      rows.push_back(begin + (i < count ? i : i % count));
    HostTensor batch = gatherRows(images, rows);
    llvm::SmallVector<const HostTensor *> args(leading.begin(), leading.end());
    args.push_back(&batch);
    auto out = jit.invoke(fn, args);
    if (!out)
      return out.takeError();
    std::vector<int64_t> pred = argmaxRows((*out)[0]);
    for (int64_t i = 0; i < count; ++i)
      acc.correct += pred[i] == lab[begin + i];
    acc.total += count;
  }
  return acc;
}
