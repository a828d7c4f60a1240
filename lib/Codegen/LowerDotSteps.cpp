//===- LowerDotSteps.cpp - tqt.dot_step to x86 intrinsics -----------------===//

#include "tqt/Codegen/Passes.h"

#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTLOWERDOTSTEPS
#include "tqt/Codegen/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;

namespace {

/// The intrinsic computing one step for these types, or "" if none.
StringRef intrinsicFor(VectorType acc, VectorType operand) {
  int64_t lanes = acc.getNumElements();
  if (operand.getElementType().isInteger(8))
    return lanes == 16  ? "llvm.x86.avx512.vpdpbusd.512"
           : lanes == 8 ? "llvm.x86.avx512.vpdpbusd.256"
                        : "";
  return lanes == 16  ? "llvm.x86.avx512.pmaddw.d.512"
         : lanes == 8 ? "llvm.x86.avx2.pmadd.wd"
                      : "";
}

struct TQTLowerDotStepsPass
    : mlir::tqt::impl::TQTLowerDotStepsBase<TQTLowerDotStepsPass> {
  void runOnOperation() override {
    WalkResult result = getOperation()->walk([&](DotStepOp op) {
      auto acc = cast<VectorType>(op.getAcc().getType());
      auto operand = cast<VectorType>(op.getA().getType());
      StringRef name = intrinsicFor(acc, operand);
      if (name.empty()) {
        op.emitOpError("has no x86 instruction for ")
            << acc << " accumulators (16 or 8 lanes)";
        return WalkResult::interrupt();
      }
      ImplicitLocOpBuilder b(op.getLoc(), op);
      auto intrin = b.getStringAttr(name);
      Value next;
      if (operand.getElementType().isInteger(8)) {
        next =
            LLVM::CallIntrinsicOp::create(
                b, acc, intrin, ValueRange{op.getAcc(), op.getA(), op.getB()})
                .getResult(0);
      } else {
        Value products = LLVM::CallIntrinsicOp::create(
                             b, acc, intrin, ValueRange{op.getA(), op.getB()})
                             .getResult(0);
        next = arith::AddIOp::create(b, op.getAcc(), products);
      }
      op.replaceAllUsesWith(next);
      op.erase();
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
