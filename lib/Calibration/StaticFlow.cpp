//===- StaticFlow.cpp - The static quantization flow in one call ----------===//

#include "tqt/Calibration/StaticFlow.h"

#include "tqt/Execution/ModelFile.h"

#include "mlir/Pass/PassManager.h"

using namespace mlir;
using namespace mlir::tqt::calib;

namespace {

llvm::Error runPipeline(ModuleOp module, StringRef what,
                        llvm::function_ref<void(OpPassManager &)> build) {
  PassManager pm(module.getContext());
  build(pm);
  if (failed(pm.run(module)))
    return llvm::createStringError(
        "the %s pipeline failed (see the diagnostics above)", what.data());
  return llvm::Error::success();
}

} // namespace

llvm::Expected<StaticFlowResult>
mlir::tqt::calib::quantizeStatic(ModuleOp module,
                                 const exec::HostTensor &samples,
                                 const StaticFlowOptions &options) {
  if (llvm::Error err =
          runPipeline(module, "simulation", [&](OpPassManager &pm) {
            buildSimulationPipeline(pm, options.quantizers);
          }))
    return std::move(err);
  StaticFlowResult result;
  CalibrationOptions calibration = options.calibration;
  auto entry = exec::resolveEntryPoint(module, calibration.entry);
  if (!entry)
    return entry.takeError();
  calibration.entry = *entry;
  auto thresholds = calibrate(module, samples, calibration);
  if (!thresholds)
    return thresholds.takeError();
  result.thresholds = std::move(*thresholds);
  result.simulation = module.clone();
  if (llvm::Error err = runPipeline(module, "integer", [&](OpPassManager &pm) {
        buildIntegerPipeline(pm, options.integer);
      }))
    return std::move(err);
  return result;
}
