//===- Int8Kernels.cpp - The --tqt-int8-kernels pass ----------------------===//

#include "tqt/Codegen/Passes.h"
#include "tqt/Dialect/TQT/IR/TQTDialect.h"

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
#define GEN_PASS_DEF_TQTINT8KERNELS
#include "tqt/Codegen/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;
using ::mlir::tqt::codegen::KernelIsa;

namespace {

struct TQTInt8KernelsPass
    : mlir::tqt::impl::TQTInt8KernelsBase<TQTInt8KernelsPass> {
  using TQTInt8KernelsBase::TQTInt8KernelsBase;

  void runOnOperation() override {
    if (isa == KernelIsa::None)
      return;
    SmallVector<
        std::pair<Operation *, std::optional<::mlir::tqt::numerics::Grid>>>
        roots;
    getOperation()->walk([&](Operation *op) {
      if (isa_and_present<tosa::Conv2DOp, tosa::DepthwiseConv2DOp,
                          tosa::MatMulOp>(op))
        roots.emplace_back(op, codegen::activationGrid(op));
    });
    SymbolTable symbols(getOperation());
    // Layers whose kernels are the same code share one (their constants are
    // arguments).
    codegen::FunctionCache kernels;
    StringRef isaName = ::mlir::tqt::codegen::getKernelIsaName(isa);
    std::string prefix = ("__tqt_" + isaName).str();
    std::replace(prefix.begin(), prefix.end(), '-', '_');
    for (auto [root, grid] : roots) {
      codegen::GemmProblem problem;
      std::string why;
      if (!codegen::matchGemmProblem(root, grid, problem, why)) {
        if (remarks)
          root->emitRemark("no ") << isaName << " kernel: " << why;
        continue;
      }
      if (problem.isDepthwise) {
        if (remarks) {
          InFlightDiagnostic remark =
              root->emitRemark()
              << isaName << " depthwise kernel: " << problem.n << " channels";
          if (problem.multiplier > 1)
            remark << " (" << problem.channels << " x multiplier "
                   << problem.multiplier << ")";
          remark << " x " << problem.k << " taps, " << problem.epilogue.size()
                 << " epilogue steps";
        }
        codegen::replaceChainWithCall(
            problem, codegen::shareIdenticalFunction(
                         codegen::emitDepthwiseKernel(
                             problem, isa, prefix + "_depthwise", symbols),
                         kernels, symbols));
        continue;
      }
      if (remarks)
        root->emitRemark() << isaName << " kernel: M x " << problem.n << " x "
                           << problem.k << ", "
                           << (problem.signedSource() ? "signed" : "unsigned")
                           << " activations, " << problem.epilogue.size()
                           << " epilogue steps";
      codegen::replaceChainWithCall(
          problem,
          codegen::shareIdenticalFunction(
              codegen::emitGemmKernel(problem, isa, prefix + "_gemm", symbols),
              kernels, symbols));
    }
  }
};

} // namespace
