//===- StaticFlow.h - The static quantization flow in one call --*- C++ -*-===//
//
// For a compiler that embeds tqt-mlir: a float TOSA model and calibration
// samples in, the integer-only program out (docs/Pipeline.md), with the same
// passes and calibration as tqt-opt and tqt-calibrate, so the result is
// byte-identical to the tools' (test/Downstream checks it).
//
//===----------------------------------------------------------------------===//

#ifndef TQT_CALIBRATION_STATICFLOW_H
#define TQT_CALIBRATION_STATICFLOW_H

#include "tqt/Calibration/Calibrator.h"
#include "tqt/Pipelines/Pipelines.h"

#include "mlir/IR/OwningOpRef.h"

namespace mlir::tqt::calib {

struct StaticFlowOptions {
  /// Quantizer placement (--tqt-insert-quantizers' options).
  mlir::tqt::TQTInsertQuantizersOptions quantizers;
  /// Threshold rules (tqt-calibrate's): MAX for weights and KL-J for the
  /// rest by default.
  CalibrationOptions calibration;
  /// Legalization and fusion (--tqt-build-integer).
  IntegerPipelineOptions integer;
};

struct StaticFlowResult {
  /// The calibrated simulation graph: what the integer program equals bit
  /// for bit (tqt-run --compare-layers checks it layer by layer).
  mlir::OwningOpRef<mlir::ModuleOp> simulation;
  std::vector<CalibratedThreshold> thresholds;
};

/// Rewrites the float model `module` into its integer-only program: the
/// simulation pipeline, calibration on `samples` (dimension 0 is the sample
/// dimension), then the integer pipeline. Pass failures have been reported
/// through the context's diagnostic handler when the error comes back; the
/// module is then left in an unspecified state.
llvm::Expected<StaticFlowResult>
quantizeStatic(mlir::ModuleOp module, const exec::HostTensor &samples,
               const StaticFlowOptions &options);

} // namespace mlir::tqt::calib

#endif // TQT_CALIBRATION_STATICFLOW_H
