//===- Thresholds.h - Initial thresholds from data --------------*- C++ -*-===//
//
// The calibration rules of tqt-method.md 3.1-3.2 (Graffitist): MAX, 3SD and
// KL-J (the symmetric Kullback-Leibler J measure on CDFs, with the MAX
// fallback for short tensors and wide grids). Thresholds are linear values t;
// log2ThresholdOf turns one into the log2 value quantizers store. No MLIR
// dependency.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_CALIBRATION_THRESHOLDS_H
#define TQT_CALIBRATION_THRESHOLDS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace mlir::tqt::calib {

enum class Method {
  Max,     ///< t = max |x|
  ThreeSD, ///< t = |mean(x)| + 3 * std(x) (population std)
  KLJ,     ///< KL-J on the CDF of |x| (falls back to MAX, see klj())
};

llvm::StringRef methodName(Method m);
std::optional<Method> parseMethod(llvm::StringRef name);

/// How many elements are NaN and how many are +-inf.
struct NonFiniteCount {
  size_t nan = 0;
  size_t inf = 0;
  size_t total() const { return nan + inf; }
};
NonFiniteCount countNonFinite(llvm::ArrayRef<float> data);

/// max |x| (NaN elements are skipped).
double maxAbs(llvm::ArrayRef<float> data);

/// |mean| + 3 * population standard deviation, accumulated in double
/// (NaN elements are skipped).
double threeSigma(llvm::ArrayRef<float> data);

/// Graffitist's KL-J threshold for a quantizer with `bits` and signedness:
/// a histogram of |x| over [0, max|x|] with ceil(sqrt(N)) bins; when that is
/// fewer than 2^(bits - signed) + 1 bins, max |x| (so 16-bit quantizers and
/// short tensors get MAX); otherwise the candidate (i + 0.5) * binwidth,
/// i = M+1 .. nb-1, whose clipped-and-requantized CDF is closest to the
/// data's CDF in the J measure sum (c - q) log2(c / q) over c != 0.
double klj(llvm::ArrayRef<float> data, unsigned bits, bool isSigned);

/// Whether klj() would fall back to MAX for this many elements.
bool kljFallsBackToMax(size_t numElements, unsigned bits, bool isSigned);

double computeThreshold(Method m, llvm::ArrayRef<float> data, unsigned bits,
                        bool isSigned);

/// log2(t) as stored by quantizers. t <= 0 (an all-zero tensor) gives
/// kZeroLog2Threshold, whose scale is below every representable value.
float log2ThresholdOf(double t);
constexpr float kZeroLog2Threshold = -100.0f;

} // namespace mlir::tqt::calib

#endif // TQT_CALIBRATION_THRESHOLDS_H
