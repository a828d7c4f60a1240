//===- TrainingParameters.cpp - Constant weights to globals and back ------===//

#include "tqt/Dialect/TQT/Transforms/Training.h"

#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace mlir::tqt;

/// The float constant behind `v` (through a tqt.fake_quant), if any.
static Operation *weightConstant(Value v) {
  if (auto fq = v.getDefiningOp<FakeQuantOp>())
    v = fq.getX();
  Operation *def = v.getDefiningOp();
  if (!isa_and_nonnull<tosa::ConstOp, arith::ConstantOp>(def))
    return nullptr;
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !isa<FloatType>(type.getElementType()))
    return nullptr;
  return def;
}

static ElementsAttr constantValue(Operation *c) {
  if (auto t = dyn_cast<tosa::ConstOp>(c))
    return t.getValues();
  return dyn_cast<ElementsAttr>(cast<arith::ConstantOp>(c).getValue());
}

/// The zero bias quantizer insertion leaves on a layer it split.
static bool isZero(Operation *c) {
  auto dense = dyn_cast_or_null<DenseFPElementsAttr>(constantValue(c));
  return dense && dense.isSplat() && dense.getSplatValue<APFloat>().isZero();
}

unsigned mlir::tqt::promoteTrainableConstants(func::FuncOp func) {
  auto module = func->getParentOfType<ModuleOp>();
  SymbolTable symbols(module);
  // (constant, name suffix) in program order, each constant once.
  SmallVector<std::pair<Operation *, std::string>> found;
  llvm::DenseSet<Operation *> seen;
  unsigned index = 0;
  func.walk([&](Operation *op) {
    auto add = [&](Operation *c, StringRef kind) {
      if (c && seen.insert(c).second)
        found.push_back(
            {c, (func.getSymName() + "." + op->getName().stripDialect() + "_" +
                 Twine(index) + "." + kind)
                    .str()});
    };
    if (isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp>(op)) {
      if (op->hasAttr(TQTDialect::AvgpoolAttrHelper::getNameStr()))
        return;
      add(weightConstant(op->getOperand(1)), "weight");
      Operation *bias = weightConstant(op->getOperand(2));
      if (bias && !isZero(bias))
        add(bias, "bias");
      ++index;
    } else if (isa<tosa::MatMulOp>(op)) {
      add(weightConstant(op->getOperand(1)), "weight");
      ++index;
    } else if (isa<tosa::AddOp>(op)) {
      Operation *lhs = weightConstant(op->getOperand(0));
      Operation *rhs = weightConstant(op->getOperand(1));
      if (bool(lhs) != bool(rhs)) {
        add(lhs ? lhs : rhs, "bias");
        ++index;
      }
    }
  });
  OpBuilder b(module.getBodyRegion());
  b.setInsertionPoint(func);
  for (auto &[c, name] : found) {
    Value v = c->getResult(0);
    auto global = ml_program::GlobalOp::create(
        b, c->getLoc(), name, v.getType(), /*is_mutable=*/false,
        constantValue(c), b.getStringAttr("private"));
    global->setAttr(kPromotedAttr, b.getUnitAttr());
    symbols.insert(global);
    OpBuilder lb(c);
    auto load = ml_program::GlobalLoadOp::create(
        lb, c->getLoc(), v.getType(), FlatSymbolRefAttr::get(global));
    v.replaceAllUsesWith(load.getResult());
    c->erase();
  }
  return found.size();
}

void mlir::tqt::demotePromotedGlobals(ModuleOp module) {
  SymbolTable symbols(module);
  module.walk([&](ml_program::GlobalLoadOp load) {
    auto global = symbols.lookup<ml_program::GlobalOp>(
        load.getGlobal().getLeafReference());
    if (!global || !global->hasAttr(kPromotedAttr) || !global.getValue())
      return;
    auto value = dyn_cast<ElementsAttr>(*global.getValue());
    if (!value)
      return;
    OpBuilder b(load);
    auto c = tosa::ConstOp::create(b, load.getLoc(), load.getType(), value);
    load.replaceAllUsesWith(c.getResult());
    load.erase();
  });
  for (auto global :
       llvm::make_early_inc_range(module.getOps<ml_program::GlobalOp>()))
    if (global->hasAttr(kPromotedAttr) &&
        SymbolTable::symbolKnownUseEmpty(global, module))
      global.erase();
}
