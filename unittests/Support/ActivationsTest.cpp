//===- ActivationsTest.cpp - Properties of the activation sequences -------===//
//
// The sequences of Activations.h against long double math on a dense sweep,
// their saturation and NaN behaviour, monotonicity of the monotone ones
// (a lookup table built from them keeps the order of codes), and the
// derivatives against central differences in double precision.
//
//===----------------------------------------------------------------------===//

#include "tqt/Support/Activations.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace mlir::tqt::numerics;

namespace {

long double reference(Activation a, long double x) {
  long double sig = 1.0L / (1.0L + std::exp(-x));
  long double r6 = std::fmin(std::fmax(x + 3.0L, 0.0L), 6.0L);
  switch (a) {
  case Activation::Sigmoid:
    return sig;
  case Activation::Tanh:
    return std::tanh(x);
  case Activation::HardSigmoid:
    return r6 / 6.0L;
  case Activation::HardSwish:
    return x * r6 / 6.0L;
  case Activation::SiLU:
    return x * sig;
  }
  return 0;
}

TEST(Activations, WithinTwoMillionthsOfExactMath) {
  // Every 1/256 step on [-40, 40]: relative to 1 + |f|, as the integration
  // test bounds the JIT's results.
  for (Activation a : kAllActivations)
    for (int i = -40 * 256; i <= 40 * 256; ++i) {
      float x = float(i) / 256.0f;
      long double ref = reference(a, x);
      long double err =
          std::fabs(activation(a, x) - ref) / (1 + std::fabs(ref));
      ASSERT_LE(err, 2e-7L) << "kind " << int(a) << " at x = " << x;
    }
}

TEST(Activations, SaturateAndPropagateNaN) {
  float inf = std::numeric_limits<float>::infinity();
  float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(activation(Activation::Sigmoid, inf), 1.0f);
  EXPECT_GT(activation(Activation::Sigmoid, -inf), 0.0f); // e^-87, not 0
  EXPECT_LT(activation(Activation::Sigmoid, -inf), 1e-37f);
  EXPECT_EQ(activation(Activation::Tanh, inf), 1.0f);
  EXPECT_EQ(activation(Activation::Tanh, -inf), -1.0f);
  EXPECT_EQ(activation(Activation::HardSigmoid, 3.0f), 1.0f);
  EXPECT_EQ(activation(Activation::HardSigmoid, -3.0f), 0.0f);
  EXPECT_EQ(activation(Activation::HardSwish, 3.0f), 3.0f);
  EXPECT_EQ(activation(Activation::HardSwish, 1024.0f), 1024.0f);
  // x * 6 overflows for huge x, as in PyTorch's kernel: +inf, never NaN.
  EXPECT_EQ(activation(Activation::HardSwish, 3.4e38f),
            std::numeric_limits<float>::infinity());
  EXPECT_EQ(activation(Activation::SiLU, 100.0f), 100.0f);
  for (Activation a : kAllActivations) {
    EXPECT_TRUE(std::isnan(activation(a, nan))) << int(a);
    EXPECT_FALSE(std::isnan(activation(a, 3.4e38f))) << int(a);
    EXPECT_FALSE(std::isnan(activation(a, -3.4e38f))) << int(a);
  }
}

TEST(Activations, MonotoneWhereTheFunctionIs) {
  // Sigmoid, tanh and hard sigmoid never decrease; hard swish and SiLU do
  // above their minima (-1.5 and about -1.278).
  for (Activation a :
       {Activation::Sigmoid, Activation::Tanh, Activation::HardSigmoid,
        Activation::HardSwish, Activation::SiLU}) {
    float lo = a == Activation::HardSwish ? -1.5f
               : a == Activation::SiLU    ? -1.25f
                                          : -100.0f;
    float prev = activation(a, lo);
    for (float x = lo; x <= 100.0f; x += 1.0f / 64) {
      float y = activation(a, x);
      ASSERT_GE(y, prev) << "kind " << int(a) << " at x = " << x;
      prev = y;
    }
  }
}

TEST(Activations, DerivativesMatchCentralDifferences) {
  for (Activation a : kAllActivations)
    for (double x = -6.0; x <= 6.0; x += 0.0625 + 1.0 / 1024) {
      if (std::fabs(std::fabs(x) - 3.0) < 1e-3)
        continue; // the hard functions' kinks
      double h = 1e-4;
      double fd = double(reference(a, x + h) - reference(a, x - h)) / (2 * h);
      EXPECT_NEAR(activationGrad(a, float(x)), fd, 2e-6)
          << "kind " << int(a) << " at x = " << x;
    }
}

} // namespace
