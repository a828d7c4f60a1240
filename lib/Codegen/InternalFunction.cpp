//===- InternalFunction.cpp - Generated functions' linkage ----------------===//

#include "InternalFunction.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;

func::FuncOp mlir::tqt::codegen::shareIdenticalFunction(func::FuncOp f,
                                                        FunctionCache &cache,
                                                        SymbolTable &symbols) {
  // The code without the name: a fixed one while printing.
  std::string name = f.getSymName().str(), code;
  f.setSymName("f");
  {
    llvm::raw_string_ostream os(code);
    // Numbered on its own: the default numbers from the module, a walk of
    // the whole module per function.
    f.print(os, OpPrintingFlags().useLocalScope());
  }
  f.setSymName(name);
  auto [it, inserted] = cache.try_emplace(code, f);
  if (inserted)
    return f;
  symbols.erase(f);
  return it->second;
}
