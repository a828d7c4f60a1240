//===- ApplyNoAlias.cpp - tqt.noalias_pointers to llvm.noalias ------------===//
//
// The second half of --tqt-outline-loop-nests' alias facts: the positions it
// recorded (InternalFunction.h, markNoAliasArguments) become llvm.noalias on
// the converted function's pointer parameters.
//
//===----------------------------------------------------------------------===//

#include "tqt/Codegen/Passes.h"
#include "tqt/Dialect/TQT/IR/TQTDialect.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTAPPLYNOALIAS
#include "tqt/Codegen/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;

namespace {

struct TQTApplyNoAliasPass
    : mlir::tqt::impl::TQTApplyNoAliasBase<TQTApplyNoAliasPass> {
  void runOnOperation() override {
    StringRef name =
        mlir::tqt::TQTDialect::NoaliasPointersAttrHelper::getNameStr();
    auto result = getOperation().walk([&](LLVM::LLVMFuncOp f) {
      auto positions = f->getAttrOfType<DenseI64ArrayAttr>(name);
      if (!positions)
        return WalkResult::advance();
      unsigned count = f.getNumArguments();
      for (int64_t position : positions.asArrayRef()) {
        if (position < 0 || position >= count ||
            !isa<LLVM::LLVMPointerType>(f.getArgument(position).getType())) {
          f.emitError("'")
              << name << "' lists position " << position
              << ", which is not a pointer parameter of the function (run "
                 "--tqt-apply-noalias right after --convert-func-to-llvm)";
          return WalkResult::interrupt();
        }
        f.setArgAttr(position, LLVM::LLVMDialect::getNoAliasAttrName(),
                     UnitAttr::get(f.getContext()));
      }
      f->removeAttr(name);
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
