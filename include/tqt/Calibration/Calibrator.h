//===- Calibrator.h - Calibrating a simulation graph on data ----*- C++ -*-===//
//
// tqt-calibrate as a library. Quantizers are calibrated in program order,
// since downstream statistics depend on upstream thresholds: the model is
// instrumented once (thresholds become arguments, quantizer inputs become
// results), JIT-compiled once, and re-run on the samples after each
// threshold is set. Quantizers that share a threshold global are calibrated
// together, on the concatenation of their inputs, when the last of them is
// reached (tqt-method 3.1).
//
//===----------------------------------------------------------------------===//

#ifndef TQT_CALIBRATION_CALIBRATOR_H
#define TQT_CALIBRATION_CALIBRATOR_H

#include "tqt/Calibration/Thresholds.h"
#include "tqt/Execution/HostTensor.h"

#include "tqt/Codegen/KernelIsa.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mlir::tqt::calib {

struct CalibrationOptions {
  std::string entry;
  /// Thresholds whose global has tqt.role = "weight".
  Method weightMethod = Method::Max;
  /// Every other threshold (activations, layer outputs, biases, ...).
  Method activationMethod = Method::KLJ;
  /// Samples per call for a dynamic batch dimension (0: all at once). A
  /// static batch dimension B always runs B samples per call.
  int64_t batchSize = 0;
  unsigned optLevel = 2;
  /// Threads of the compiled simulation graph (JitOptions::threads).
  unsigned threads = 0;
  /// Micro-kernels (JitOptions::kernels): std::nullopt picks the best the
  /// host has.
  std::optional<codegen::KernelIsa> kernels;
  /// Run the samples once per threshold instead of sharing runs between
  /// thresholds that do not depend on each other (the same numbers; for
  /// checking that they are).
  bool oneRunPerThreshold = false;
  /// Run the whole graph for every wave instead of each op once in the
  /// stage of the first wave that needs it (the same numbers; for checking
  /// that they are). Graphs that cannot be staged always run whole.
  bool wholeGraphRuns = false;
  /// Progress lines go here when set.
  llvm::raw_ostream *progress = nullptr;
};

struct CalibratedThreshold {
  std::string global;
  Method method;
  /// MAX was used because KL-J had too few elements for the grid.
  bool fellBackToMax = false;
  /// The finite values the threshold was computed from.
  size_t numElements = 0;
  /// Non-finite values seen at the quantizer and left out (at least one
  /// finite value remains; none is an error).
  NonFiniteCount ignored;
  /// Per tensor: the threshold. Per channel: the largest channel's.
  double threshold = 0;
  float log2Threshold = 0;
  /// Per-channel thresholds (weights with per-channel-weights): one log2
  /// threshold per channel, each from that channel's values; empty per
  /// tensor.
  std::vector<float> channelLog2Thresholds;
};

/// Calibrates every quantizer of `options.entry` on `samples` (dimension 0 is
/// the sample dimension) and writes the log2 thresholds into the initial
/// values of their globals, with `tqt.calibration = "<method>"`. NaN and
/// infinite values are left out of each threshold's statistics (and counted
/// in the report); samples or a quantizer with no finite value at all are an
/// error.
llvm::Expected<std::vector<CalibratedThreshold>>
calibrate(mlir::ModuleOp module, const exec::HostTensor &samples,
          const CalibrationOptions &options);

} // namespace mlir::tqt::calib

#endif // TQT_CALIBRATION_CALIBRATOR_H
