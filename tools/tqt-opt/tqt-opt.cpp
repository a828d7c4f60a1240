//===- tqt-opt.cpp - The tqt pass driver ----------------------------------===//
//
// mlir-opt with the tqt dialect and passes, plus the upstream dialects and
// passes a user needs around them (see tqt/InitAll.h).
//
//===----------------------------------------------------------------------===//

#include "tqt/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  ::tqt::registerAllDialects(registry);
  ::tqt::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "tqt-mlir optimizer driver\n", registry));
}
