//===- ThresholdsTest.cpp - MAX, 3SD and KL-J against independent values --===//
//
// The expected KL-J thresholds were computed by a separate numpy
// implementation of tqt-method.md 3.2 (numpy.histogram, numpy.interp),
// klj_reference.py beside this file, on the same deterministic data (a
// 64-bit LCG, so both sides draw identical numbers);
// test/Calibration/klj-reference.mlir checks that it still prints them.
//
//===----------------------------------------------------------------------===//

#include "tqt/Calibration/Thresholds.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace mlir::tqt::calib;

namespace {

std::vector<double> lcg(size_t n, uint64_t seed) {
  std::vector<double> out;
  uint64_t x = seed;
  for (size_t i = 0; i < n; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    out.push_back(double((x >> 11) & ((uint64_t(1) << 53) - 1)) /
                  double(uint64_t(1) << 53));
  }
  return out;
}

/// Laplacian-like values: -ln(u) with a random sign (P(+) = pPositive).
std::vector<float> laplace(size_t n, uint64_t s1, uint64_t s2,
                           double pPositive) {
  std::vector<double> u = lcg(n, s1), s = lcg(n, s2);
  std::vector<float> out;
  for (size_t i = 0; i < n; ++i)
    out.push_back(
        float(-std::log(std::max(u[i], 1e-12)) * (s[i] < pPositive ? 1 : -1)));
  return out;
}

TEST(Thresholds, TV5MaxAnd3SD) {
  std::vector<float> w = {0.1f, -0.2f, 0.3f, -0.4f};
  EXPECT_NEAR(threeSigma(w), 0.8577747392529448, 1e-7);
  EXPECT_FLOAT_EQ(float(maxAbs(w)), 0.4f);
  EXPECT_EQ(std::ceil(log2ThresholdOf(threeSigma(w))), 0.0f);
  EXPECT_EQ(std::ceil(log2ThresholdOf(maxAbs(w))), -1.0f);
}

TEST(Thresholds, KLJFallsBackToMaxForShortTensors) {
  // TV5: 100 elements give ceil(sqrt(100)) = 10 bins < 129 for int8.
  std::vector<float> x;
  for (int i = 0; i < 100; ++i)
    x.push_back(float(i % 7) - 3.5f);
  EXPECT_TRUE(kljFallsBackToMax(100, 8, true));
  EXPECT_EQ(klj(x, 8, true), maxAbs(x));
  // Boundaries: 128^2 = 16384 elements give 128 bins (fallback), 16385 give
  // 129 (KL-J) for int8; uint8 needs more than 256^2.
  EXPECT_TRUE(kljFallsBackToMax(16384, 8, true));
  EXPECT_FALSE(kljFallsBackToMax(16385, 8, true));
  EXPECT_TRUE(kljFallsBackToMax(65536, 8, false));
  EXPECT_FALSE(kljFallsBackToMax(65537, 8, false));
  // Every 16-bit quantizer is calibrated with MAX in practice.
  EXPECT_TRUE(kljFallsBackToMax(100000000, 16, true));
}

TEST(Thresholds, KLJMatchesIndependentImplementation) {
  std::vector<float> data = laplace(40000, 1, 2, 0.5);
  EXPECT_NEAR(maxAbs(data), 10.480774879455566, 1e-6);
  EXPECT_NEAR(klj(data, 8, true), 7.048321106433868, 1e-9);
  // uint8 with 40000 elements: 200 bins < 257, MAX.
  EXPECT_NEAR(klj(data, 8, false), 10.480774879455566, 1e-6);

  std::vector<float> relu = laplace(70000, 4, 5, 0.7);
  for (float &v : relu)
    v = std::max(v, 0.0f);
  EXPECT_NEAR(klj(relu, 8, false), 10.31095284336018, 1e-9);
  EXPECT_NEAR(maxAbs(relu), 10.611271858215332, 1e-6);

  std::vector<double> g = lcg(20000, 3);
  std::vector<float> gauss;
  for (size_t i = 0; i < 20000; i += 2)
    gauss.push_back(float(std::sqrt(-2 * std::log(std::max(g[i], 1e-12))) *
                          std::cos(2 * M_PI * g[i + 1])));
  std::vector<float> twice = gauss;
  twice.insert(twice.end(), gauss.begin(), gauss.end());
  EXPECT_NEAR(klj(twice, 8, true), 3.6261089973046747, 1e-9);
}

TEST(Thresholds, KLJClipsTheTail) {
  // A heavy tail makes KL-J choose a threshold well below max |x|.
  std::vector<float> data = laplace(40000, 1, 2, 0.5);
  EXPECT_LT(klj(data, 8, true), 0.8 * maxAbs(data));
}

TEST(Thresholds, DegenerateData) {
  std::vector<float> zeros(50000, 0.0f);
  EXPECT_EQ(klj(zeros, 8, true), 0.0);
  EXPECT_EQ(log2ThresholdOf(0.0), kZeroLog2Threshold);
  std::vector<float> withNaN = {1.0f, NAN, -3.0f};
  EXPECT_EQ(maxAbs(withNaN), 3.0);
  EXPECT_NEAR(threeSigma(withNaN), 1.0 + 3.0 * 2.0, 1e-12);
  EXPECT_EQ(threeSigma({}), 0.0);
}

TEST(Thresholds, MethodNames) {
  for (Method m : {Method::Max, Method::ThreeSD, Method::KLJ})
    EXPECT_EQ(parseMethod(methodName(m)), m);
  EXPECT_FALSE(parseMethod("kl"));
}

} // namespace
