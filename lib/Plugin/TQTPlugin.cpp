//===- TQTPlugin.cpp - tqt as a plugin of upstream mlir-opt ---------------===//
//
// One shared object that is both a dialect plugin and a pass plugin, so that
// an upstream driver linked against libMLIR.so (Debian's mlir-opt-22) reads
// tqt IR and runs every tqt pass and pipeline:
//
//   mlir-opt --load-dialect-plugin=lib/TQTPlugin.so \
//            --load-pass-plugin=lib/TQTPlugin.so model.mlir --tqt-prepare
//
// The plugin carries the tqt libraries' code and links libMLIR.so and
// libLLVM.so, so the driver's dialects, TypeIDs and registries are the ones
// it uses (lib/Plugin/CMakeLists.txt).
//
//===----------------------------------------------------------------------===//

#include "tqt/Codegen/Passes.h"
#include "tqt/Conversion/Passes.h"
#include "tqt/Dialect/TQT/IR/TQTDialect.h"
#include "tqt/Dialect/TQT/Transforms/Passes.h"
#include "tqt/Pipelines/Pipelines.h"

#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"

using namespace mlir;

extern "C" LLVM_ATTRIBUTE_WEAK DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "tqt", LLVM_VERSION_STRING,
          [](DialectRegistry *registry) {
            registry->insert<mlir::tqt::TQTDialect>();
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "tqt", LLVM_VERSION_STRING, []() {
            mlir::tqt::registerTQTPasses();
            mlir::tqt::registerTQTConversionPasses();
            mlir::tqt::registerTQTCodegenPasses();
            ::mlir::tqt::registerPipelines();
          }};
}
