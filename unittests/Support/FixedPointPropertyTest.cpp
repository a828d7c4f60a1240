//===- FixedPointPropertyTest.cpp - Random i32/i64 and float properties ---===//

#include "ExactOracle.h"
#include "tqt/Support/FixedPoint.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

using namespace mlir::tqt;
using namespace mlir::tqt::numerics;

namespace {

std::vector<int64_t> specialValues() {
  std::vector<int64_t> v = {0,
                            1,
                            -1,
                            2,
                            -2,
                            INT32_MIN,
                            INT32_MAX,
                            int64_t(INT32_MIN) + 1,
                            int64_t(INT32_MAX) - 1,
                            INT64_MIN,
                            INT64_MAX,
                            INT64_MIN + 1,
                            INT64_MAX - 1};
  // Exact ties and their neighbours for every shift.
  for (unsigned k = 1; k < 63; ++k) {
    int64_t half = int64_t(1) << (k - 1);
    for (int64_t m : {-3, -2, -1, 0, 1, 2, 3}) {
      // Only the values that exist in int64 (found by UBSan: m * 2^62
      // overflows for |m| >= 2).
      int64_t base;
      if (__builtin_mul_overflow(m, int64_t(1) << k, &base))
        continue;
      for (int64_t offset : {half, -half, half + 1, -half - 1}) {
        int64_t value;
        if (!__builtin_add_overflow(base, offset, &value))
          v.push_back(value);
      }
    }
  }
  return v;
}

TEST(FixedPointProperty, RandomInt64AllShiftsAllModes) {
  std::mt19937_64 rng(20261129);
  std::vector<int64_t> values = specialValues();
  for (int i = 0; i < 20000; ++i)
    values.push_back(int64_t(rng()));
  for (Rounding mode : kAllRoundings)
    for (int64_t a : values)
      for (unsigned k = 0; k <= 63; ++k)
        ASSERT_EQ(roundingShiftRight(a, k, mode),
                  int64_t(oracle::shiftRight(a, k, mode)))
            << "a=" << a << " k=" << k << " mode=" << roundingName(mode);
}

TEST(FixedPointProperty, RandomInt32MatchesMethodFormulas) {
  // tqt-method 6.2: the closed forms, evaluated in 128 bits.
  std::mt19937 rng(7);
  std::vector<int64_t> values = {INT32_MIN, INT32_MAX, 0, -1, 1};
  for (int i = 0; i < 200000; ++i)
    values.push_back(int32_t(rng()));
  for (int64_t a : values) {
    for (unsigned k = 1; k <= 31; ++k) {
      oracle::i128 h = oracle::i128(1) << (k - 1);
      oracle::i128 A = a;
      oracle::i128 halfEven = (A + h - 1 + ((A >> k) & 1)) >> k;
      oracle::i128 halfUp = (A + h) >> k;
      oracle::i128 halfAway = A >= 0 ? (A + h) >> k : -((-A + h) >> k);
      oracle::i128 floorV = A >> k;
      ASSERT_EQ(roundingShiftRight(a, k, Rounding::HalfEven),
                int64_t(halfEven));
      ASSERT_EQ(roundingShiftRight(a, k, Rounding::HalfUp), int64_t(halfUp));
      ASSERT_EQ(roundingShiftRight(a, k, Rounding::HalfAway),
                int64_t(halfAway));
      ASSERT_EQ(roundingShiftRight(a, k, Rounding::Floor), int64_t(floorV));
    }
  }
}

TEST(FixedPointProperty, RequantizeInt32AccumulatorsEveryShift) {
  std::mt19937 rng(11);
  std::vector<int64_t> values = {INT32_MIN, INT32_MAX, 0, -1, 1};
  for (int i = 0; i < 20000; ++i)
    values.push_back(int32_t(rng()));
  const Grid grids[] = {integerGrid(8, true),  integerGrid(8, false),
                        integerGrid(16, true), integerGrid(8, true, true),
                        integerGrid(4, true),  Grid{0, 6 * 16}};
  for (Rounding mode : kAllRoundings)
    for (const Grid &g : grids)
      for (int64_t a : values)
        for (int shift = -kMaxShift; shift <= kMaxShift; ++shift)
          ASSERT_EQ(requantize(a, shift, mode, g),
                    int64_t(oracle::requantize(a, shift, mode, g)))
              << "a=" << a << " shift=" << shift;
}

TEST(FixedPointProperty, RequantizeInt64ExtremesNeverOverflow) {
  const Grid g32 = integerGrid(32, true);
  for (int64_t a : specialValues())
    for (int shift = -kMaxShift; shift <= kMaxShift; ++shift)
      for (Rounding mode : kAllRoundings)
        ASSERT_EQ(requantize(a, shift, mode, g32),
                  int64_t(oracle::requantize(a, shift, mode, g32)))
            << "a=" << a << " shift=" << shift;
}

TEST(FixedPointProperty, FloatQuantizeOfDyadicValues) {
  // x = m * 2^-j for random 24-bit m (exact in f32), several exponents.
  std::mt19937 rng(3);
  std::uniform_int_distribution<int32_t> mant(-(1 << 24), 1 << 24);
  for (Rounding mode : kAllRoundings) {
    for (const QuantizerSpec &spec : {QuantizerSpec{8, true, false, mode},
                                      QuantizerSpec{8, false, false, mode},
                                      QuantizerSpec{4, true, false, mode},
                                      QuantizerSpec{16, true, false, mode},
                                      QuantizerSpec{8, true, true, mode},
                                      QuantizerSpec{32, true, false, mode}}) {
      for (int i = 0; i < 20000; ++i) {
        int32_t m = mant(rng);
        int j = int(rng() % 40) - 10;
        int exp = int(rng() % 30) - 15;
        float x = std::ldexp(float(m), -j);
        // x / 2^exp = m / 2^(j + exp).
        int k = j + exp;
        oracle::Rational r =
            k >= 0 ? oracle::Rational{m, oracle::i128(1) << k}
                   : oracle::Rational{oracle::i128(m) * (oracle::i128(1) << -k),
                                      1};
        oracle::i128 want = oracle::clamp(oracle::round(r, mode), spec.grid());
        ASSERT_EQ(quantize(x, exp, spec), int64_t(want))
            << "x=" << x << " exp=" << exp << " bits=" << spec.bits;
        // The forward equals dequantize(quantize(x)) bit for bit.
        float log2T = float(exp + levelsExponent(spec.bits, spec.isSigned));
        float fq = fakeQuant(x, log2T, spec);
        float dq = dequantize(quantize(x, exp, spec), exp);
        ASSERT_EQ(std::memcmp(&fq, &dq, sizeof(float)), 0);
      }
    }
  }
}

TEST(FixedPointProperty, NonFiniteInputs) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  for (Rounding mode : kAllRoundings) {
    QuantizerSpec s8{8, true, false, mode};
    QuantizerSpec u8{8, false, false, mode};
    EXPECT_EQ(quantize(nan, -4, s8), 0);
    EXPECT_EQ(quantize(inf, -4, s8), 127);
    EXPECT_EQ(quantize(-inf, -4, s8), -128);
    EXPECT_EQ(quantize(-inf, -4, u8), 0);
    EXPECT_EQ(quantize(inf, -126, u8), 255);
    EXPECT_EQ(quantize(std::numeric_limits<float>::max(), -126, s8), 127);
    EXPECT_EQ(quantize(std::numeric_limits<float>::denorm_min(), 127, s8), 0);
    EXPECT_EQ(quantize(-std::numeric_limits<float>::denorm_min(), 127, s8),
              mode == Rounding::Floor ? -1 : 0);
    EXPECT_EQ(fakeQuant(nan, 3.0f, s8), 0.0f);
    EXPECT_TRUE(std::isnan(fakeQuant(1.0f, nan, s8)));
    EXPECT_EQ(fakeQuant(inf, 3.0f, s8), 127.0f / 16.0f);
    // Thresholds clamp to the exponent range.
    EXPECT_EQ(scaleExponent(inf, 8, true), kMaxExp);
    EXPECT_EQ(scaleExponent(-inf, 8, true), kMinExp);
    EXPECT_EQ(scaleExponent(1e30f, 8, true), kMaxExp);
    EXPECT_EQ(scaleExponent(-1e30f, 8, true), kMinExp);
    // Gradient: NaN inputs get no gradient, a NaN threshold poisons all.
    float x[3] = {nan, 1.0f, 100.0f}, dy[3] = {1.0f, 1.0f, 1.0f}, dx[3];
    float dt = fakeQuantGrad(x, dy, 3, 3.0f, s8, dx);
    EXPECT_EQ(dx[0], 0.0f);
    EXPECT_EQ(dx[1], 1.0f);
    EXPECT_EQ(dx[2], 0.0f);
    EXPECT_FLOAT_EQ(dt, float(127 * scaleTimesLn2(-4)));
    dt = fakeQuantGrad(x, dy, 3, nan, s8, dx);
    EXPECT_TRUE(std::isnan(dt));
    EXPECT_TRUE(std::isnan(dx[1]));
  }
}

