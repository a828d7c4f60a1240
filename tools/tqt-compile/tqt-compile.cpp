//===- tqt-compile.cpp - Compile a tensor function ahead of time ----------===//
//
// tqt-compile MODEL.mlir -e FUNC -o OUT
// [--emit=llvm|asm|obj|staticlib|sharedlib|exe]
//             [--header OUT.h] [--mcpu=host|native|CPU] [-O N]
//
// Lowers FUNC with --tqt-lower-to-llvm and writes LLVM IR, an object file, a
// static or shared library, or an executable that runs FUNC on .npy files;
// --header writes the C API of docs/CAPI.md.
//
//===----------------------------------------------------------------------===//

#include "tqt/Codegen/KernelIsa.h"
#include "tqt/Execution/AotCompiler.h"
#include "tqt/Execution/JitModule.h"
#include "tqt/Execution/ModelFile.h"
#include "tqt/InitAll.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace mlir::tqt::exec;

static cl::OptionCategory category("tqt-compile options");

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<model.mlir or - for stdin>"),
                                      cl::init("-"), cl::cat(category));
static cl::opt<std::string>
    entry("e", cl::desc("Function to compile (default: the only public one)"),
          cl::value_desc("name"), cl::cat(category));
static cl::alias entryLong("entry", cl::aliasopt(entry), cl::cat(category));
static cl::opt<std::string> output("o", cl::desc("Output file"),
                                   cl::value_desc("file"), cl::Required,
                                   cl::cat(category));
static cl::opt<EmitKind> emit(
    "emit", cl::desc("What to write to -o"), cl::init(EmitKind::Object),
    cl::values(clEnumValN(EmitKind::LLVMIR, "llvm", "LLVM IR (text)"),
               clEnumValN(EmitKind::Assembly, "asm",
                          "assembly for the target CPU (text)"),
               clEnumValN(EmitKind::Object, "obj", "an object file (default)"),
               clEnumValN(EmitKind::StaticLibrary, "staticlib",
                          "a static library (.a)"),
               clEnumValN(EmitKind::SharedLibrary, "sharedlib",
                          "a shared library (.so)"),
               clEnumValN(EmitKind::Executable, "exe",
                          "an executable running FUNC on .npy files: "
                          "OUT [--repeat N] [-o DIR] in0.npy ...")),
    cl::cat(category));
static cl::opt<std::string>
    header("header", cl::desc("Also write the C header of FUNC (docs/CAPI.md)"),
           cl::value_desc("file.h"), cl::cat(category));
static cl::opt<std::string>
    cpu("mcpu",
        cl::desc("CPU to compile for: host (default: the host's x86-64 level "
                 "and features), native (the host model), or an LLVM CPU name "
                 "such as x86-64-v3 or znver4"),
        cl::init("host"), cl::cat(category));
static cl::alias march("march", cl::aliasopt(cpu), cl::cat(category));
static cl::opt<std::string>
    kernels("kernels", cl::desc(::mlir::tqt::codegen::kKernelsOptionHelp),
            cl::init("auto"), cl::cat(category));
static constexpr const char *kThreadsHelp =
    "Threads of the compiled code: 0 (default) one per core or "
    "OMP_NUM_THREADS at run time, 1 sequential code (no OpenMP runtime "
    "needed), N exactly N; executables and shared libraries are linked with "
    "the OpenMP runtime, objects and archives need -lomp; the results are "
    "the same for any count";
static cl::opt<unsigned> optLevel("O", cl::desc("Optimization level 0-3"),
                                  cl::init(3), cl::Prefix, cl::cat(category));
static cl::opt<std::string>
    cc("cc",
       cl::desc("C compiler that links shared libraries and executables "
                "(default: clang-22)"),
       cl::value_desc("path"), cl::cat(category));

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  getThreadsOption(category, kThreadsHelp);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "tqt-compile: compile a tensor program's function ahead of time\n\n"
      "  tqt-compile MODEL.mlir -e FUNC -o OUT --emit=staticlib --header "
      "OUT.h\n");
  auto fail = [](const Twine &msg) {
    WithColor::error(errs(), "tqt-compile") << msg << "\n";
    return 1;
  };
  if (optLevel > 3)
    return fail("-O must be 0, 1, 2 or 3");
  auto kernelRequest = ::mlir::tqt::codegen::parseKernelRequest(kernels);
  if (!kernelRequest)
    return fail(toString(kernelRequest.takeError()));

  std::unique_ptr<mlir::MLIRContext> context = ::mlir::tqt::createToolContext();
  std::string errorMessage;
  std::unique_ptr<ModelFile> model =
      ModelFile::load(inputFile, *context, errorMessage);
  if (!model)
    return errorMessage.empty() ? 1 : fail(errorMessage);
  auto resolved = resolveEntryPoint(model->getModule(), entry);
  if (!resolved)
    return fail(toString(resolved.takeError()));

  AotOptions options;
  options.entry = *resolved;
  options.emit = emit;
  options.output = output;
  options.header = header;
  options.cpu = cpu;
  options.optLevel = optLevel;
  options.threads = getThreadsOption(category, kThreadsHelp);
  options.kernels = *kernelRequest;
  options.cc = cc;
  if (Error err = compileAheadOfTime(model->getModule(), options))
    return fail(toString(std::move(err)));
  return 0;
}
