//===- AotCompiler.cpp - Ahead-of-time compilation of models --------------===//

#include "tqt/Execution/AotCompiler.h"

#include "tqt/Execution/CInterface.h"
#include "tqt/Execution/JitModule.h"
#include "tqt/Execution/ModelFile.h"
#include "tqt/Execution/Signature.h"
#include "tqt/Execution/Target.h"
#include "tqt/Support/OutputFile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Object/Archive.h"
#include "llvm/Object/ArchiveWriter.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;
using namespace mlir::tqt::exec;

/// Runs `cc` with `args`, returning its diagnostics in the error.
static llvm::Error runCompiler(llvm::StringRef cc,
                               llvm::ArrayRef<std::string> args) {
  llvm::SmallString<128> errFile;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("tqt-cc", "txt", errFile))
    return llvm::createStringError("cannot create a temporary file: " +
                                   ec.message());
  llvm::FileRemover remover(errFile);
  llvm::SmallVector<llvm::StringRef> argv = {cc};
  for (const std::string &a : args)
    argv.push_back(a);
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, std::nullopt,
                                                llvm::StringRef(errFile)};
  std::string msg;
  int rc =
      llvm::sys::ExecuteAndWait(cc, argv, std::nullopt, redirects,
                                /*SecondsToWait=*/0, /*MemoryLimit=*/0, &msg);
  if (rc != 0) {
    auto buf = llvm::MemoryBuffer::getFile(errFile);
    std::string cmd;
    for (llvm::StringRef a : argv)
      cmd += a.str() + " ";
    return llvm::createStringError(
        "C compiler failed (" +
        (msg.empty() ? "exit " + std::to_string(rc) : msg) + "): " + cmd +
        "\n" + (buf ? (*buf)->getBuffer().str() : ""));
  }
  return llvm::Error::success();
}

static llvm::Expected<std::string> findCompiler(llvm::StringRef requested) {
  if (!requested.empty()) {
    if (requested.contains('/')) {
      if (llvm::sys::fs::can_execute(requested))
        return requested.str();
    } else if (auto p = llvm::sys::findProgramByName(requested)) {
      return *p;
    }
    return llvm::createStringError("C compiler '" + requested + "' not found");
  }
  for (const char *name : {"clang-22", "clang"})
    if (auto p = llvm::sys::findProgramByName(name))
      return *p;
  if (llvm::sys::fs::can_execute("/usr/lib/llvm-22/bin/clang"))
    return std::string("/usr/lib/llvm-22/bin/clang");
  return llvm::createStringError(
      "no C compiler found to link the output (install clang-22 "
      "or pass --cc)");
}

