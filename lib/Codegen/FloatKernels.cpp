//===- FloatKernels.cpp - The --tqt-float-kernels pass --------------------===//

#include "tqt/Codegen/Passes.h"

#include "GemmProblem.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

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
      if (isa_and_present<tosa::Conv2DOp, tosa::MatMulOp>(op) &&
          getElementTypeOrSelf(op->getResult(0).getType()).isF32())
        roots.push_back(op);
    });
    SymbolTable symbols(getOperation());
    std::string prefix = isa == KernelIsa::Avx512Vnni ? "__tqt_f32_zmm_gemm"
                                                      : "__tqt_f32_ymm_gemm";
    // Layers of the same shapes and window share one kernel function (the
    // weights are arguments).
    llvm::StringMap<func::FuncOp> kernels;
    SmallVector<func::CallOp> calls;
    for (Operation *root : roots) {
      codegen::GemmProblem problem;
      std::string why;
      if (!codegen::matchFloatGemmProblem(root, problem, why)) {
        if (remarks)
          root->emitRemark("no f32 kernel: ") << why;
        continue;
      }
      if (remarks) {
        InFlightDiagnostic remark = root->emitRemark()
                                    << "f32 kernel: M x " << problem.n << " x ";
        if (ShapedType::isDynamic(problem.k))
          remark << "?";
        else
          remark << problem.k;
        remark << (isa == KernelIsa::Avx512Vnni ? ", zmm" : ", ymm");
      }
      // A kernel with constant (packed) weights belongs to its layer.
      std::string key = signature(root);
      if (problem.floatWeights)
        key += "@" + std::to_string(calls.size());
      func::FuncOp &kernel = kernels[key];
      if (!kernel)
        kernel = codegen::emitFloatGemmKernel(problem, isa, prefix, symbols);
      calls.push_back(codegen::replaceChainWithCall(problem, kernel));
    }
    if (!inlineKernels)
      return;
    for (func::CallOp call : calls)
      inlineKernel(call, symbols);
    for (auto &entry : kernels)
      symbols.erase(entry.second);
  }

  /// The kernel's body in place of the call: its arguments are the call's
  /// operands, its returned values the call's results (one block).
  static void inlineKernel(func::CallOp call, SymbolTable &symbols) {
    auto kernel = symbols.lookup<func::FuncOp>(call.getCallee());
    Block &body = kernel.getBody().front();
    IRMapping map;
    map.map(body.getArguments(), call.getOperands());
    OpBuilder b(call);
    for (Operation &op : body.without_terminator())
      b.clone(op, map);
    for (auto [result, returned] : llvm::zip_equal(
             call.getResults(), body.getTerminator()->getOperands()))
      result.replaceAllUsesWith(map.lookup(returned));
    call.erase();
  }
};

} // namespace
