//===- OutlineLoopNests.cpp - Each top-level loop nest its own function ---===//
//
// A model's function holds one loop nest per op (hundreds to thousands in a
// real network or a training step). LLVM's function passes (loop rotation,
// vectorization, scheduling) cost more than linearly in the size of the
// function they run on, so compile time grew with the square of the depth;
// one small function per loop nest keeps it linear. Nests whose code is the
// same (equal layers) share one function.
//
//===----------------------------------------------------------------------===//

#include "tqt/Codegen/Passes.h"

#include "InternalFunction.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTOUTLINELOOPNESTS
#include "tqt/Codegen/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;

namespace {

/// Moves `loop` into a new private function of the values it uses from
/// outside (constants are cloned in instead) and calls it in its place.
void outline(Operation *loop, func::FuncOp parent, unsigned index,
             SymbolTable &symbols, mlir::tqt::codegen::FunctionCache &nests) {
  llvm::SetVector<Value> used(loop->getOperands().begin(),
                              loop->getOperands().end());
  getUsedValuesDefinedAbove(loop->getRegions(), used);
  SmallVector<Value> arguments;
  SmallVector<Operation *> constants;
  for (Value v : used) {
    Operation *def = v.getDefiningOp();
    if (def && matchPattern(def, m_Constant()))
      constants.push_back(def);
    else
      arguments.push_back(v);
  }

  Location loc = loop->getLoc();
  OpBuilder b(parent);
  auto callee = func::FuncOp::create(
      b, loc, (parent.getSymName() + "__loop" + Twine(index)).str(),
      b.getFunctionType(ValueRange(arguments).getTypes(), {}));
  mlir::tqt::codegen::makeInternalFunction(callee);
  symbols.insert(callee);
  Block *body = callee.addEntryBlock();
  IRMapping map;
  map.map(arguments, body->getArguments());
  b.setInsertionPointToStart(body);
  for (Operation *c : constants)
    b.clone(*c, map);
  b.clone(*loop, map);
  func::ReturnOp::create(b, loc);
  mlir::tqt::codegen::markNoAliasArguments(callee, arguments);
  callee = mlir::tqt::codegen::shareIdenticalFunction(callee, nests, symbols);

  b.setInsertionPoint(loop);
  func::CallOp::create(b, loc, callee, arguments);
  loop->erase();
}

struct TQTOutlineLoopNestsPass
    : mlir::tqt::impl::TQTOutlineLoopNestsBase<TQTOutlineLoopNestsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    mlir::tqt::codegen::FunctionCache nests;
    SmallVector<func::FuncOp> models;
    for (auto f : module.getOps<func::FuncOp>())
      if (f.isPublic() && !f.isExternal())
        models.push_back(f);
    for (func::FuncOp f : models) {
      SmallVector<Operation *> loops;
      for (Block &block : f.getBody())
        for (Operation &op : block)
          if (isa<scf::ForOp, scf::ParallelOp>(op) && op.getNumResults() == 0)
            loops.push_back(&op);
      for (auto [i, loop] : llvm::enumerate(loops))
        outline(loop, f, i, symbols, nests);
    }
  }
};

} // namespace