llvm::Error mlir::tqt::exec::compileAheadOfTime(ModuleOp module,
                                                const AotOptions &options) {
  auto sig = getEntrySignature(module, options.entry);
  if (!sig)
    return sig.takeError();

  // Keep only the entry point (and what it calls), then lower.
  MLIRContext *ctx = module.getContext();
  OwningOpRef<ModuleOp> lowered(cast<ModuleOp>(module->clone()));
  if (llvm::Error err = keepOnlyEntryPoints(*lowered, {options.entry}))
    return err;
  // Position-independent code for every kind: objects and archives end up
  // in PIE executables (the default of today's C compilers), and threaded
  // code holds absolute addresses of its OpenMP location records otherwise.
  bool pic = true;
  auto level =
      static_cast<llvm::CodeGenOptLevel>(std::min(options.optLevel, 3u));
  auto tm = createHostTargetMachine(options.cpu, level, pic);
  if (!tm)
    return tm.takeError();
  if (auto kernels =
          lowerToLLVMDialect(*lowered, **tm, options.threads, options.kernels);
      !kernels)
    return kernels.takeError();

  DialectRegistry registry;
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);
  ctx->appendDialectRegistry(registry);

  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(*lowered, llvmContext, "tqt-model");
  if (!llvmModule)
    return llvm::createStringError("translation to LLVM IR failed");
  llvmModule->setTargetTriple((*tm)->getTargetTriple());
  llvmModule->setDataLayout((*tm)->createDataLayout());
  if (pic)
    llvmModule->setPICLevel(llvm::PICLevel::BigPIC);
  auto optimize =
      makeOptimizingTransformer(options.optLevel, /*sizeLevel=*/0, tm->get());
  if (llvm::Error err = optimize(llvmModule.get()))
    return llvm::createStringError("LLVM optimization failed: " +
                                   toString(std::move(err)));

  // The outputs are checked (and their temporaries created) before the
  // slow code generation; they replace the targets only when complete.
  auto output = ::mlir::tqt::OutputFile::open(
      options.output, /*allowStdout=*/options.emit == EmitKind::LLVMIR ||
                          options.emit == EmitKind::Assembly);
  if (!output)
    return output.takeError();
  std::optional<::mlir::tqt::OutputFile> header;
  if (!options.header.empty()) {
    auto opened = ::mlir::tqt::OutputFile::open(options.header);
    if (!opened)
      return opened.takeError();
    header.emplace(std::move(*opened));
    header->os() << generateCHeader(*sig);
  }
  auto commit = [&]() -> llvm::Error {
    if (header)
      if (llvm::Error err = header->commit())
        return err;
    return output->commit();
  };

  if (options.emit == EmitKind::LLVMIR) {
    llvmModule->print(output->os(), nullptr);
    return commit();
  }

  if (options.emit == EmitKind::Assembly) {
    llvm::SmallString<0> text;
    llvm::raw_svector_ostream os(text);
    llvm::legacy::PassManager codegen;
    if ((*tm)->addPassesToEmitFile(codegen, os, nullptr,
                                   llvm::CodeGenFileType::AssemblyFile))
      return llvm::createStringError("the target cannot emit assembly");
    codegen.run(*llvmModule);
    output->os() << text;
    return commit();
  }

  // Object code in memory.
  llvm::SmallString<0> object;
  {
    llvm::raw_svector_ostream os(object);
    llvm::legacy::PassManager codegen;
    if ((*tm)->addPassesToEmitFile(codegen, os, nullptr,
                                   llvm::CodeGenFileType::ObjectFile))
      return llvm::createStringError("the target cannot emit object files");
    codegen.run(*llvmModule);
  }

  switch (options.emit) {
  case EmitKind::Object:
    output->os() << object;
    return commit();
  case EmitKind::StaticLibrary: {
    std::string member = cIdentifier(options.entry) + ".o";
    std::vector<llvm::NewArchiveMember> members;
    members.emplace_back(llvm::MemoryBufferRef(object, member));
    members.back().MemberName = member;
    // In memory, then through the OutputFile: llvm::writeArchive(path)
    // would rename a file over whatever `path` is, devices included.
    auto archive = llvm::writeArchiveToBuffer(
        members, llvm::SymtabWritingMode::NormalSymtab,
        llvm::object::Archive::K_GNU, /*Deterministic=*/true,
        /*Thin=*/false);
    if (!archive)
      return llvm::createStringError("cannot build the archive " +
                                     options.output + ": " +
                                     toString(archive.takeError()));
    output->os() << (*archive)->getBuffer();
    return commit();
  }
  case EmitKind::SharedLibrary:
  case EmitKind::Executable: {
    auto cc = findCompiler(options.cc);
    if (!cc)
      return cc.takeError();
    llvm::SmallString<128> dir;
    if (std::error_code ec =
            llvm::sys::fs::createUniqueDirectory("tqt-compile", dir))
      return llvm::createStringError("cannot create a temporary directory: " +
                                     ec.message());
    llvm::scope_exit cleanup([&] { llvm::sys::fs::remove_directories(dir); });
    llvm::SmallString<128> objPath(dir), hdrPath(dir), mainPath(dir);
    llvm::sys::path::append(objPath, "model.o");
    llvm::sys::path::append(hdrPath, "model.h");
    llvm::sys::path::append(mainPath, "main.c");
    if (llvm::Error err = ::mlir::tqt::writeOutputFile(objPath, object))
      return err;
    // The C compiler writes a scratch file that the OutputFile puts in place.
    auto linked = output->getScratchPath();
    if (!linked)
      return linked.takeError();
    std::vector<std::string> args;
    // Threaded code: the OpenMP runtime, found at run time where it was here.
    std::vector<std::string> openMP;
    if (options.threads != 1) {
      llvm::StringRef lib = getOpenMPRuntimePath();
      openMP = {lib.str(),
                "-Wl,-rpath," + llvm::sys::path::parent_path(lib).str()};
    }
    if (options.emit == EmitKind::SharedLibrary) {
      args = {"-shared", "-o", *linked, std::string(objPath), "-lm"};
    } else {
      if (llvm::Error err =
              ::mlir::tqt::writeOutputFile(hdrPath, generateCHeader(*sig)))
        return err;
      if (llvm::Error err = ::mlir::tqt::writeOutputFile(
              mainPath, generateCMain(*sig, "model.h")))
        return err;
      args = {"-O2",
              "-w",
              "-I",
              std::string(dir),
              std::string(mainPath),
              std::string(objPath),
              "-o",
              *linked,
              "-lm"};
    }
    args.insert(args.end(), openMP.begin(), openMP.end());
    if (llvm::Error err = runCompiler(*cc, args))
      return err;
    return commit();
  }
  case EmitKind::LLVMIR:
  case EmitKind::Assembly:
    break;
  }
  return llvm::Error::success();
}
