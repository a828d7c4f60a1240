//===- FixedPointVectorsTest.cpp - Golden vectors and tie tables ----------===//
//
// The golden vectors TV2-TV5 and TV7 of tqt-method.md section 9, and
// tie-heavy int8/uint8 tables (x/s exactly k + 0.5, the clip edges p + 0.5 and
// n - 0.5) in every rounding mode, for the forward and both gradients.
//
//===----------------------------------------------------------------------===//

#include "tqt/Support/FixedPoint.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace mlir::tqt::numerics;

namespace {

constexpr double kLn2 = 0.69314718055994530942;

struct Row {
  float x;
  int64_t qint;
  float q;
  float dqdx;
  double dqdtheta;
};

/// Checks one quantizer against a table; dqdtheta with a relative tolerance
/// (the inputs 1.01 or 0.123456 are not dyadic), everything else exactly.
void checkTable(float log2T, const QuantizerSpec &spec,
                const std::vector<Row> &rows, double tol = 1e-6) {
  int exp = scaleExponent(log2T, spec.bits, spec.isSigned);
  double sum = 0;
  for (const Row &r : rows) {
    SCOPED_TRACE(::testing::Message()
                 << "x=" << r.x << " mode=" << roundingName(spec.rounding));
    EXPECT_EQ(quantize(r.x, exp, spec), r.qint);
    EXPECT_EQ(fakeQuant(r.x, log2T, spec), r.q);
    float dx = 0, dy = 1.0f;
    float dt = fakeQuantGrad(&r.x, &dy, 1, log2T, spec, &dx);
    EXPECT_EQ(dx, r.dqdx);
    EXPECT_NEAR(dt, r.dqdtheta, tol * std::max(1.0, std::fabs(r.dqdtheta)));
    EXPECT_NEAR(thresholdPartial(r.x, log2T, spec), r.dqdtheta,
                tol * std::max(1.0, std::fabs(r.dqdtheta)));
    sum += r.dqdtheta;
  }
  // The tensor-wide threshold gradient is the sum of the element partials.
  std::vector<float> xs, dys(rows.size(), 1.0f), dxs(rows.size());
  for (const Row &r : rows)
    xs.push_back(r.x);
  float total =
      fakeQuantGrad(xs.data(), dys.data(), xs.size(), log2T, spec, dxs.data());
  EXPECT_NEAR(total, sum, tol * std::max(1.0, std::fabs(sum)));
}

TEST(GoldenVectors, TV2Unsigned8ExactIntegerThreshold) {
  // theta = 2.0: ceil = 2 (not 3), s = 1/64, n = 0, p = 255.
  QuantizerSpec u8{8, false};
  EXPECT_EQ(scaleExponent(2.0f, 8, false), -6);
  checkTable(2.0f, u8,
             {{-0.3f, 0, 0.0f, 0, 0.0},
              {0.0f, 0, 0.0f, 1, 0.0},
              {1.0f, 64, 1.0f, 1, 0.0},
              {1.01f, 65, 1.015625f, 1, 0.0038989529},
              {4.0f, 255, 3.984375f, 0, 2.761758297543532}});
}

TEST(GoldenVectors, TV2bThresholdJustAboveTwo) {
  // theta = 2.0000001 gives ceil = 3, s = 1/32. In f32 the literal rounds to
  // 2.0 exactly, so the vector uses the next f32 above 2 (2.00000024).
  QuantizerSpec u8{8, false};
  const float theta = std::nextafter(2.0f, 3.0f);
  EXPECT_EQ(2.0000001f, 2.0f);
  EXPECT_EQ(scaleExponent(theta, 8, false), -5);
  checkTable(theta, u8,
             {{1.01f, 32, 1.0f, 1, -0.0069314718}, {4.0f, 128, 4.0f, 1, 0.0}});
}

TEST(GoldenVectors, TV3SignedInt4) {
  // theta = -1.2: ceil = -1, s = 1/16, n = -8, p = 7.
  QuantizerSpec s4{4, true};
  checkTable(-1.2f, s4,
             {{0.1f, 2, 0.125f, 1, 0.017328679514},
              {0.44f, 7, 0.4375f, 1, -0.001732867951},
              {0.47f, 7, 0.4375f, 0, 0.303251891495},
              {-0.53f, -8, -0.5f, 1, 0.020794415417},
              {-0.6f, -8, -0.5f, 0, -0.346573590280}});
  float xs[] = {0.1f, 0.44f, 0.47f, -0.53f, -0.6f};
  float dy[5] = {1, 1, 1, 1, 1}, dx[5];
  EXPECT_NEAR(fakeQuantGrad(xs, dy, 5, -1.2f, s4, dx), -0.006931471806, 1e-7);
}

TEST(GoldenVectors, TV4SignedInt16) {
  // theta = 3.7: ceil = 4, s = 2^-11.
  QuantizerSpec s16{16, true};
  EXPECT_EQ(scaleExponent(3.7f, 16, true), -11);
  EXPECT_EQ(quantize(0.123456f, -11, s16), 253);
  EXPECT_EQ(fakeQuant(0.123456f, 3.7f, s16), 0.12353515625f);
  EXPECT_EQ(quantize(-20.0f, -11, s16), -32768);
  EXPECT_EQ(fakeQuant(-20.0f, 3.7f, s16), -16.0f);
  EXPECT_NEAR(thresholdPartial(-20.0f, 3.7f, s16), -11.090354888959125, 1e-9);
}

TEST(GoldenVectors, TV5ThresholdExponents) {
  // 3SD: t = 0.85777472 -> ceil(log2 t) = 0 -> int8 s = 2^-7.
  EXPECT_EQ(scaleExponent(std::log2(0.85777472f), 8, true), -7);
  // MAX: t = 0.4 -> ceil(log2 t) = -1 -> int8 s = 2^-8.
  EXPECT_EQ(scaleExponent(std::log2(0.4f), 8, true), -8);
}

TEST(GoldenVectors, TV7AvgpoolReciprocalAndLeakyAlpha) {
  QuantizerSpec u8{8, false}, s16{16, true};
  int e49 = scaleExponent(std::log2(1.0f / 49.0f), 8, false);
  EXPECT_EQ(e49, -13);
  EXPECT_EQ(quantize(1.0f / 49.0f, e49, u8), 167);
  int e9 = scaleExponent(std::log2(1.0f / 9.0f), 8, false);
  EXPECT_EQ(e9, -11);
  EXPECT_EQ(quantize(1.0f / 9.0f, e9, u8), 228);
  int eAlpha = scaleExponent(std::log2(0.1f), 16, true);
  EXPECT_EQ(eAlpha, -18);
  EXPECT_EQ(quantize(0.1f, eAlpha, s16), 26214);
}

//===----------------------------------------------------------------------===//
// Tie tables: int8 at theta = 3 (s = 2^-4), uint8 at theta = 4 (s = 2^-4).
//===----------------------------------------------------------------------===//

struct TieRow {
  double v;     // x / s
  int64_t r[4]; // R(v) per mode: half_even, half_up, half_away, floor
};

/// For each v = x/s and mode: the rounded value, the clipped code, the region
/// (from the rounded value), and both gradients.
void checkTies(const QuantizerSpec &base, float log2T,
               const std::vector<TieRow> &rows) {
  int exp = scaleExponent(log2T, base.bits, base.isSigned);
  ASSERT_EQ(exp, -4);
  double sLn2 = std::ldexp(kLn2, exp);
  for (const TieRow &row : rows) {
    for (Rounding mode : kAllRoundings) {
      QuantizerSpec spec = base;
      spec.rounding = mode;
      Grid g = spec.grid();
      int64_t r = row.r[int(mode)];
      float x = float(std::ldexp(row.v, exp));
      SCOPED_TRACE(::testing::Message()
                   << "v=" << row.v << " mode=" << roundingName(mode));
      ASSERT_EQ(roundToIntegral(row.v, mode), double(r));
      int64_t q = r < g.lo ? g.lo : (r > g.hi ? g.hi : r);
      EXPECT_EQ(quantize(x, exp, spec), q);
      EXPECT_EQ(fakeQuant(x, log2T, spec), float(std::ldexp(double(q), exp)));
      bool inside = r >= g.lo && r <= g.hi;
      double term = inside ? double(r) - row.v : (r < g.lo ? g.lo : g.hi);
      float dx = -1, dy = 1.0f;
      float dt = fakeQuantGrad(&x, &dy, 1, log2T, spec, &dx);
      EXPECT_EQ(dx, inside ? 1.0f : 0.0f);
      EXPECT_EQ(dt, float(sLn2 * term));
      ElementGradient eg = elementGradient(x, exp, spec);
      EXPECT_EQ(eg.region, inside ? Region::Inside
                                  : (r < g.lo ? Region::Below : Region::Above));
    }
  }
}

TEST(TieVectors, Int8EveryMode) {
  checkTies(QuantizerSpec{8, true}, 3.0f,
            {
                {0.5, {0, 1, 1, 0}},
                {1.5, {2, 2, 2, 1}},
                {2.5, {2, 3, 3, 2}},
                {-0.5, {0, 0, -1, -1}},
                {-1.5, {-2, -1, -2, -2}},
                {-2.5, {-2, -2, -3, -3}},
                {0.25, {0, 0, 0, 0}},
                {0.75, {1, 1, 1, 0}},
                {-0.75, {-1, -1, -1, -1}},
                {126.5, {126, 127, 127, 126}},
                {127.0, {127, 127, 127, 127}},
                // p + 0.5: above for every rounding mode but floor.
                {127.5, {128, 128, 128, 127}},
                {128.0, {128, 128, 128, 128}},
                {-127.5, {-128, -127, -128, -128}},
                {-128.0, {-128, -128, -128, -128}},
                // n - 0.5: inside for half_even/half_up, below otherwise.
                {-128.5, {-128, -128, -129, -129}},
                {-129.5, {-130, -129, -130, -130}},
            });
}

TEST(TieVectors, Int8NarrowEveryMode) {
  // narrow: n = -127, so -127.5 becomes the lower clip edge.
  checkTies(QuantizerSpec{8, true, true}, 3.0f,
            {
                {-126.5, {-126, -126, -127, -127}},
                {-127.5, {-128, -127, -128, -128}},
                {-128.0, {-128, -128, -128, -128}},
                {127.5, {128, 128, 128, 127}},
            });
}

TEST(TieVectors, Uint8EveryMode) {
  checkTies(QuantizerSpec{8, false}, 4.0f,
            {
                {0.5, {0, 1, 1, 0}},
                // n - 0.5 for unsigned: -0.5.
                {-0.5, {0, 0, -1, -1}},
                {-1.5, {-2, -1, -2, -2}},
                {254.5, {254, 255, 255, 254}},
                // p + 0.5.
                {255.5, {256, 256, 256, 255}},
                {256.5, {256, 257, 257, 256}},
            });
}

TEST(TieVectors, RoundingShiftTies) {
  // 2^k * (m + 1/2) for k = 1..4: the integer twins of the float ties.
  for (unsigned k = 1; k <= 4; ++k) {
    int64_t h = int64_t(1) << (k - 1), one = int64_t(1) << k;
    EXPECT_EQ(roundingShiftRight(h, k, Rounding::HalfEven), 0);
    EXPECT_EQ(roundingShiftRight(h, k, Rounding::HalfUp), 1);
    EXPECT_EQ(roundingShiftRight(h, k, Rounding::HalfAway), 1);
    EXPECT_EQ(roundingShiftRight(h, k, Rounding::Floor), 0);
    EXPECT_EQ(roundingShiftRight(one + h, k, Rounding::HalfEven), 2);
    EXPECT_EQ(roundingShiftRight(-h, k, Rounding::HalfEven), 0);
    EXPECT_EQ(roundingShiftRight(-h, k, Rounding::HalfUp), 0);
    EXPECT_EQ(roundingShiftRight(-h, k, Rounding::HalfAway), -1);
    EXPECT_EQ(roundingShiftRight(-h, k, Rounding::Floor), -1);
    EXPECT_EQ(roundingShiftRight(-one - h, k, Rounding::HalfEven), -2);
    EXPECT_EQ(roundingShiftRight(-one - h, k, Rounding::HalfUp), -1);
  }
}

TEST(GoldenVectors, ScaleTimesLn2Constants) {
  // s*ln2 constants of tqt-method section 9.
  EXPECT_DOUBLE_EQ(scaleTimesLn2(-6), 0.010830424696249145);
  EXPECT_DOUBLE_EQ(scaleTimesLn2(-4), 0.04332169878499658);
  EXPECT_DOUBLE_EQ(scaleTimesLn2(-5), 0.02166084939249829);
  EXPECT_DOUBLE_EQ(scaleTimesLn2(-11), 0.0003384507717577858);
}

} // namespace
