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
/// current window. A threshold may hold one value per channel (per-channel
/// weights): it is frozen as a whole, when every channel sits in the bin of
/// its own moving average; its gradient is the sum of the channels' |g|.
class FreezingStats {
public:
  /// `numThresholds` thresholds of one value each.
  explicit FreezingStats(size_t numThresholds, double decay = 0.9999)
      : FreezingStats(std::vector<size_t>(numThresholds, 1), decay) {}
  /// Thresholds of `channels[k]` values each.
  explicit FreezingStats(std::vector<size_t> channels, double decay = 0.9999);

  /// Records one step's threshold values (every threshold's channels, in
  /// order) and one gradient per threshold.
  void record(llvm::ArrayRef<float> values, llvm::ArrayRef<float> grads);

  /// The zero-debiased moving average of channel c of threshold k.
  double average(size_t k, size_t c = 0) const;

  /// The threshold to freeze now, if any is eligible; `values` as for
  /// record, `frozen[k]` marks those already frozen. Ties in |gradient| go
  /// to the lower index.
  std::optional<size_t> choose(llvm::ArrayRef<float> values,
                               llvm::ArrayRef<bool> frozen) const;

  /// Starts a new gradient window.
  void resetWindow();

private:
  double decay;
  /// Where each threshold's channels start in the flat values.
  std::vector<size_t> offsets;
  std::vector<double> ema, gradAbsSum;
  int64_t steps = 0;
};

} // namespace mlir::tqt::train

#endif // TQT_TRAINING_FREEZING_H
