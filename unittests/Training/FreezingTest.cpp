//===- FreezingTest.cpp - Graffitist's threshold freezing rule ------------===//

#include "tqt/Training/Freezing.h"

#include "llvm/ADT/SmallVector.h"

#include <gtest/gtest.h>

#include <cmath>

using mlir::tqt::train::FreezingStats;

namespace {

/// Records `steps` steps of constant thresholds and per-step gradients.
void recordConstant(FreezingStats &stats, std::vector<float> theta,
                    std::vector<float> grads, int steps) {
  for (int i = 0; i < steps; ++i)
    stats.record(theta, grads);
}

TEST(Freezing, ZeroDebiasedAverageEqualsAConstantThreshold) {
  FreezingStats stats(1);
  recordConstant(stats, {2.7f}, {0.1f}, 3);
  // Without debiasing the EMA after 3 steps would be ~0.00081.
  EXPECT_NEAR(stats.average(0), 2.7, 1e-5);
}

TEST(Freezing, PicksTheSmallestGradientAmongEligible) {
  FreezingStats stats(3);
  recordConstant(stats, {0.5f, 1.5f, -0.5f}, {0.3f, 0.1f, 0.2f}, 50);
  llvm::SmallVector<bool> frozen(3, false);
  EXPECT_EQ(stats.choose({0.5f, 1.5f, -0.5f}, frozen), 1u);
  frozen[1] = true;
  EXPECT_EQ(stats.choose({0.5f, 1.5f, -0.5f}, frozen), 2u);
}

TEST(Freezing, SkipsThresholdsOutsideTheirAverageBin) {
  FreezingStats stats(2);
  // Threshold 0 oscillated around 0.9-1.1 (average 1.0, ceil 1) but sits at
  // 1.05 now (ceil 2): not eligible although its gradient is the smallest.
  for (int i = 0; i < 100; ++i)
    stats.record({i % 2 ? 0.9f : 1.1f, 3.2f}, {0.01f, 0.5f});
  llvm::SmallVector<bool> frozen(2, false);
  EXPECT_EQ(stats.choose({1.05f, 3.2f}, frozen), 1u);
  EXPECT_EQ(stats.choose({0.95f, 3.2f}, frozen), 0u);
}

TEST(Freezing, IntegerBoundaryUsesCeil) {
  FreezingStats stats(1);
  recordConstant(stats, {2.0f}, {1.0f}, 10);
  llvm::SmallVector<bool> frozen(1, false);
  // ceil(2.0) = 2 = ceil(average 2.0): eligible.
  EXPECT_EQ(stats.choose({2.0f}, frozen), 0u);
  // ceil(2.0001) = 3: not.
  EXPECT_EQ(stats.choose({2.0001f}, frozen), std::nullopt);
}

TEST(Freezing, TiesGoToTheLowerIndexAndWindowsReset) {
  FreezingStats stats(2);
  recordConstant(stats, {0.5f, 0.5f}, {0.2f, 0.2f}, 5);
  llvm::SmallVector<bool> frozen(2, false);
  EXPECT_EQ(stats.choose({0.5f, 0.5f}, frozen), 0u);
  // A new window where threshold 1 has the smaller gradient.
  stats.resetWindow();
  recordConstant(stats, {0.5f, 0.5f}, {0.2f, 0.1f}, 5);
  EXPECT_EQ(stats.choose({0.5f, 0.5f}, frozen), 1u);
}

TEST(Freezing, NothingToChoose) {
  FreezingStats stats(2);
  llvm::SmallVector<bool> frozen(2, false);
  EXPECT_EQ(stats.choose({0.5f, 0.5f}, frozen), std::nullopt); // no steps yet
  recordConstant(stats, {0.5f, 0.5f}, {0.2f, 0.1f}, 5);
  frozen.assign(2, true);
  EXPECT_EQ(stats.choose({0.5f, 0.5f}, frozen), std::nullopt); // all frozen
}

} // namespace

namespace {

TEST(Freezing, PerChannelThresholdsFreezeWhenEveryChannelIsSettled) {
  // Threshold 0 has three channels, threshold 1 one; values are flat.
  FreezingStats stats(std::vector<size_t>{3, 1});
  for (int i = 0; i < 100; ++i)
    stats.record({0.5f, i % 2 ? 1.9f : 2.1f, -0.5f, 4.5f}, {0.01f, 0.5f});
  EXPECT_NEAR(stats.average(0, 1), 2.0, 1e-3);
  EXPECT_NEAR(stats.average(1), 4.5, 1e-5);
  llvm::SmallVector<bool> frozen(2, false);
  // Channel 1 sits at 2.05 (ceil 3) while its average's ceil is 2: the
  // whole threshold waits, though its gradient is the smaller.
  EXPECT_EQ(stats.choose({0.5f, 2.05f, -0.5f, 4.5f}, frozen), 1u);
  EXPECT_EQ(stats.choose({0.5f, 1.95f, -0.5f, 4.5f}, frozen), 0u);
}

} // namespace
