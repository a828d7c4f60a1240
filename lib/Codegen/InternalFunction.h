//===- InternalFunction.h - Generated functions' linkage --------*- C++ -*-===//
//
// The functions the code generator adds (kernels, outlined loop nests) are
// private, internal in the object code (two models link together), and
// never inlined by LLVM: it would inline every one with a single call site
// back into the model's function, whose size is what makes LLVM's function
// passes slow (--tqt-outline-loop-nests); a call per layer costs nothing.
// Functions whose code is the same are shared: a network of many equal
// layers compiles each distinct kernel and loop nest once.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_LIB_CODEGEN_INTERNALFUNCTION_H
#define TQT_LIB_CODEGEN_INTERNALFUNCTION_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::tqt::codegen {

inline void makeInternalFunction(func::FuncOp f) {
  MLIRContext *ctx = f.getContext();
  f.setPrivate();
  f->setAttr("llvm.linkage",
             LLVM::LinkageAttr::get(ctx, LLVM::Linkage::Internal));
  // --convert-func-to-llvm carries it to the llvm.func.
  f->setAttr("passthrough",
             ArrayAttr::get(ctx, {StringAttr::get(ctx, "noinline")}));
}

/// Marks the memref parameters of `f` whose buffer no other memref argument
/// of the call `f(arguments)` can reach: each is a view of its own
/// allocation (memref.alloc or alloca) in the caller, so nothing `f` reads
/// or writes through another parameter aliases it. Their aligned pointers'
/// positions in the LLVM calling convention (a ranked memref expands to
/// allocated and aligned pointers, offset, sizes and strides) go into
/// `tqt.noalias_pointers`, which --tqt-apply-noalias turns into llvm.noalias
/// after --convert-func-to-llvm (which drops a memref's llvm.noalias): LLVM
/// then keeps an accumulator in a register and vectorizes a loop that
/// stores into one buffer while it reads others. When a memref argument's
/// buffer is of unknown origin (not an allocation, a global or a parameter
/// of the caller), nothing is marked. Call before shareIdenticalFunction
/// (the attribute is part of the code).
void markNoAliasArguments(func::FuncOp f, ValueRange arguments);

/// The generated functions so far by their code (the printed function, its
/// name left out).
using FunctionCache = llvm::StringMap<func::FuncOp>;

/// `f`, or an earlier function in `cache` whose code is the same (then `f`,
/// which nothing calls yet, is erased from the module and from `symbols`).
func::FuncOp shareIdenticalFunction(func::FuncOp f, FunctionCache &cache,
                                    SymbolTable &symbols);

} // namespace mlir::tqt::codegen

#endif // TQT_LIB_CODEGEN_INTERNALFUNCTION_H
