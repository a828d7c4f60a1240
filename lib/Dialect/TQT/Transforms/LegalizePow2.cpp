//===- LegalizePow2.cpp - Freeze thresholds into quantize/dequantize ------===//

#include "tqt/Dialect/TQT/Transforms/Passes.h"
#include "tqt/Dialect/TQT/Transforms/Trace.h"

#include "tqt/Dialect/TQT/IR/TQTOps.h"
#include "tqt/Support/FixedPoint.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/SetVector.h"

#include <cmath>

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTLEGALIZEPOW2
#include "tqt/Dialect/TQT/Transforms/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;
namespace num = ::mlir::tqt::numerics;

namespace {

/// The value of a constant threshold expression: constants, loads of
/// globals with initial values, and ceil / add / sub of those. Collects the
/// ops it reads so that they can be erased once unused.
FailureOr<float> evaluateThreshold(FakeQuantOp op, Value t,
                                   SymbolTable &symbols,
                                   SmallVectorImpl<Operation *> &reads) {
  Operation *def = t.getDefiningOp();
  if (!def) {
    return op.emitOpError(
        "threshold must be a constant (arith.constant or a load of an "
        "ml_program.global with an initial value) to be legalized to a "
        "power of 2, but it is a block argument");
  }
  reads.push_back(def);
  if (auto cst = dyn_cast<arith::ConstantOp>(def)) {
    if (auto v = getScalarF32(cst.getValue()))
      return *v;
    return op.emitOpError("threshold value must be a dense f32 scalar, got ")
           << cst.getValue();
  }
  if (auto load = dyn_cast<ml_program::GlobalLoadOp>(def)) {
    auto global = symbols.lookup<ml_program::GlobalOp>(
        load.getGlobal().getLeafReference());
    if (!global)
      return op.emitOpError("threshold global ")
             << load.getGlobal() << " does not exist";
    Attribute value = global.getValue().value_or(Attribute());
    if (!value)
      return op.emitOpError("threshold global ")
             << load.getGlobal()
             << " has no initial value; a threshold must be known to be "
                "legalized";
    if (auto v = getScalarF32(value))
      return *v;
    return op.emitOpError("threshold value must be a dense f32 scalar, got ")
           << value;
  }
  if (isa<math::CeilOp, arith::AddFOp, arith::SubFOp>(def)) {
    SmallVector<float> args;
    for (Value operand : def->getOperands()) {
      FailureOr<float> v = evaluateThreshold(op, operand, symbols, reads);
      if (failed(v))
        return failure();
      args.push_back(*v);
    }
    if (isa<math::CeilOp>(def))
      return std::ceil(args[0]);
    return isa<arith::AddFOp>(def) ? args[0] + args[1] : args[0] - args[1];
  }
  return op.emitOpError(
             "threshold must be a constant (arith.constant or a load of an "
             "ml_program.global with an initial value) to be legalized to a "
             "power of 2, but it is computed by '")
         << def->getName() << "'";
}

/// The scalar value of a constant log2 threshold, or a diagnostic.
FailureOr<float> constantThreshold(FakeQuantOp op, SymbolTable &symbols,
                                   SmallVectorImpl<Operation *> &reads) {
  FailureOr<float> theta = evaluateThreshold(op, op.getLog2T(), symbols, reads);
  if (failed(theta))
    return failure();
  if (std::isnan(*theta))
    return op.emitOpError("threshold is NaN");
  // +-inf would clamp to the largest or smallest exponent: a model whose
  // outputs are all zero (or all saturated) rather than an error.
  if (std::isinf(*theta))
    return op.emitOpError("threshold is ")
           << (*theta > 0 ? "+inf" : "-inf")
           << "; calibrate on finite data (tqt-calibrate reports "
              "non-finite values) or set the threshold";
  return theta;
}

IntegerType storageFor(MLIRContext *ctx, unsigned bits) {
  return IntegerType::get(ctx, bits <= 8 ? 8 : bits <= 16 ? 16 : 32);
}

struct LegalizePow2Pass
    : mlir::tqt::impl::TQTLegalizePow2Base<LegalizePow2Pass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    bool failedAny = false;
    module.walk([&](FakeQuantGradOp op) {
      op.emitOpError("is part of a training graph; only inference graphs "
                     "(tqt.fake_quant with constant thresholds) can be "
                     "legalized");
      failedAny = true;
    });

    SmallVector<FakeQuantOp> quantizers;
    module.walk([&](FakeQuantOp op) { quantizers.push_back(op); });
    SmallVector<Operation *> maybeDead;
    for (FakeQuantOp op : quantizers) {
      FailureOr<float> theta = constantThreshold(op, symbols, maybeDead);
      if (failed(theta)) {
        failedAny = true;
        continue;
      }
      num::QuantizerSpec spec = op.getSpec();
      int exp = num::scaleExponent(*theta, spec.bits, spec.isSigned);
      auto xType = cast<TensorType>(op.getX().getType());
      auto qType = xType.clone(storageFor(op.getContext(), spec.bits));
      ImplicitLocOpBuilder b(op.getLoc(), op);
      auto expAttr = b.getI64IntegerAttr(exp);
      auto q = QuantizeOp::create(b, qType, op.getX(), expAttr,
                                  op.getBitsAttr(), op.getIsSignedAttr(),
                                  op.getNarrowAttr(), op.getRoundingAttr());
      auto d = DequantizeOp::create(b, xType, q.getResult(), expAttr,
                                    op.getBitsAttr(), op.getIsSignedAttr());
      op.replaceAllUsesWith(d.getResult());
      op.erase();
    }
    if (failedAny)
      return signalPassFailure();

    // Drop loads and constants that fed only thresholds, then threshold
    // globals that nothing loads any more.
    for (Operation *def :
         llvm::SetVector<Operation *>(maybeDead.begin(), maybeDead.end()))
      if (def->use_empty())
        def->erase();
    for (auto global :
         llvm::make_early_inc_range(module.getOps<ml_program::GlobalOp>()))
      if (global.isPrivate() &&
          global->hasAttr(TQTDialect::Log2ThresholdAttrHelper::getNameStr()) &&
          SymbolTable::symbolKnownUseEmpty(global, module))
        global.erase();

    if (trace) {
      Type i64 = IntegerType::get(module.getContext(), 64);
      int64_t next = 0;
      module.walk([&](QuantizeOp q) {
        q->setAttr(kTraceAttr, IntegerAttr::get(i64, next++));
      });
    }
  }
};

} // namespace
