//===- PrepareEntryPoints.cpp - Entry points for C and the tools ----------===//

#include "tqt/Dialect/TQT/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTPREPAREENTRYPOINTS
#include "tqt/Dialect/TQT/Transforms/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;

namespace {
/// Drops tqt.* argument and result attributes (the training interface,
/// docs/Training.md): they describe the tensor-level function and mean
/// nothing to the LLVM lowering, which would warn about each of them.
void stripInterfaceAttrs(func::FuncOp func) {
  auto strip = [](DictionaryAttr attrs) {
    SmallVector<NamedAttribute> kept;
    if (!attrs)
      return kept;
    for (NamedAttribute a : attrs)
      if (!a.getName().strref().starts_with("tqt."))
        kept.push_back(a);
    return kept;
  };
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    func.setArgAttrs(i, strip(func.getArgAttrDict(i)));
  for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
    func.setResultAttrs(i, strip(func.getResultAttrDict(i)));
}

struct PrepareEntryPointsPass
    : mlir::tqt::impl::TQTPrepareEntryPointsBase<PrepareEntryPointsPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    auto readOnly = BoolAttr::get(ctx, false);
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      stripInterfaceAttrs(func);
      if (!func.isPublic() || func.isExternal())
        continue;
      for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
        if (isa<TensorType>(func.getArgument(i).getType()))
          func.setArgAttr(
              i, bufferization::BufferizationDialect::kWritableAttrName,
              readOnly);
      if (emitCInterface)
        func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                      UnitAttr::get(ctx));
    }
  }
};
} // namespace
