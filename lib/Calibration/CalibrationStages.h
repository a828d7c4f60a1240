//===- CalibrationStages.h - The functions a calibration calls --*- C++ -*-===//
//
// Calibration runs the simulation graph over the samples once per wave of
// thresholds (Calibrator.cpp): a quantizer's inputs depend on the
// thresholds calibrated before it. Running the whole graph for every wave
// costs (waves x ops): quadratic in the depth of a network. An op whose
// thresholds are all calibrated by wave s has the same value in every run
// from s on, so each op needs to run only once: in the stage of the first
// wave that needs it. The instrumented function is split into one function
// per wave (a stage) that computes what its wave's quantizers read, and the
// values later stages need ("carried" between calls); every op is in one
// stage, constants are repeated where they are used.
//
// The whole graph per wave stays as the fallback for graphs that cannot be
// staged (a threshold read before it is calibrated, ops with regions, values
// the host cannot carry) and for checking that staging gives the same
// numbers.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_LIB_CALIBRATION_CALIBRATIONSTAGES_H
#define TQT_LIB_CALIBRATION_CALIBRATIONSTAGES_H

#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/LLVM.h"

#include <string>
#include <vector>

namespace mlir::tqt::calib {

/// Where a stage's argument comes from.
struct StageInput {
  enum class Kind {
    /// The batch of samples.
    Samples,
    /// The threshold tensor of group `index`.
    Threshold,
    /// Value `index` that an earlier stage returned for this batch.
    Carried,
  };
  Kind kind;
  unsigned index = 0;
};

/// A public function the calibrator calls once per batch for one wave. Its
/// results: the carried values it produces, then the inputs of the
/// quantizers it collects, each flattened to f32 and concatenated, then
/// their element counts (i64).
struct CalibrationStage {
  std::string function;
  SmallVector<StageInput> inputs;
  /// Ids of the carried values returned, in result order.
  SmallVector<unsigned> carriedOut;
  /// Indices (into the instrumented function's quantizers) of the
  /// quantizers whose inputs are collected, in order.
  SmallVector<unsigned> collected;
  /// Carried values no later stage reads: freed after this stage.
  SmallVector<unsigned> lastUses;
};

/// Makes `func` (arguments: the samples, then one threshold per group;
/// `quantizers` its tqt.fake_quant with a calibrated threshold, in order)
/// return every quantizer's input, concatenated, and their counts, instead
/// of its results: the one stage that serves every wave.
CalibrationStage instrumentWholeGraph(func::FuncOp func,
                                      ArrayRef<FakeQuantOp> quantizers,
                                      unsigned numGroups);

/// Splits `func` (as for instrumentWholeGraph) into one public function per
/// wave, `<func>__stage<w>`, placed before it; `func` is left as it is (a
/// JIT with the stages as its entry points drops it). `groupOf[q]` is quantizer
/// q's threshold group, `waveOf[g]` the wave group g is calibrated in (waves 0
/// .. numWaves - 1, each one group at least). On failure nothing is changed and
/// `why` says what keeps the graph from being staged.
FailureOr<std::vector<CalibrationStage>>
splitIntoStages(func::FuncOp func, ArrayRef<FakeQuantOp> quantizers,
                ArrayRef<unsigned> groupOf, ArrayRef<unsigned> waveOf,
                unsigned numWaves, std::string &why);

} // namespace mlir::tqt::calib

#endif // TQT_LIB_CALIBRATION_CALIBRATIONSTAGES_H