TEST(FixedPointProperty, DequantizeRoundsToNearestF32) {
  // Exact below 2^24, nearest-even above, infinity past FLT_MAX.
  EXPECT_EQ(dequantize(127, -7), 127.0f / 128.0f);
  EXPECT_EQ(dequantize(-128, -7), -1.0f);
  EXPECT_EQ(dequantize((int64_t(1) << 24) + 1, 0), 16777216.0f);
  EXPECT_EQ(dequantize((int64_t(1) << 24) + 3, 0), 16777220.0f);
  EXPECT_EQ(dequantize(INT32_MAX, 127), std::numeric_limits<float>::infinity());
  EXPECT_EQ(dequantize(INT32_MIN, 127),
            -std::numeric_limits<float>::infinity());
  EXPECT_EQ(dequantize(1, -126), std::numeric_limits<float>::min());
}

TEST(FixedPointProperty, GridsAndExponents) {
  EXPECT_EQ(integerGrid(8, true).lo, -128);
  EXPECT_EQ(integerGrid(8, true).hi, 127);
  EXPECT_EQ(integerGrid(8, true, true).lo, -127);
  EXPECT_EQ(integerGrid(8, false).lo, 0);
  EXPECT_EQ(integerGrid(8, false).hi, 255);
  EXPECT_EQ(integerGrid(4, true).lo, -8);
  EXPECT_EQ(integerGrid(32, true).lo, INT32_MIN);
  EXPECT_EQ(integerGrid(32, false).hi, int64_t(UINT32_MAX));
  EXPECT_EQ(integerGrid(2, true).lo, -2);
  EXPECT_EQ(integerGrid(2, true).hi, 1);
  // ceil of an exact integer is itself (tqt-method 1.2).
  EXPECT_EQ(scaleExponent(2.0f, 8, false), -6);
  EXPECT_EQ(scaleExponent(std::nextafter(2.0f, 3.0f), 8, false), -5);
  EXPECT_EQ(scaleExponent(-0.0f, 8, true), -7);
  EXPECT_EQ(scaleExponent(-1.2f, 4, true), -4);
  EXPECT_EQ(scaleExponent(3.7f, 16, true), -11);
}

} // namespace

