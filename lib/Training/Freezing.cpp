//===- Freezing.cpp - Graffitist's incremental threshold freezing ---------===//

#include "tqt/Training/Freezing.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace mlir::tqt::train;

FreezingStats::FreezingStats(std::vector<size_t> channels, double decay)
    : decay(decay), gradAbsSum(channels.size(), 0.0) {
  size_t total = 0;
  for (size_t c : channels) {
    offsets.push_back(total);
    total += c;
  }
  offsets.push_back(total);
  ema.assign(total, 0.0);
}

void FreezingStats::record(llvm::ArrayRef<float> values,
                           llvm::ArrayRef<float> grads) {
  ++steps;
  for (size_t i = 0; i < ema.size(); ++i)
    ema[i] = decay * ema[i] + (1 - decay) * double(values[i]);
  for (size_t k = 0; k < gradAbsSum.size(); ++k)
    gradAbsSum[k] += std::fabs(double(grads[k]));
}

double FreezingStats::average(size_t k, size_t c) const {
  return ema[offsets[k] + c] / (1 - std::pow(decay, double(steps)));
}

std::optional<size_t> FreezingStats::choose(llvm::ArrayRef<float> values,
                                            llvm::ArrayRef<bool> frozen) const {
  if (steps == 0)
    return std::nullopt;
  std::vector<size_t> order;
  for (size_t k = 0; k < gradAbsSum.size(); ++k)
    if (!frozen[k])
      order.push_back(k);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::make_pair(gradAbsSum[a], a) < std::make_pair(gradAbsSum[b], b);
  });
  // The average is compared at the thresholds' f32 precision: the EMA of a
  // constant integer threshold can land a few ulps of double above it,
  // which would move its ceil to the next bin.
  auto settled = [&](size_t k) {
    for (size_t c = 0; c + offsets[k] < offsets[k + 1]; ++c)
      if (std::ceil(values[offsets[k] + c]) != std::ceil(float(average(k, c))))
        return false;
    return true;
  };
  for (size_t k : order)
    if (settled(k))
      return k;
  return std::nullopt;
}

void FreezingStats::resetWindow() {
  std::fill(gradAbsSum.begin(), gradAbsSum.end(), 0.0);
}
