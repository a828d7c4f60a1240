//===- FixedPointExhaustiveTest.cpp - All i8/i16 inputs x shifts x modes --===//
//
// Every int8 and int16 input, every shift 0..31 and every rounding mode,
// through each integer and float entry point of the reference, against the
// exact rational oracle.
//
//===----------------------------------------------------------------------===//

#include "ExactOracle.h"
#include "tqt/Support/FixedPoint.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace mlir::tqt;
using namespace mlir::tqt::numerics;

namespace {

class Exhaustive : public ::testing::TestWithParam<Rounding> {};

/// Runs `check(a, k)` for all a in [lo, hi] and k in [0, 31]; stops at the
/// first failure of each k to keep the report short.
void checkRange(int64_t lo, int64_t hi, Rounding mode) {
  const Grid grid8 = integerGrid(8, true);
  const Grid gridU8 = integerGrid(8, false);
  QuantizerSpec s8{8, true, false, mode};
  for (unsigned k = 0; k <= 31; ++k) {
    for (int64_t a = lo; a <= hi; ++a) {
      oracle::i128 want = oracle::shiftRight(a, k, mode);
      // Integer rounding right shift.
      ASSERT_EQ(roundingShiftRight(a, k, mode), int64_t(want))
          << "a=" << a << " k=" << k << " mode=" << roundingName(mode);
      // Float rounding of the dyadic value a / 2^k.
      double v = std::ldexp(double(a), -int(k));
      ASSERT_EQ(roundToIntegral(v, mode), double(int64_t(want)))
          << "a=" << a << " k=" << k << " mode=" << roundingName(mode);
      // Requantization to int8 and uint8 (saturation included).
      ASSERT_EQ(requantize(a, int(k), mode, grid8),
                int64_t(oracle::clamp(want, grid8)))
          << "a=" << a << " k=" << k;
      ASSERT_EQ(requantize(a, int(k), mode, gridU8),
                int64_t(oracle::clamp(want, gridU8)))
          << "a=" << a << " k=" << k;
      // Exact left shift with saturation.
      ASSERT_EQ(requantize(a, -int(k), mode, grid8),
                int64_t(oracle::requantize(a, -int(k), mode, grid8)))
          << "a=" << a << " k=" << k;
      // Float quantization of x = a (exact in f32) at scale 2^k.
      ASSERT_EQ(quantize(float(a), int(k), s8),
                int64_t(oracle::clamp(want, grid8)))
          << "a=" << a << " k=" << k;
    }
  }
}

TEST_P(Exhaustive, AllInt8InputsAllShifts) {
  checkRange(-128, 127, GetParam());
}

TEST_P(Exhaustive, AllInt16InputsAllShifts) {
  checkRange(-32768, 32767, GetParam());
}

TEST(ExhaustiveStorage, AllUnsigned8And16StorageReads) {
  // Unsigned codes held in signless storage are read with zero extension.
  for (uint64_t raw = 0; raw < 65536; ++raw) {
    ASSERT_EQ(readStorage(raw, 16, false), int64_t(raw));
    ASSERT_EQ(readStorage(raw, 16, true), int64_t(int16_t(uint16_t(raw))));
    ASSERT_EQ(readStorage(raw & 0xff, 8, false), int64_t(raw & 0xff));
    ASSERT_EQ(readStorage(raw & 0xff, 8, true),
              int64_t(int8_t(uint8_t(raw & 0xff))));
  }
}

INSTANTIATE_TEST_SUITE_P(AllModes, Exhaustive,
                         ::testing::ValuesIn(kAllRoundings),
                         [](const auto &info) {
                           return std::string(roundingName(info.param));
                         });

} // namespace
