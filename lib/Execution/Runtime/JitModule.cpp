//===- JitModule.cpp - JIT-compiled tensor programs -----------------------===//

#include "tqt/Execution/JitModule.h"

#include "tqt/Execution/MemRefDescriptor.h"
#include "tqt/Execution/ModelFile.h"
#include "tqt/Execution/Target.h"
#include "tqt/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <mutex>

using namespace mlir::tqt::exec;
using namespace mlir;

JitModule::~JitModule() = default;

llvm::cl::opt<unsigned> &
mlir::tqt::exec::getThreadsOption(llvm::cl::OptionCategory &category,
                                  llvm::StringRef help) {
  static llvm::cl::opt<unsigned> *option = [&] {
    auto &registered = llvm::cl::getRegisteredOptions();
    if (auto it = registered.find("threads"); it != registered.end())
      it->second->removeArgument();
    return new llvm::cl::opt<unsigned>("threads", llvm::cl::desc(help),
                                       llvm::cl::init(0),
                                       llvm::cl::cat(category));
  }();
  return *option;
}

llvm::Expected<mlir::tqt::codegen::KernelIsa>
mlir::tqt::exec::lowerToLLVMDialect(
    ModuleOp module, const llvm::TargetMachine &target, unsigned threads,
    std::optional<mlir::tqt::codegen::KernelIsa> requested) {
  auto kernels =
      codegen::resolveKernelIsa(requested, *target.getMCSubtargetInfo());
  if (!kernels)
    return kernels.takeError();
  std::string diagnostics;
  llvm::raw_string_ostream os(diagnostics);
  ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &diag) {
    os << diag.getLocation() << ": " << diag << "\n";
    for (Diagnostic &note : diag.getNotes())
      os << note.getLocation() << ": note: " << note << "\n";
    return success();
  });
  PassManager pm(module.getContext());
  LowerToLLVMOptions options;
  options.emitCInterface = true;
  options.kernels = *kernels;
  options.threads = threads;
  buildLowerToLLVMPipeline(pm, options);
  if (failed(pm.run(module)))
    return llvm::createStringError("lowering to LLVM failed:\n" + diagnostics);
  return *kernels;
}

llvm::Expected<std::unique_ptr<JitModule>>
JitModule::create(ModuleOp module, const JitOptions &options) {
  MLIRContext *ctx = module.getContext();
  DialectRegistry registry;
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);
  ctx->appendDialectRegistry(registry);

  std::unique_ptr<JitModule> jit(new JitModule());
  auto wanted = [&](func::FuncOp func) {
    return options.entryPoints.empty() ||
           llvm::is_contained(options.entryPoints, func.getSymName());
  };
  for (auto func : module.getOps<func::FuncOp>()) {
    if (!func.isPublic() || func.isExternal() || !wanted(func))
      continue;
    auto sig = getEntrySignature(module, func.getSymName());
    if (sig)
      jit->signatures.emplace(func.getSymName().str(), std::move(*sig));
    else
      jit->unsupported.emplace(func.getSymName().str(),
                               llvm::toString(sig.takeError()));
  }

  OwningOpRef<ModuleOp> lowered(cast<ModuleOp>(module->clone()));
  if (!options.entryPoints.empty()) {
    // Compile only what the entry points need.
    if (llvm::Error err = keepOnlyEntryPoints(*lowered, options.entryPoints))
      return std::move(err);
  }
  auto level =
      static_cast<llvm::CodeGenOptLevel>(std::min(options.optLevel, 3u));
  auto tm = createHostTargetMachine(options.cpu, level, /*pic=*/false,
                                    /*jit=*/true);
  if (!tm)
    return tm.takeError();
  auto kernels =
      lowerToLLVMDialect(*lowered, **tm, options.threads, options.kernels);
  if (!kernels)
    return kernels.takeError();
  jit->kernels = *kernels;

  ExecutionEngineOptions engineOptions;
  // The host's target machine: without it LLVM's optimizer sees no vector
  // registers and vectorizes no loop (ExecutionEngine::create keeps it alive
  // while it runs the transformer). The optimizer runs at most its O2
  // pipeline: O3's doubled unroll threshold on host-width vector loops
  // tripled the demo's training step compile (11 s -> 33 s, twice the
  // object code) for no measured speed; -O 3 still selects the aggressive
  // code generator.
  auto transformer = makeOptimizingTransformer(
      std::min(options.optLevel, kMaxJitOptimizerLevel),
      /*sizeLevel=*/0, tm->get());
  engineOptions.transformer = transformer;
  engineOptions.enableGDBNotificationListener = false;
  engineOptions.enablePerfNotificationListener = false;
  // Threaded code calls the OpenMP runtime.
  llvm::StringRef openMP = getOpenMPRuntimePath();
  if (options.threads != 1)
    engineOptions.sharedLibPaths = openMP;
  auto engine =
      ExecutionEngine::create(*lowered, engineOptions, std::move(*tm));
  if (!engine)
    return llvm::createStringError("JIT compilation failed: " +
                                   llvm::toString(engine.takeError()));
  jit->engine = std::move(*engine);
  jit->engine->initialize();
  // Resolve each entry's packed wrapper once: ExecutionEngine::invokePacked
  // looks the symbol up in the JIT on every call.
  for (const auto &entry : jit->signatures) {
    auto packed = jit->engine->lookupPacked("_mlir_ciface_" + entry.first);
    if (!packed)
      return llvm::createStringError("JIT compilation lost @" + entry.first +
                                     ": " + llvm::toString(packed.takeError()));
    jit->packedEntries.emplace(entry.first, *packed);
  }
  return jit;
}

llvm::Expected<const EntrySignature &>
JitModule::getSignature(llvm::StringRef name) const {
  auto it = signatures.find(name);
  if (it != signatures.end())
    return it->second;
  auto bad = unsupported.find(name);
  if (bad != unsupported.end())
    return llvm::createStringError(bad->second);
  std::string names;
  for (const auto &entry : signatures)
    names += (names.empty() ? "@" : ", @") + entry.first;
  return llvm::createStringError(
      "no public function @" + name + " in the module" +
      (names.empty() ? std::string() : " (public functions: " + names + ")"));
}

llvm::Expected<std::vector<HostTensor>>
JitModule::invoke(llvm::StringRef name,
                  llvm::ArrayRef<const HostTensor *> inputs,
                  llvm::ArrayRef<std::string> inputNames) {
  auto sig = getSignature(name);
  if (!sig)
    return sig.takeError();
  if (llvm::Error err = checkInputs(*sig, inputs, inputNames))
    return std::move(err);

  // Descriptors of the inputs, and one buffer for the results' descriptors
  // (the C interface returns them through a pointer to their struct).
  std::vector<std::vector<int64_t>> inputDescs;
  for (const HostTensor *t : inputs)
    inputDescs.push_back(makeDescriptor(*t));
  ResultDescriptors results(sig->results);

  llvm::SmallVector<void *> descPtrs;
  for (auto &d : inputDescs)
    descPtrs.push_back(d.data());
  void *resultPtr = results.data();
  llvm::SmallVector<void *> args;
  if (!sig->results.empty())
    args.push_back(&resultPtr);
  for (void *&p : descPtrs)
    args.push_back(&p);

  packedEntries.find(name)->second(args.data());

  llvm::SmallVector<const void *> inputBuffers;
  for (const HostTensor *t : inputs)
    inputBuffers.push_back(t->data());
  return results.takeAll(inputBuffers);
}
