//===- InternalFunction.cpp - Generated functions' linkage ----------------===//

#include "InternalFunction.h"

#include "tqt/Dialect/TQT/IR/TQTDialect.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

/// The buffer `v` views: the value behind its chain of views and casts.
static Value bufferRoot(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (auto view = dyn_cast<ViewLikeOpInterface>(def))
      v = view.getViewSource();
    else if (auto cast = dyn_cast<memref::CastOp>(def))
      v = cast.getSource();
    else
      break;
  }
  return v;
}

/// Whether `root` is memory the facts can name: an allocation, a global, or
/// a parameter of the function that holds the call (a parameter cannot
/// reach an allocation made after entry). Anything else (a block argument
/// of another block, a buffer some op returns) may alias any of them.
static bool isKnownBuffer(Value root) {
  if (auto arg = dyn_cast<BlockArgument>(root))
    return arg.getOwner()->isEntryBlock() &&
           isa<FunctionOpInterface>(arg.getOwner()->getParentOp());
  return isa<memref::AllocOp, memref::AllocaOp, memref::GetGlobalOp>(
      root.getDefiningOp());
}

void mlir::tqt::codegen::markNoAliasArguments(func::FuncOp f,
                                              ValueRange arguments) {
  SmallVector<Value> roots;
  for (Value a : arguments) {
    if (!isa<MemRefType>(a.getType())) {
      roots.push_back(Value());
      continue;
    }
    roots.push_back(bufferRoot(a));
    if (!isKnownBuffer(roots.back()))
      return;
  }
  SmallVector<int64_t> positions;
  int64_t position = 0;
  for (auto [i, a] : llvm::enumerate(arguments)) {
    Type type = a.getType();
    if (auto memref = dyn_cast<MemRefType>(type)) {
      Operation *def = roots[i].getDefiningOp();
      bool ownAllocation =
          isa_and_present<memref::AllocOp, memref::AllocaOp>(def) &&
          llvm::count(roots, roots[i]) == 1;
      if (ownAllocation)
        positions.push_back(position + 1);
      position += 3 + 2 * memref.getRank();
      continue;
    }
    // Anything else but a scalar would expand otherwise: mark nothing.
    if (!type.isIntOrIndexOrFloat())
      return;
    position += 1;
  }
  if (!positions.empty())
    f->setAttr(mlir::tqt::TQTDialect::NoaliasPointersAttrHelper::getNameStr(),
               DenseI64ArrayAttr::get(f.getContext(), positions));
}

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
