//===- tqt-opt.cpp - The tqt pass driver ----------------------------------===//
//
// mlir-opt with the tqt dialect and passes, plus the upstream dialects and
// passes a user needs around them (see tqt/InitAll.h). The output goes
// through mlir::tqt::OutputFile: written whole or not at all, never over a
// device, and a write error (a full disk) is a diagnostic, not a crash.
//
//===----------------------------------------------------------------------===//

#include "tqt/InitAll.h"
#include "tqt/Support/OutputFile.h"
#include "tqt/Support/ParserGuards.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"

#include <cstdio>

using namespace llvm;

static int fail(const Twine &msg) {
  WithColor::error(errs(), "tqt-opt") << msg << "\n";
  return 1;
}

static int finishStandardOutput() {
  if (Error err = mlir::tqt::flushStandardOutput())
    return fail(toString(std::move(err)));
  return 0;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  mlir::DialectRegistry registry;
  ::mlir::tqt::registerAllDialects(registry);
  ::mlir::tqt::registerAllPasses();
  auto [inputFile, outputFile] = mlir::registerAndParseCLIOptions(
      argc, argv, "tqt-mlir optimizer driver\n", registry);
  mlir::MlirOptMainConfig config =
      mlir::MlirOptMainConfig::createFromCLOptions();

  if (config.shouldShowDialects()) {
    outs() << "Available Dialects: ";
    interleave(registry.getDialectNames(), outs(), ",");
    outs() << "\n";
    return finishStandardOutput();
  }
  if (config.shouldListPasses()) {
    mlir::printRegisteredPasses();
    return finishStandardOutput();
  }

  if (inputFile == "-" &&
      sys::Process::FileDescriptorIsDisplayed(fileno(stdin)))
    errs() << "(processing input from stdin now, hit ctrl-c/ctrl-d to "
              "interrupt)\n";
  std::string errorMessage;
  auto input = mlir::openInputFile(inputFile, &errorMessage);
  if (!input)
    return fail(errorMessage);
  if (mlir::tqt::reportParserHazard(input->getBufferIdentifier(),
                                    input->getBuffer()))
    return 1;
  auto output = mlir::tqt::OutputFile::open(outputFile, /*allowStdout=*/true);
  if (!output)
    return fail(toString(output.takeError()));
  // On failure the diagnostics are printed and nothing is written.
  if (failed(
          mlir::MlirOptMain(output->os(), std::move(input), registry, config)))
    return 1;
  if (Error err = output->commit())
    return fail(toString(std::move(err)));
  return 0;
}
