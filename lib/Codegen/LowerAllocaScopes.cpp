//===- LowerAllocaScopes.cpp - memref.alloca_scope inlined ----------------===//

#include "tqt/Codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTLOWERALLOCASCOPES
#include "tqt/Codegen/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;

namespace {

/// Inlines `scope` before itself; brackets the body with a stack save and
/// restore when it allocates on the stack.
void inlineScope(memref::AllocaScopeOp scope) {
  Block &body = scope.getBodyRegion().front();
  bool allocates = false;
  body.walk([&](memref::AllocaOp) { allocates = true; });
  OpBuilder b(scope);
  Location loc = scope.getLoc();
  Value saved;
  if (allocates)
    saved = LLVM::StackSaveOp::create(
        b, loc, LLVM::LLVMPointerType::get(scope.getContext()));
  Operation *terminator = body.getTerminator();
  SmallVector<Value> results(terminator->getOperands());
  scope->getBlock()->getOperations().splice(Block::iterator(scope),
                                            body.getOperations(), body.begin(),
                                            Block::iterator(terminator));
  if (allocates)
    LLVM::StackRestoreOp::create(b, loc, saved);
  scope->replaceAllUsesWith(results);
  scope.erase();
}

struct TQTLowerAllocaScopesPass
    : mlir::tqt::impl::TQTLowerAllocaScopesBase<TQTLowerAllocaScopesPass> {
  void runOnOperation() override {
    // Innermost first: an inner scope is inlined into its (still single
    // block) outer scope.
    SmallVector<memref::AllocaScopeOp> scopes;
    getOperation()->walk<WalkOrder::PostOrder>(
        [&](memref::AllocaScopeOp scope) { scopes.push_back(scope); });
    for (memref::AllocaScopeOp scope : scopes)
      inlineScope(scope);
  }
};

} // namespace
