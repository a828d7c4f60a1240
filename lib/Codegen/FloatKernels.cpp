//===- FloatKernels.cpp - The --tqt-float-kernels pass --------------------===//

#include "tqt/Codegen/Passes.h"

#include "GemmProblem.h"
#include "InternalFunction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTFLOATKERNELS
#include "tqt/Codegen/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;
using ::mlir::tqt::codegen::KernelIsa;

namespace {

/// What a float kernel depends on: the op, its operand and result types and
/// its attributes (window, accumulator type).
std::string signature(Operation *op) {
  std::string key;
  llvm::raw_string_ostream os(key);
  os << op->getName() << ":";
  for (Type t : op->getOperandTypes())
    os << t << ",";
  os << op->getResult(0).getType() << op->getPropertiesAsAttribute();
  return key;
}

struct TQTFloatKernelsPass
    : mlir::tqt::impl::TQTFloatKernelsBase<TQTFloatKernelsPass> {
  using TQTFloatKernelsBase::TQTFloatKernelsBase;

  void runOnOperation() override {
    if (isa == KernelIsa::None)
      return;
    SmallVector<Operation *> roots;
    getOperation()->walk([&](Operation *op) {
      if (isa_and_present<tosa::Conv2DOp, tosa::DepthwiseConv2DOp,
                          tosa::MatMulOp>(op) &&
          getElementTypeOrSelf(op->getResult(0).getType()).isF32())
        roots.push_back(op);
    });
    SymbolTable symbols(getOperation());
    std::string prefix =
        isa == KernelIsa::Avx512Vnni ? "__tqt_f32_zmm" : "__tqt_f32_ymm";
    llvm::StringMap<func::FuncOp> sharedKernels;
    codegen::FunctionCache identical;
    for (Operation *root : roots) {
      codegen::GemmProblem problem;
      std::string why;
      if (!codegen::matchFloatGemmProblem(root, problem, why)) {
        if (remarks)
          root->emitRemark("no f32 kernel: ") << why;
        continue;
      }
      StringRef registers = isa == KernelIsa::Avx512Vnni ? "zmm" : "ymm";
      if (remarks) {
        InFlightDiagnostic remark = root->emitRemark();
        if (problem.isDepthwise) {
          remark << "f32 depthwise kernel: " << problem.n << " channels";
          if (problem.multiplier > 1)
            remark << " (" << problem.channels << " x multiplier "
                   << problem.multiplier << ")";
          remark << " x " << problem.k << " taps, " << registers;
        } else {
          remark << "f32 kernel: M x " << problem.n << " x ";
          if (ShapedType::isDynamic(problem.k))
            remark << "?";
          else
            remark << problem.k;
          remark << ", " << registers;
        }
        if (problem.floatClamp)
          remark << ", then clamp to ["
                 << problem.floatClamp->first.convertToFloat() << ", "
                 << problem.floatClamp->second.convertToFloat() << "]";
      }
      // Kernels with run-time weights are shared by the layers of equal
      // types and window; one with constant (packed) weights is shared by
      // the layers whose kernels are the same code (its weights are a
      // global, passed as an argument).
      auto emit = [&] {
        return problem.isDepthwise
                   ? codegen::emitDepthwiseKernel(
                         problem, isa, prefix + "_depthwise", symbols)
                   : codegen::emitFloatGemmKernel(problem, isa,
                                                  prefix + "_gemm", symbols);
      };
      func::FuncOp kernel;
      if (problem.floatWeights) {
        kernel = codegen::shareIdenticalFunction(emit(), identical, symbols);
      } else {
        // The clamp applied in the kernel is part of what it computes.
        std::string key = signature(root);
        if (problem.last != root)
          key += "+" + signature(problem.last);
        func::FuncOp &shared = sharedKernels[key];
        if (!shared)
          shared = emit();
        kernel = shared;
      }
      codegen::replaceChainWithCall(problem, kernel);
    }
  }
};

} // namespace
