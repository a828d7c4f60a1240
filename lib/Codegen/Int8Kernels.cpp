//===- Int8Kernels.cpp - The --tqt-int8-kernels pass ----------------------===//

#include "tqt/Codegen/Passes.h"

#include "GemmProblem.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTINT8KERNELS
#include "tqt/Codegen/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;
using ::tqt::codegen::KernelIsa;

namespace {

struct TQTInt8KernelsPass
    : mlir::tqt::impl::TQTInt8KernelsBase<TQTInt8KernelsPass> {
  using TQTInt8KernelsBase::TQTInt8KernelsBase;

  void runOnOperation() override {
    if (isa == KernelIsa::None)
      return;
    SmallVector<std::pair<Operation *, std::optional<::tqt::numerics::Grid>>>
        roots;
    getOperation()->walk([&](Operation *op) {
      if (isa_and_present<tosa::Conv2DOp, tosa::MatMulOp>(op))
        roots.emplace_back(op, codegen::activationGrid(op));
    });
    std::string prefix =
        ("__tqt_" + ::tqt::codegen::getKernelIsaName(isa) + "_gemm").str();
    for (char &c : prefix)
      if (c == '-')
        c = '_';
    for (auto [root, grid] : roots) {
      codegen::GemmProblem problem;
      std::string why;
      if (!codegen::matchGemmProblem(root, grid, problem, why)) {
        if (remarks)
          root->emitRemark("no ")
              << ::tqt::codegen::getKernelIsaName(isa) << " kernel: " << why;
        continue;
      }
      if (remarks)
        root->emitRemark() << ::tqt::codegen::getKernelIsaName(isa)
                           << " kernel: M x " << problem.n << " x " << problem.k
                           << ", "
                           << (problem.signedSource() ? "signed" : "unsigned")
                           << " activations, " << problem.epilogue.size()
                           << " epilogue steps";
      codegen::emitGemmKernel(problem, isa, prefix);
    }
  }
};

} // namespace
