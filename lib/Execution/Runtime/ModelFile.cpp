//===- ModelFile.cpp - Loading a model for the tools ----------------------===//

#include "tqt/Execution/ModelFile.h"

#include "tqt/Support/ParserGuards.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir::tqt::exec;

ModelFile::~ModelFile() = default;

std::unique_ptr<ModelFile> ModelFile::load(llvm::StringRef path,
                                           mlir::MLIRContext &context,
                                           std::string &error) {
  auto file = mlir::openInputFile(path, &error);
  if (!file)
    return nullptr;
  // Printed here, so `error` stays empty as for a parse error.
  if (::mlir::tqt::reportParserHazard(file->getBufferIdentifier(),
                                      file->getBuffer()))
    return nullptr;
  std::unique_ptr<ModelFile> model(new ModelFile());
  model->sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  model->handler = std::make_unique<mlir::SourceMgrDiagnosticHandler>(
      model->sourceMgr, &context);
  model->module =
      mlir::parseSourceFile<mlir::ModuleOp>(model->sourceMgr, &context);
  if (!model->module)
    return nullptr;
  return model;
}

std::string mlir::tqt::exec::formatLocation(mlir::Location loc) {
  if (auto flc = loc->findInstanceOf<mlir::FileLineColLoc>())
    return flc.getFilename().str() + ":" + std::to_string(flc.getLine()) + ":" +
           std::to_string(flc.getColumn());
  std::string s;
  llvm::raw_string_ostream(s) << loc;
  return s;
}

llvm::Expected<mlir::func::FuncOp>
mlir::tqt::exec::lookupEntryFunction(mlir::ModuleOp module,
                                     llvm::StringRef name) {
  auto func = module.lookupSymbol<mlir::func::FuncOp>(name);
  if (!func) {
    std::string names;
    llvm::raw_string_ostream os(names);
    bool first = true;
    for (auto f : module.getOps<mlir::func::FuncOp>())
      if (f.isPublic() && !f.isExternal()) {
        os << (first ? "" : ", ") << "@" << f.getSymName();
        first = false;
      }
    return llvm::createStringError(
        "no function @" + name + " in the module" +
        (names.empty() ? llvm::Twine("")
                       : llvm::Twine(" (public functions: ") + names + ")"));
  }
  if (func.isExternal())
    return llvm::createStringError("@" + name +
                                   " is a declaration without a body");
  if (!func.isPublic())
    return llvm::createStringError("@" + name +
                                   " is private; only public functions are "
                                   "entry points");
  return func;
}

llvm::Expected<std::string>
mlir::tqt::exec::resolveEntryPoint(mlir::ModuleOp module,
                                   llvm::StringRef requested) {
  if (!requested.empty()) {
    auto func = lookupEntryFunction(module, requested);
    if (!func)
      return func.takeError();
    return requested.str();
  }
  llvm::SmallVector<std::string> publics;
  for (auto f : module.getOps<mlir::func::FuncOp>())
    if (f.isPublic() && !f.isExternal())
      publics.push_back(f.getSymName().str());
  if (publics.size() != 1)
    return llvm::createStringError("the module has " +
                                   llvm::Twine(publics.size()) +
                                   " public functions; name one with -e");
  return publics.front();
}

llvm::Error
mlir::tqt::exec::keepOnlyEntryPoints(mlir::ModuleOp module,
                                     llvm::ArrayRef<std::string> entryPoints) {
  for (auto func : module.getOps<mlir::func::FuncOp>())
    if (func.isPublic() && !llvm::is_contained(entryPoints, func.getSymName()))
      func.setPrivate();
  mlir::PassManager pm(module.getContext());
  pm.addPass(mlir::createSymbolDCEPass());
  if (mlir::failed(pm.run(module)))
    return llvm::createStringError("dropping unused functions failed");
  return llvm::Error::success();
}
