//===- Thresholds.cpp - Initial thresholds from data ----------------------===//

#include "tqt/Calibration/Thresholds.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using namespace mlir::tqt::calib;

llvm::StringRef mlir::tqt::calib::methodName(Method m) {
  switch (m) {
  case Method::Max:
    return "max";
  case Method::ThreeSD:
    return "3sd";
  case Method::KLJ:
    return "kl-j";
  }
  return "unknown";
}

std::optional<Method> mlir::tqt::calib::parseMethod(llvm::StringRef name) {
  if (name == "max")
    return Method::Max;
  if (name == "3sd")
    return Method::ThreeSD;
  if (name == "kl-j")
    return Method::KLJ;
  return std::nullopt;
}

NonFiniteCount mlir::tqt::calib::countNonFinite(llvm::ArrayRef<float> data) {
  NonFiniteCount c;
  for (float v : data) {
    c.nan += std::isnan(v);
    c.inf += std::isinf(v);
  }
  return c;
}

double mlir::tqt::calib::maxAbs(llvm::ArrayRef<float> data) {
  double m = 0.0;
  for (float v : data)
    if (!std::isnan(v))
      m = std::max(m, double(std::fabs(v)));
  return m;
}

double mlir::tqt::calib::threeSigma(llvm::ArrayRef<float> data) {
  double sum = 0.0, sumSq = 0.0;
  size_t n = 0;
  for (float v : data)
    if (!std::isnan(v)) {
      sum += v;
      ++n;
    }
  if (n == 0)
    return 0.0;
  double mean = sum / double(n);
  for (float v : data)
    if (!std::isnan(v))
      sumSq += (double(v) - mean) * (double(v) - mean);
  return std::fabs(mean) + 3.0 * std::sqrt(sumSq / double(n));
}

static size_t sqrtBins(size_t n) {
  return size_t(std::ceil(std::sqrt(double(n))));
}

bool mlir::tqt::calib::kljFallsBackToMax(size_t numElements, unsigned bits,
                                         bool isSigned) {
  size_t levels = size_t(1) << (bits - (isSigned ? 1 : 0));
  return sqrtBins(numElements) < levels + 1;
}

/// np.interp(x, xp, fp) for increasing xp.
static double interp(double x, const std::vector<double> &xp,
                     const std::vector<double> &fp) {
  if (x <= xp.front())
    return fp.front();
  if (x >= xp.back())
    return fp.back();
  size_t hi = std::upper_bound(xp.begin(), xp.end(), x) - xp.begin();
  size_t lo = hi - 1;
  double w = (x - xp[lo]) / (xp[hi] - xp[lo]);
  return fp[lo] + w * (fp[hi] - fp[lo]);
}

double mlir::tqt::calib::klj(llvm::ArrayRef<float> data, unsigned bits,
                             bool isSigned) {
  std::vector<double> a;
  a.reserve(data.size());
  for (float v : data)
    if (!std::isnan(v))
      a.push_back(std::fabs(double(v)));
  double mx = 0.0;
  for (double v : a)
    mx = std::max(mx, v);
  size_t nb = sqrtBins(a.size());
  size_t levels = size_t(1) << (bits - (isSigned ? 1 : 0));
  if (a.empty() || mx == 0.0 || nb < levels + 1)
    return mx;

  // Histogram over [0, mx] with nb equal bins, the last one closed; bins are
  // assigned as numpy.histogram does (scale, then correct against the
  // linspace edges), so boundary values land in the same bin.
  std::vector<double> edges(nb + 1);
  double width = mx / double(nb);
  for (size_t k = 0; k < nb; ++k)
    edges[k] = double(k) * width;
  edges[nb] = mx;
  double norm = double(nb) / mx;
  std::vector<double> hist(nb, 0.0);
  for (double v : a) {
    size_t b = size_t(v * norm);
    if (b >= nb)
      b = nb - 1;
    if (v < edges[b])
      --b;
    else if (b != nb - 1 && v >= edges[b + 1])
      ++b;
    hist[b] += 1.0;
  }
  std::vector<double> cdf(nb);
  double acc = 0.0;
  for (size_t k = 0; k < nb; ++k) {
    acc += hist[k] / double(a.size());
    cdf[k] = acc;
  }

  double best = std::numeric_limits<double>::infinity();
  double bestT = mx;
  std::vector<double> p, q, xs, xm, squeezed;
  for (size_t i = levels + 1; i < nb; ++i) {
    // P: the CDF with everything from bin i-1 on folded into the clip bin.
    p.assign(cdf.begin(), cdf.end());
    std::fill(p.begin() + (i - 1), p.end(), 1.0);
    // Squeeze P[0:i] onto M points, then stretch it back onto i points.
    xs.resize(i);
    for (size_t k = 0; k < i; ++k)
      xs[k] = double(k);
    // numpy.linspace(0, i - 1, M): k * step, the last point exact.
    xm.resize(levels);
    double step = double(i - 1) / double(levels - 1);
    for (size_t k = 0; k < levels; ++k)
      xm[k] = double(k) * step;
    xm[levels - 1] = double(i - 1);
    std::vector<double> head(p.begin(), p.begin() + i);
    squeezed.resize(levels);
    for (size_t k = 0; k < levels; ++k)
      squeezed[k] = interp(xm[k], xs, head);
    q.assign(p.begin(), p.end());
    for (size_t k = 0; k < i; ++k)
      q[k] = interp(double(k), xm, squeezed);
    // The J measure between the data's CDF and Q.
    double d = 0.0;
    for (size_t k = 0; k < nb; ++k) {
      if (cdf[k] == 0.0)
        continue;
      d += (cdf[k] - q[k]) * std::log2(cdf[k] / q[k]);
    }
    if (d < best) {
      best = d;
      bestT = (double(i) + 0.5) * width;
    }
  }
  return bestT;
}

double mlir::tqt::calib::computeThreshold(Method m, llvm::ArrayRef<float> data,
                                          unsigned bits, bool isSigned) {
  switch (m) {
  case Method::Max:
    return maxAbs(data);
  case Method::ThreeSD:
    return threeSigma(data);
  case Method::KLJ:
    return klj(data, bits, isSigned);
  }
  return maxAbs(data);
}

float mlir::tqt::calib::log2ThresholdOf(double t) {
  if (!(t > 0.0))
    return kZeroLog2Threshold;
  if (std::isinf(t))
    return std::numeric_limits<float>::infinity();
  return float(std::log2(t));
}
