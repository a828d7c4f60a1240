//===- Freezing.h - Graffitist's incremental threshold freezing -*- C++ -*-===//
//
// tqt-method 4: every N steps from a given step, one threshold is frozen:
// among the unfrozen ones, by increasing average |gradient| over the last
// window, the first whose ceil equals the ceil of its moving average (it
// sits in the more popular of the two integer bins it oscillates between).
// No MLIR here, so the rule is testable on its own.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_TRAINING_FREEZING_H
#define TQT_TRAINING_FREEZING_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace mlir::tqt::train {

/// Moving averages of the thresholds and their summed |gradient| over the
/// current window.
class FreezingStats {
public:
  explicit FreezingStats(size_t numThresholds, double decay = 0.9999)
      : decay(decay), ema(numThresholds, 0.0), gradAbsSum(numThresholds, 0.0) {}

  /// Records one step's thresholds and gradients.
  void record(llvm::ArrayRef<float> thresholds, llvm::ArrayRef<float> grads);

  /// The zero-debiased moving average of threshold k.
  double average(size_t k) const;

  /// The threshold to freeze now, if any is eligible; `frozen[k]` marks
  /// those already frozen. Ties in |gradient| go to the lower index.
  std::optional<size_t> choose(llvm::ArrayRef<float> thresholds,
                               llvm::ArrayRef<bool> frozen) const;

  /// Starts a new gradient window.
  void resetWindow();

private:
  double decay;
  std::vector<double> ema, gradAbsSum;
  int64_t steps = 0;
};

} // namespace mlir::tqt::train

#endif // TQT_TRAINING_FREEZING_H
