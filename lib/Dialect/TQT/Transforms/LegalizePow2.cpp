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
#include "llvm/ADT/DenseSet.h"
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

/// The values of a constant threshold expression (one, or one per channel):
/// constants, loads of globals with initial values, and ceil / add / sub of
/// those. Collects the ops it reads so that they can be erased once unused.
FailureOr<SmallVector<float>>
evaluateThreshold(FakeQuantOp op, Value t, SymbolTable &symbols,
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
    if (auto v = getF32Values(cst.getValue()))
      return *v;
    return op.emitOpError("threshold value must be dense f32, got ")
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
    if (auto v = getF32Values(value))
      return *v;
    return op.emitOpError("threshold value must be dense f32, got ") << value;
  }
  if (isa<math::CeilOp, arith::AddFOp, arith::SubFOp>(def)) {
    SmallVector<SmallVector<float>> args;
    for (Value operand : def->getOperands()) {
      FailureOr<SmallVector<float>> v =
          evaluateThreshold(op, operand, symbols, reads);
      if (failed(v))
        return failure();
      args.push_back(std::move(*v));
    }
    // Elementwise on tensors of one type (as arith and math require).
    SmallVector<float> result(args[0].size());
    for (size_t i = 0; i < result.size(); ++i)
      result[i] = isa<math::CeilOp>(def)    ? std::ceil(args[0][i])
                  : isa<arith::AddFOp>(def) ? args[0][i] + args[1][i]
                                            : args[0][i] - args[1][i];
    return result;
  }
  return op.emitOpError(
             "threshold must be a constant (arith.constant or a load of an "
             "ml_program.global with an initial value) to be legalized to a "
             "power of 2, but it is computed by '")
         << def->getName() << "'";
}

/// The values of a constant log2 threshold (one per channel with `axis`),
/// or a diagnostic.
FailureOr<SmallVector<float>>
constantThreshold(FakeQuantOp op, SymbolTable &symbols,
                  SmallVectorImpl<Operation *> &reads) {
  FailureOr<SmallVector<float>> thetas =
      evaluateThreshold(op, op.getLog2T(), symbols, reads);
  if (failed(thetas))
    return failure();
  auto type = cast<RankedTensorType>(op.getLog2T().getType());
  if (type.hasStaticShape() && int64_t(thetas->size()) != type.getNumElements())
    return op.emitOpError("threshold has ")
           << thetas->size() << " values for its type " << type;
  for (auto [c, theta] : llvm::enumerate(*thetas)) {
    std::string channel =
        op.getAxis() ? " of channel " + std::to_string(c) : "";
    if (std::isnan(theta))
      return op.emitOpError("threshold") << channel << " is NaN";
    // +-inf would clamp to the largest or smallest exponent: a model whose
    // outputs are all zero (or all saturated) rather than an error.
    if (std::isinf(theta))
      return op.emitOpError("threshold")
             << channel << " is " << (theta > 0 ? "+inf" : "-inf")
             << "; calibrate on finite data (tqt-calibrate reports "
                "non-finite values) or set the threshold";
  }
  return thetas;
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
      FailureOr<SmallVector<float>> thetas =
          constantThreshold(op, symbols, maybeDead);
      if (failed(thetas)) {
        failedAny = true;
        continue;
      }
      num::QuantizerSpec spec = op.getSpec();
      SmallVector<int64_t> exps;
      for (float theta : *thetas)
        exps.push_back(num::scaleExponent(theta, spec.bits, spec.isSigned));
      auto xType = cast<TensorType>(op.getX().getType());
      auto qType = xType.clone(storageFor(op.getContext(), spec.bits));
      ImplicitLocOpBuilder b(op.getLoc(), op);
      // One exponent per channel, or one for the tensor.
      IntegerAttr expAttr =
          op.getAxis() ? IntegerAttr() : b.getI64IntegerAttr(exps.front());
      DenseI64ArrayAttr channelExps =
          op.getAxis() ? b.getDenseI64ArrayAttr(exps) : DenseI64ArrayAttr();
      auto q = QuantizeOp::create(b, qType, op.getX(), expAttr,
                                  op.getBitsAttr(), op.getIsSignedAttr(),
                                  op.getNarrowAttr(), op.getRoundingAttr(),
                                  channelExps, op.getAxisAttr());
      auto d = DequantizeOp::create(b, xType, q.getResult(), expAttr,
                                    op.getBitsAttr(), op.getIsSignedAttr(),
                                    channelExps, op.getAxisAttr());
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
    // The module's symbol uses, collected once (a walk per global would be
    // quadratic in the layers).
    llvm::DenseSet<StringAttr> used;
    if (std::optional<SymbolTable::UseRange> uses =
            SymbolTable::getSymbolUses(module))
      for (const SymbolTable::SymbolUse &use : *uses)
        used.insert(use.getSymbolRef().getRootReference());
    for (auto global :
         llvm::make_early_inc_range(module.getOps<ml_program::GlobalOp>()))
      if (global.isPrivate() &&
          global->hasAttr(TQTDialect::Log2ThresholdAttrHelper::getNameStr()) &&
          !used.contains(global.getSymNameAttr()))
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
