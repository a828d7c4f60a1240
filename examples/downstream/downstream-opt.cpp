//===- downstream-opt.cpp - A downstream compiler's -opt with tqt ---------===//
//
// What a compiler built on MLIR adds to its own driver to read and write tqt
// IR and run the tqt passes: the dialect, the pass registrations and the
// named pipelines (--tqt-build-simulation, --tqt-build-integer,
// --tqt-build-training, --tqt-lower-to-llvm).
//
//===----------------------------------------------------------------------===//

#include "tqt/Codegen/Passes.h"
#include "tqt/Conversion/Passes.h"
#include "tqt/Dialect/TQT/IR/TQTDialect.h"
#include "tqt/Dialect/TQT/Transforms/Passes.h"
#include "tqt/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  // The compiler's own dialects (a TOSA front end here), then tqt's.
  registry.insert<mlir::func::FuncDialect, mlir::ml_program::MLProgramDialect,
                  mlir::tosa::TosaDialect, mlir::tqt::TQTDialect>();
  mlir::tqt::registerTQTPasses();
  mlir::tqt::registerTQTConversionPasses();
  mlir::tqt::registerTQTCodegenPasses();
  mlir::tqt::registerPipelines();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "A downstream compiler with tqt-mlir\n", registry));
}
