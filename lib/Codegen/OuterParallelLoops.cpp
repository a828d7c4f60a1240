//===- OuterParallelLoops.cpp - One parallel dimension per loop -----------===//

#include "tqt/Codegen/Passes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/LoopLikeInterface.h"

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTOUTERPARALLELLOOPS
#include "tqt/Codegen/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;

namespace {

/// Whether dimension `d` of `loop` runs once, as far as constants tell.
bool runsOnce(scf::ParallelOp loop, unsigned d) {
  std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound()[d]);
  std::optional<int64_t> ub = getConstantIntValue(loop.getUpperBound()[d]);
  std::optional<int64_t> step = getConstantIntValue(loop.getStep()[d]);
  return lb && ub && step && *step > 0 && *ub - *lb <= *step;
}

/// Rewrites `loop` as an scf.parallel over the dimensions `keep` (in order;
/// none: no parallel loop) around sequential scf.for loops over the others,
/// in order.
void keepDimensions(scf::ParallelOp loop, ArrayRef<unsigned> keep) {
  OpBuilder b(loop);
  Location loc = loop.getLoc();
  IRMapping map;
  Block &body = *loop.getBody();
  if (!keep.empty()) {
    SmallVector<Value> lbs, ubs, steps;
    for (unsigned d : keep) {
      lbs.push_back(loop.getLowerBound()[d]);
      ubs.push_back(loop.getUpperBound()[d]);
      steps.push_back(loop.getStep()[d]);
    }
    auto outer = scf::ParallelOp::create(b, loc, lbs, ubs, steps);
    for (auto [i, d] : llvm::enumerate(keep))
      map.map(body.getArgument(d), outer.getInductionVars()[i]);
    b.setInsertionPointToStart(outer.getBody());
  }
  for (unsigned d = 0, e = loop.getNumLoops(); d < e; ++d) {
    if (llvm::is_contained(keep, d))
      continue;
    auto inner = scf::ForOp::create(b, loc, loop.getLowerBound()[d],
                                    loop.getUpperBound()[d], loop.getStep()[d]);
    map.map(body.getArgument(d), inner.getInductionVar());
    b.setInsertionPointToStart(inner.getBody());
  }
  for (Operation &op : body.without_terminator())
    b.clone(op, map);
  loop.erase();
}

/// Whether `op` runs inside a loop of its function: a parallel loop there
/// would fork threads once per iteration of the outer one.
bool isInsideLoop(Operation *op) {
  for (Operation *p = op->getParentOp(); p && !isa<FunctionOpInterface>(p);
       p = p->getParentOp())
    if (isa<LoopLikeOpInterface>(p))
      return true;
  return false;
}

struct TQTOuterParallelLoopsPass
    : mlir::tqt::impl::TQTOuterParallelLoopsBase<TQTOuterParallelLoopsPass> {
  void runOnOperation() override {
    // Innermost first: a loop is rewritten before the loop holding it is
    // cloned.
    SmallVector<scf::ParallelOp> loops;
    getOperation()->walk<WalkOrder::PostOrder>([&](scf::ParallelOp loop) {
      if (loop.getNumReductions() == 0)
        loops.push_back(loop);
    });
    for (scf::ParallelOp loop : loops) {
      // Inside another loop (linalg puts an op's reduction dimensions
      // outside its parallel ones when they come first): sequential.
      if (isInsideLoop(loop)) {
        keepDimensions(loop, {});
        continue;
      }
      if (loop.getNumLoops() == 1)
        continue;
      // Up to two outer dimensions that are not single iterations (a dynamic
      // batch may be 1: the next dimension still splits), never the
      // innermost, which stays a sequential loop LLVM can vectorize.
      SmallVector<unsigned, 2> keep;
      unsigned last = loop.getNumLoops() - 1;
      for (unsigned d = 0; d < last && keep.size() < 2; ++d)
        if (!runsOnce(loop, d))
          keep.push_back(d);
      if (keep.empty())
        keep.push_back(0);
      keepDimensions(loop, keep);
    }
  }
};

} // namespace
