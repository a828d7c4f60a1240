//===- Freezing.cpp - Graffitist's incremental threshold freezing ---------===//

#include "tqt/Training/Freezing.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace mlir::tqt::train;

void FreezingStats::record(llvm::ArrayRef<float> thresholds,
                           llvm::ArrayRef<float> grads) {
  ++steps;
  for (size_t k = 0; k < ema.size(); ++k) {
    ema[k] = decay * ema[k] + (1 - decay) * double(thresholds[k]);
    gradAbsSum[k] += std::fabs(double(grads[k]));
  }
}

double FreezingStats::average(size_t k) const {
  return ema[k] / (1 - std::pow(decay, double(steps)));
}

std::optional<size_t> FreezingStats::choose(llvm::ArrayRef<float> thresholds,
                                            llvm::ArrayRef<bool> frozen) const {
  if (steps == 0)
    return std::nullopt;
  std::vector<size_t> order;
  for (size_t k = 0; k < ema.size(); ++k)
    if (!frozen[k])
      order.push_back(k);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::make_pair(gradAbsSum[a], a) < std::make_pair(gradAbsSum[b], b);
  });
  // The average is compared at the thresholds' f32 precision: the EMA of a
  // constant integer threshold can land a few ulps of double above it,
  // which would move its ceil to the next bin.
  for (size_t k : order)
    if (std::ceil(thresholds[k]) == std::ceil(float(average(k))))
      return k;
  return std::nullopt;
}

void FreezingStats::resetWindow() {
  std::fill(gradAbsSum.begin(), gradAbsSum.end(), 0.0);
}