namespace {

/// The per-channel forms are the per-tensor ones on each channel's
/// elements (gathered in index order) with that channel's threshold.
TEST(FixedPointProperty, PerChannelFormsEqualPerTensorOnEachChannel) {
  std::mt19937_64 rng(77);
  std::uniform_real_distribution<float> value(-40.0f, 40.0f);
  const size_t outer = 3, channels = 5, inner = 7, n = outer * channels * inner;
  std::vector<float> x(n), dy(n), dx(n), fq(n),
      log2T = {2.0f, -1.3f, 0.7f, NAN, 4.1f};
  for (size_t i = 0; i < n; ++i) {
    x[i] = std::ldexp(std::round(value(rng) * 8), -3); // ties at some scales
    dy[i] = value(rng) / 16;
  }
  QuantizerSpec spec{8, true, false, Rounding::HalfEven};
  std::vector<float> dlog2T(channels);
  fakeQuantPerChannel(x.data(), outer, channels, inner, log2T.data(), spec,
                      fq.data());
  fakeQuantGradPerChannel(x.data(), dy.data(), outer, channels, inner,
                          log2T.data(), spec, dx.data(), dlog2T.data());
  for (size_t c = 0; c < channels; ++c) {
    std::vector<float> xc, dyc;
    std::vector<size_t> at;
    for (size_t o = 0; o < outer; ++o)
      for (size_t i = 0; i < inner; ++i) {
        at.push_back((o * channels + c) * inner + i);
        xc.push_back(x[at.back()]);
        dyc.push_back(dy[at.back()]);
      }
    std::vector<float> dxc(xc.size());
    float want = fakeQuantGrad(xc.data(), dyc.data(), xc.size(), log2T[c], spec,
                               dxc.data());
    if (std::isnan(want))
      EXPECT_TRUE(std::isnan(dlog2T[c])) << "channel " << c;
    else
      EXPECT_EQ(dlog2T[c], want) << "channel " << c;
    for (size_t j = 0; j < at.size(); ++j) {
      float q = fakeQuant(xc[j], log2T[c], spec);
      EXPECT_EQ(std::memcmp(&fq[at[j]], &q, 4), 0) << "element " << at[j];
      EXPECT_EQ(std::memcmp(&dx[at[j]], &dxc[j], 4), 0) << "element " << at[j];
    }
  }
}

} // namespace
