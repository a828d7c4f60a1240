//===- QuantizationPipelines.cpp - The quantization flow as pipelines -----===//
//
// The static flow's pass halves and the training expansion as builders and
// named pipelines. A named pipeline hands its option string to the one pass
// that owns those options, so every option is declared once (Passes.td) and
// is spelled the same in `--tqt-build-simulation="weight-bits=4"` and
// `--tqt-insert-quantizers="weight-bits=4"`.
//
//===----------------------------------------------------------------------===//

#include "tqt/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

void ::tqt::buildSimulationPipeline(
    OpPassManager &pm, const mlir::tqt::TQTInsertQuantizersOptions &options) {
  pm.addPass(mlir::tqt::createTQTPrepare());
  pm.addPass(mlir::tqt::createTQTInsertQuantizers(options));
}

void ::tqt::buildIntegerPipeline(OpPassManager &pm,
                                 const IntegerPipelineOptions &options) {
  pm.addPass(mlir::tqt::createTQTLegalizePow2(options.legalize));
  pm.addPass(mlir::tqt::createTQTFuseInteger(options.fuse));
}

void ::tqt::buildTrainingPipeline(
    OpPassManager &pm, const mlir::tqt::TQTExpandTrainingOptions &options) {
  pm.addPass(mlir::tqt::createTQTExpandTraining(options));
}

namespace {

/// Registers `name` as `passes` followed by `optionsOwner`, which parses the
/// pipeline's option string.
void registerForwardingPipeline(
    StringRef name, StringRef description,
    std::function<void(OpPassManager &)> passesBefore,
    std::function<std::unique_ptr<Pass>()> optionsOwner) {
  registerPassPipeline(
      name, description,
      [=](OpPassManager &pm, StringRef options,
          function_ref<LogicalResult(const Twine &)> errorHandler) {
        std::unique_ptr<Pass> owner = optionsOwner();
        if (failed(owner->initializeOptions(options, errorHandler)))
          return failure();
        passesBefore(pm);
        pm.addPass(std::move(owner));
        return success();
      },
      // The options are listed under the owning pass in --help.
      [](function_ref<void(const detail::PassOptions &)>) {});
}

} // namespace

void ::tqt::registerPipelines() {
  PassPipelineRegistration<LowerToLLVMOptions>(
      "tqt-lower-to-llvm",
      "Lower tensor-level func/tosa/linalg/tqt IR to the LLVM dialect "
      "(TOSA and tqt to linalg, bufferization with deallocation, loops, "
      "LLVM)",
      buildLowerToLLVMPipeline);
  registerForwardingPipeline(
      "tqt-build-simulation",
      "Float TOSA model to the simulation graph: --tqt-prepare, "
      "--tqt-insert-quantizers (whose options it takes)",
      [](OpPassManager &pm) { pm.addPass(mlir::tqt::createTQTPrepare()); },
      [] { return mlir::tqt::createTQTInsertQuantizers(); });
  registerForwardingPipeline(
      "tqt-build-integer",
      "Calibrated simulation graph to the integer-only program: "
      "--tqt-legalize-pow2, --tqt-fuse-integer (whose options it takes)",
      [](OpPassManager &pm) { pm.addPass(mlir::tqt::createTQTLegalizePow2()); },
      [] { return mlir::tqt::createTQTFuseInteger(); });
  registerForwardingPipeline(
      "tqt-build-training",
      "Simulation graph to its training step, gradient and evaluation "
      "functions: --tqt-expand-training (whose options it takes)",
      [](OpPassManager &) {},
      [] { return mlir::tqt::createTQTExpandTraining(); });
}
