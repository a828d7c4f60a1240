//===- downstream-quantize.cpp - The static flow as one library call ------===//
//
// downstream-quantize MODEL.mlir SAMPLES.npy INTEGER.mlir SIMULATION.mlir
//
// A float TOSA model and calibration samples in; the integer-only program and
// the calibrated simulation graph (which it equals bit for bit) out, through
// mlir::tqt::calib::quantizeStatic with its default options: the same result
// as tqt-opt --tqt-build-simulation, tqt-calibrate --data SAMPLES.npy and
// tqt-opt --tqt-build-integer.
//
//===----------------------------------------------------------------------===//

#include "tqt/Calibration/StaticFlow.h"
#include "tqt/Execution/Npy.h"
#include "tqt/InitAll.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

static int fail(llvm::Error err) {
  llvm::errs() << "downstream-quantize: " << llvm::toString(std::move(err))
               << "\n";
  return 1;
}

static llvm::Error write(mlir::ModuleOp module, llvm::StringRef path) {
  std::error_code ec;
  llvm::ToolOutputFile out(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return llvm::createStringError(ec, "cannot write %s", path.data());
  module.print(out.os());
  out.os() << "\n";
  out.keep();
  return llvm::Error::success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  if (argc != 5) {
    llvm::errs() << "usage: downstream-quantize MODEL.mlir SAMPLES.npy "
                    "INTEGER.mlir SIMULATION.mlir\n";
    return 2;
  }
  // Calibration runs the simulation graph natively.
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  std::unique_ptr<mlir::MLIRContext> ctx = mlir::tqt::createToolContext();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(argv[1], ctx.get());
  if (!module)
    return 1; // the parser has reported it
  auto samples = mlir::tqt::exec::readNpy(argv[2]);
  if (!samples)
    return fail(samples.takeError());

  auto result =
      mlir::tqt::calib::quantizeStatic(*module, *samples, /*options=*/{});
  if (!result)
    return fail(result.takeError());
  llvm::errs() << "downstream-quantize: " << result->thresholds.size()
               << " thresholds calibrated\n";
  if (llvm::Error err = write(*module, argv[3]))
    return fail(std::move(err));
  if (llvm::Error err = write(*result->simulation, argv[4]))
    return fail(std::move(err));
  return 0;
}
