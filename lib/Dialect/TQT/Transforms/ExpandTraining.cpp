//===- ExpandTraining.cpp - Forward, loss, backward and Adam --------------===//
//
// The parameters of the model become arguments of the generated functions
// (and the updated ones results), so a driver holds the training state on
// the host: it can snapshot the best checkpoint, evaluate with the current
// values through <entry>_eval, and write the values back into the model's
// globals at the end (docs/Training.md).
//
//===----------------------------------------------------------------------===//

#include "tqt/Dialect/TQT/Transforms/Passes.h"
#include "tqt/Dialect/TQT/Transforms/Training.h"

#include "GradientRules.h"
#include "TensorBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"

#include <cmath>
#include <limits>

namespace mlir::tqt {
#define GEN_PASS_DEF_TQTEXPANDTRAINING
#include "tqt/Dialect/TQT/Transforms/Passes.h.inc"
} // namespace mlir::tqt

using namespace mlir;
using namespace mlir::tqt;

using IT = utils::IteratorType;

namespace {

struct Param {
  /// Mutable: op accessors are not const.
  mutable ml_program::GlobalOp global;
  bool isThreshold;
};

/// Builds one generated function: signature bookkeeping plus the forward
/// clone, loss and backward shared by all three.
class FunctionBuilder {
public:
  FunctionBuilder(func::FuncOp entry, ArrayRef<Param> params)
      : entry(entry), params(params) {}

  void addArg(Type t, StringRef role, Attribute global = {},
              StringRef group = {}) {
    argTypes.push_back(t);
    argRoles.push_back({role.str(), global, group.str()});
  }
  void addResult(Value v, StringRef role, Attribute global = {}) {
    results.push_back(v);
    resultRoles.push_back({role.str(), global, ""});
  }

  /// Creates the function with the arguments declared so far; the body is
  /// built into its entry block.
  func::FuncOp create(OpBuilder &mb, StringRef name) {
    auto type = FunctionType::get(mb.getContext(), argTypes, {});
    fn = func::FuncOp::create(mb, entry.getLoc(), name, type);
    fn.addEntryBlock();
    return fn;
  }

  /// Finishes the function: return op, result types and role attributes.
  void finish(OpBuilder &b) {
    func::ReturnOp::create(b, entry.getLoc(), results);
    SmallVector<Type> types;
    for (Value v : results)
      types.push_back(v.getType());
    fn.setFunctionType(
        FunctionType::get(fn.getContext(), fn.getArgumentTypes(), types));
    MLIRContext *ctx = fn.getContext();
    auto setRoles = [&](auto setAttr, ArrayRef<Role> roles) {
      for (auto [i, r] : llvm::enumerate(roles)) {
        setAttr(i, kTrainRoleAttr, StringAttr::get(ctx, r.role));
        if (r.global)
          setAttr(i, kTrainGlobalAttr, r.global);
        if (!r.group.empty())
          setAttr(i, kTrainGroupAttr, StringAttr::get(ctx, r.group));
      }
    };
    setRoles(
        [&](unsigned i, StringRef n, Attribute a) { fn.setArgAttr(i, n, a); },
        argRoles);
    setRoles([&](unsigned i, StringRef n,
                 Attribute a) { fn.setResultAttr(i, n, a); },
             resultRoles);
  }

  /// Clones the model body with `paramValues[i]` for loads of params[i] and
  /// `inputs` for its arguments; returns the model's results and records
  /// the cloned ops in program order.
  SmallVector<Value> cloneForward(OpBuilder &b, ArrayRef<Value> paramValues,
                                  ValueRange inputs) {
    IRMapping mapping;
    mapping.map(entry.getArguments(), inputs);
    llvm::StringMap<Value> bySymbol;
    for (auto [p, v] : llvm::zip(params, paramValues))
      bySymbol[p.global.getSymName()] = v;
    SmallVector<Value> outs;
    for (Operation &op : entry.front()) {
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        for (Value v : ret.getOperands())
          outs.push_back(mapping.lookup(v));
        break;
      }
      if (auto load = dyn_cast<ml_program::GlobalLoadOp>(op)) {
        auto it = bySymbol.find(load.getGlobal().getLeafReference());
        if (it != bySymbol.end()) {
          mapping.map(load.getResult(), it->second);
          continue;
        }
      }
      forwardOps.push_back(b.clone(op, mapping));
    }
    return outs;
  }

  /// Reverse-mode gradients of `seed` (the gradient of `output`) with
  /// respect to `wrt`; a null entry where no gradient reaches.
  FailureOr<SmallVector<Value>> backward(TensorBuilder &tb, Value output,
                                         Value seed, ArrayRef<Value> wrt) {
    llvm::DenseSet<Value> active(wrt.begin(), wrt.end());
    llvm::DenseSet<Operation *> activeOps;
    for (Operation *op : forwardOps)
      if (llvm::any_of(op->getOperands(),
                       [&](Value v) { return active.contains(v); })) {
        activeOps.insert(op);
        active.insert(op->result_begin(), op->result_end());
      }
    llvm::DenseMap<Value, Value> grads;
    grads[output] = seed;
    auto accumulate = [&](Value v, Value g) {
      Value &slot = grads[v];
      if (!slot) {
        slot = g;
        return;
      }
      slot = tb.map(v, {slot, g},
                    [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                      return arith::AddFOp::create(nb, loc, a[0], a[1]);
                    });
    };
    for (Operation *op : llvm::reverse(forwardOps)) {
      if (!activeOps.contains(op) || isGradientLeaf(op))
        continue;
      SmallVector<Value> resultGrads;
      bool any = false;
      for (Value r : op->getResults()) {
        resultGrads.push_back(grads.lookup(r));
        any |= bool(resultGrads.back());
      }
      if (!any)
        continue;
      SmallVector<bool> needed;
      for (Value v : op->getOperands())
        needed.push_back(active.contains(v));
      SmallVector<Value> operandGrads;
      tb.builder().setLoc(op->getLoc());
      if (failed(computeOperandGradients(tb, op, resultGrads, needed,
                                         operandGrads)))
        return failure();
      for (auto [v, g] : llvm::zip(op->getOperands(), operandGrads))
        if (g)
          accumulate(v, g);
    }
    SmallVector<Value> out;
    for (Value v : wrt)
      out.push_back(grads.lookup(v));
    return out;
  }

  func::FuncOp fn;

private:
  struct Role {
    std::string role;
    Attribute global;
    std::string group;
  };
  func::FuncOp entry;
  ArrayRef<Param> params;
  SmallVector<Type> argTypes;
  SmallVector<Role> argRoles, resultRoles;
  SmallVector<Value> results;
  SmallVector<Operation *> forwardOps;
};

/// `x` as a scalar of type `t` (index → integer → float).
Value indexToFloat(ImplicitLocOpBuilder &b, Value index, FloatType t) {
  Value i = arith::IndexCastOp::create(b, b.getI64Type(), index);
  return arith::SIToFPOp::create(b, t, i);
}

Value zeroD(TensorBuilder &tb, Type et) { return tb.filled({}, et, 0.0); }

/// Scalar value of a 0-d tensor result of `body` applied to one element.
Value scaleScalar(TensorBuilder &tb, Value t, Value factor) {
  return tb.map(t, t, [factor](OpBuilder &nb, Location loc, ValueRange a) {
    return arith::MulFOp::create(nb, loc, a[0], factor).getResult();
  });
}

/// Mean softmax cross-entropy of logits [B, C] against int32 labels [B];
/// returns the loss (0-d) and its gradient with respect to the logits.
std::pair<Value, Value> crossEntropy(TensorBuilder &tb, Value z, Value labels) {
  ImplicitLocOpBuilder &b = tb.builder();
  MLIRContext *ctx = b.getContext();
  auto et = cast<FloatType>(TensorBuilder::elementType(z));
  AffineExpr bd = getAffineDimExpr(0, ctx), cd = getAffineDimExpr(1, ctx);
  AffineMap bc = AffineMap::get(2, 0, {bd, cd}, ctx);
  AffineMap bOnly = AffineMap::get(2, 0, {bd}, ctx);
  SmallVector<OpFoldResult> zs = tb.sizes(z);
  SmallVector<OpFoldResult> rows = {zs[0]};
  // Row maxima, then exp(z - max) and its row sums.
  Value mx = tb.contract(
      z, tb.filled(rows, et, -std::numeric_limits<double>::infinity()),
      {bc, bOnly}, {IT::parallel, IT::reduction},
      [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
        return arith::MaximumFOp::create(nb, loc, a[0], a[1]);
      });
  Value e = tb.contract({z, mx}, tensor::EmptyOp::create(b, zs, et),
                        {bc, bOnly, bc}, {IT::parallel, IT::parallel},
                        [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                          Value d = arith::SubFOp::create(nb, loc, a[0], a[1]);
                          return math::ExpOp::create(nb, loc, d);
                        });
  Value sums = tb.contract(
      e, tb.filled(rows, et, 0.0), {bc, bOnly}, {IT::parallel, IT::reduction},
      [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
        return arith::AddFOp::create(nb, loc, a[0], a[1]);
      });
  auto isLabel = [](OpBuilder &nb, Location loc, Value label) -> Value {
    Value c = linalg::IndexOp::create(nb, loc, 1);
    Value l = arith::IndexCastOp::create(nb, loc, nb.getIndexType(), label);
    return arith::CmpIOp::create(nb, loc, arith::CmpIPredicate::eq, c, l);
  };
  // loss_b = max_b + log(sum_b) - z[b, label_b].
  Value picked =
      tb.contract({z, labels}, tb.filled(rows, et, 0.0), {bc, bOnly, bOnly},
                  {IT::parallel, IT::reduction},
                  [&](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                    Value sum = arith::AddFOp::create(nb, loc, a[2], a[0]);
                    return arith::SelectOp::create(
                        nb, loc, isLabel(nb, loc, a[1]), sum, a[2]);
                  });
  AffineMap b1 = AffineMap::get(1, 0, {getAffineDimExpr(0, ctx)}, ctx);
  AffineMap scalar = AffineMap::get(1, 0, {}, ctx);
  Value total = tb.contract(
      {mx, sums, picked}, zeroD(tb, et), {b1, b1, b1, scalar}, {IT::reduction},
      [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
        Value lse = arith::AddFOp::create(nb, loc, a[0],
                                          math::LogOp::create(nb, loc, a[1]));
        Value l = arith::SubFOp::create(nb, loc, lse, a[2]);
        return arith::AddFOp::create(nb, loc, a[3], l);
      });
  Value batch = tensor::DimOp::create(b, z, 0);
  Value inv = arith::DivFOp::create(
      b, TensorBuilder::constantLike(b, b.getLoc(), et, 1.0),
      indexToFloat(b, batch, et));
  Value loss = scaleScalar(tb, total, inv);
  // dL/dz = (softmax(z) - onehot(label)) / B.
  Value dz =
      tb.contract({e, sums, labels}, tensor::EmptyOp::create(b, zs, et),
                  {bc, bOnly, bOnly, bc}, {IT::parallel, IT::parallel},
                  [&](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                    Value p = arith::DivFOp::create(nb, loc, a[0], a[1]);
                    Value one = TensorBuilder::constantLike(nb, loc, et, 1.0);
                    Value q = arith::SubFOp::create(nb, loc, p, one);
                    Value d = arith::SelectOp::create(
                        nb, loc, isLabel(nb, loc, a[2]), q, p);
                    return arith::MulFOp::create(nb, loc, d, inv);
                  });
  return {loss, dz};
}

/// Mean over all elements of (y - t)^2 and its gradient 2 (y - t) / n.
std::pair<Value, Value> meanSquaredError(TensorBuilder &tb, Value y,
                                         Value target) {
  ImplicitLocOpBuilder &b = tb.builder();
  MLIRContext *ctx = b.getContext();
  auto type = cast<RankedTensorType>(y.getType());
  auto et = cast<FloatType>(type.getElementType());
  int64_t rank = type.getRank();
  Value n = arith::ConstantIndexOp::create(b, 1);
  for (OpFoldResult s : tb.sizes(y))
    n = arith::MulIOp::create(
        b, n, getValueOrCreateConstantIndexOp(b, b.getLoc(), s));
  Value inv = arith::DivFOp::create(
      b, TensorBuilder::constantLike(b, b.getLoc(), et, 1.0),
      indexToFloat(b, n, et));
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, ctx);
  AffineMap scalar = AffineMap::get(rank, 0, {}, ctx);
  Value total =
      tb.contract({y, target}, zeroD(tb, et), {id, id, scalar},
                  SmallVector<IT>(rank, IT::reduction),
                  [](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                    Value d = arith::SubFOp::create(nb, loc, a[0], a[1]);
                    return arith::AddFOp::create(
                        nb, loc, a[2], arith::MulFOp::create(nb, loc, d, d));
                  });
  Value loss = scaleScalar(tb, total, inv);
  Value dy = tb.map(y, {y, target},
                    [inv](OpBuilder &nb, Location loc, ValueRange a) -> Value {
                      Value d = arith::SubFOp::create(nb, loc, a[0], a[1]);
                      Value two = TensorBuilder::constantLike(nb, loc,
                                                              d.getType(), 2.0);
                      Value s = arith::MulFOp::create(nb, loc, two, inv);
                      return arith::MulFOp::create(nb, loc, d, s);
                    });
  return {loss, dy};
}

struct ExpandTraining
    : public mlir::tqt::impl::TQTExpandTrainingBase<ExpandTraining> {
  using TQTExpandTrainingBase::TQTExpandTrainingBase;

  void runOnOperation() override;

private:
  LogicalResult checkOptions(Operation *anchor);
  FailureOr<func::FuncOp> resolveEntry(ModuleOp module);
  FailureOr<SmallVector<Param>> collectParams(func::FuncOp func,
                                              SymbolTable &symbols);
  /// Forward + loss + backward into `fb`'s function; returns the loss,
  /// the model output and the parameter gradients (zeros where none).
  LogicalResult buildLossAndGradients(FunctionBuilder &fb, OpBuilder &b,
                                      ArrayRef<Value> paramValues,
                                      ValueRange inputs, Value labels,
                                      Value &lossValue, Value &output,
                                      SmallVectorImpl<Value> &grads);
  void buildEval(OpBuilder &mb, func::FuncOp func, ArrayRef<Param> params);
  LogicalResult buildGrad(OpBuilder &mb, func::FuncOp func,
                          ArrayRef<Param> params);
  LogicalResult buildTrainStep(OpBuilder &mb, func::FuncOp func,
                               ArrayRef<Param> params);

  /// Adam's per-step scalars (f32): the two groups' learning rates after
  /// their staircase decay, their step sizes lr / (1 - beta1^t) and
  /// 1 / (1 - beta2^t).
  struct AdamSchedule {
    Value lrWeights, lrThresholds, stepWeights, stepThresholds, invBc2;
  };
  AdamSchedule buildAdamSchedule(ImplicitLocOpBuilder &b, Value step);
  /// One parameter's Adam update (PyTorch's form) as one linalg.generic
  /// producing the new parameter, m and v; a nonzero `isFrozen` (i1, or
  /// null) keeps all three.
  linalg::GenericOp buildAdamUpdate(ImplicitLocOpBuilder &b, Value p, Value m,
                                    Value v, Value g, Value stepSize,
                                    Value invBc2, Value isFrozen);

  Type labelType(func::FuncOp func) {
    auto out = cast<RankedTensorType>(func.getResultTypes()[0]);
    if (loss == TrainingLoss::MeanSquaredError)
      return out;
    return RankedTensorType::get({out.getDimSize(0)},
                                 IntegerType::get(&getContext(), 32));
  }
  StringRef labelsRole() const {
    return loss == TrainingLoss::CrossEntropy ? train_role::kLabels
                                              : train_role::kTarget;
  }
};

LogicalResult ExpandTraining::checkOptions(Operation *anchor) {
  auto positive = [&](double v, StringRef name) -> LogicalResult {
    if (!(v > 0) || !std::isfinite(v))
      return anchor->emitError(name) << " must be a positive number, got " << v;
    return success();
  };
  auto unit = [&](double v, StringRef name) -> LogicalResult {
    if (!(v >= 0 && v < 1))
      return anchor->emitError(name) << " must be in [0, 1), got " << v;
    return success();
  };
  if (failed(positive(lrWeights, "lr-weights")) ||
      failed(positive(lrThresholds, "lr-thresholds")) ||
      failed(positive(weightsDecay, "weights-decay")) ||
      failed(positive(thresholdsDecay, "thresholds-decay")) ||
      failed(positive(epsilon, "epsilon")) || failed(unit(beta1, "beta1")) ||
      failed(unit(beta2, "beta2")))
    return failure();
  if (weightsDecaySteps < 1 || thresholdsDecaySteps < 1)
    return anchor->emitError("decay steps must be at least 1");
  return success();
}

FailureOr<func::FuncOp> ExpandTraining::resolveEntry(ModuleOp module) {
  func::FuncOp found;
  if (!entry.empty()) {
    found = module.lookupSymbol<func::FuncOp>(entry);
    if (!found || found.isExternal())
      return module.emitError("no function @") << entry << " with a body";
  } else {
    for (auto f : module.getOps<func::FuncOp>()) {
      if (!f.isPublic() || f.isExternal())
        continue;
      if (found)
        return module.emitError("several public functions; choose one with "
                                "entry=NAME");
      found = f;
    }
    if (!found)
      return module.emitError("no public function to train");
  }
  if (!found.getBody().hasOneBlock())
    return found.emitOpError("must have a single block to be differentiated");
  if (found.getNumResults() != 1)
    return found.emitOpError("must have exactly one result (the loss is "
                             "computed on it), got ")
           << found.getNumResults();
  auto out = dyn_cast<RankedTensorType>(found.getResultTypes()[0]);
  if (!out || !out.getElementType().isF32())
    return found.emitOpError("result must be a ranked f32 tensor");
  if (loss == TrainingLoss::CrossEntropy && out.getRank() != 2)
    return found.emitOpError("cross-entropy needs logits of rank 2 [batch, "
                             "classes], got ")
           << out;
  for (Type t : found.getArgumentTypes())
    if (!isa<RankedTensorType>(t))
      return found.emitOpError("arguments must be ranked tensors");
  for (StringRef name :
       {trainStepName(found.getSymName()), gradName(found.getSymName()),
        evalName(found.getSymName())})
    if (module.lookupSymbol(name))
      return module.emitError("symbol @")
             << name << " already exists; was the model expanded already?";
  return found;
}

FailureOr<SmallVector<Param>>
ExpandTraining::collectParams(func::FuncOp func, SymbolTable &symbols) {
  SmallVector<Param> weights, thresholds;
  llvm::DenseSet<Operation *> seen;
  WalkResult r = func.walk([&](ml_program::GlobalLoadOp load) {
    auto global = symbols.lookup<ml_program::GlobalOp>(
        load.getGlobal().getLeafReference());
    if (!global) {
      load.emitOpError("loads an unknown global");
      return WalkResult::interrupt();
    }
    auto type = dyn_cast<RankedTensorType>(global.getType());
    if (!type || !isa<FloatType>(type.getElementType()) ||
        !seen.insert(global).second)
      return WalkResult::advance();
    if (!type.hasStaticShape()) {
      global.emitOpError("parameter globals need a static shape");
      return WalkResult::interrupt();
    }
    bool isThreshold =
        global->hasAttr(TQTDialect::Log2ThresholdAttrHelper::getNameStr());
    if (isThreshold && trainThresholds)
      thresholds.push_back({global, true});
    else if (!isThreshold && trainWeights)
      weights.push_back({global, false});
    return WalkResult::advance();
  });
  if (r.wasInterrupted())
    return failure();
  SmallVector<Param> params = std::move(weights);
  params.append(thresholds.begin(), thresholds.end());
  if (params.empty())
    return func.emitOpError("has no trainable parameters: it loads no float "
                            "ml_program.global")
           << (trainWeights ? "" : " (weights are not trained)")
           << (trainThresholds ? "" : " (thresholds are not trained)");
  return params;
}

LogicalResult ExpandTraining::buildLossAndGradients(
    FunctionBuilder &fb, OpBuilder &ob, ArrayRef<Value> paramValues,
    ValueRange inputs, Value labels, Value &lossValue, Value &output,
    SmallVectorImpl<Value> &grads) {
  output = fb.cloneForward(ob, paramValues, inputs)[0];
  ImplicitLocOpBuilder b(output.getLoc(), ob);
  TensorBuilder tb(b);
  auto [l, seed] = loss == TrainingLoss::CrossEntropy
                       ? crossEntropy(tb, output, labels)
                       : meanSquaredError(tb, output, labels);
  lossValue = l;
  FailureOr<SmallVector<Value>> g = fb.backward(tb, output, seed, paramValues);
  if (failed(g))
    return failure();
  b.setLoc(output.getLoc());
  for (auto [p, gv] : llvm::zip(paramValues, *g))
    grads.push_back(gv ? gv : tb.zerosLike(p));
  return success();
}

StringRef groupOf(const Param &p) {
  return p.isThreshold ? train_role::kThresholdsGroup
                       : train_role::kWeightsGroup;
}

/// The leading arguments of @F_eval and @F_grad: parameters, then the
/// model's inputs.
void addParamAndInputArgs(FunctionBuilder &fb, func::FuncOp func,
                          ArrayRef<Param> params) {
  for (const Param &p : params)
    fb.addArg(p.global.getType(), train_role::kParam,
              FlatSymbolRefAttr::get(p.global), groupOf(p));
  for (Type t : func.getArgumentTypes())
    fb.addArg(t, train_role::kInput);
}

void ExpandTraining::buildEval(OpBuilder &mb, func::FuncOp func,
                               ArrayRef<Param> params) {
  FunctionBuilder fb(func, params);
  addParamAndInputArgs(fb, func, params);
  func::FuncOp fn = fb.create(mb, evalName(func.getSymName()));
  OpBuilder b = OpBuilder::atBlockEnd(&fn.front());
  SmallVector<Value> pv(fn.getArguments().take_front(params.size()));
  for (Value out :
       fb.cloneForward(b, pv, fn.getArguments().drop_front(params.size())))
    fb.addResult(out, train_role::kOutput);
  fb.finish(b);
}

LogicalResult ExpandTraining::buildGrad(OpBuilder &mb, func::FuncOp func,
                                        ArrayRef<Param> params) {
  FunctionBuilder fb(func, params);
  addParamAndInputArgs(fb, func, params);
  fb.addArg(labelType(func), labelsRole());
  func::FuncOp fn = fb.create(mb, gradName(func.getSymName()));
  OpBuilder b = OpBuilder::atBlockEnd(&fn.front());
  size_t np = params.size(), ni = func.getNumArguments();
  SmallVector<Value> pv(fn.getArguments().take_front(np));
  Value loss, output;
  SmallVector<Value> grads;
  if (failed(buildLossAndGradients(fb, b, pv, fn.getArguments().slice(np, ni),
                                   fn.getArgument(np + ni), loss, output,
                                   grads)))
    return failure();
  fb.addResult(loss, train_role::kLoss);
  fb.addResult(output, train_role::kOutput);
  for (auto [p, g] : llvm::zip(params, grads))
    fb.addResult(g, train_role::kGrad, FlatSymbolRefAttr::get(p.global));
  fb.finish(b);
  return success();
}

ExpandTraining::AdamSchedule
ExpandTraining::buildAdamSchedule(ImplicitLocOpBuilder &b, Value step) {
  // Schedules and bias corrections in f64, applied in f32.
  Type f64 = b.getF64Type(), f32 = b.getF32Type();
  Value t = tensor::ExtractOp::create(b, step, ValueRange{});
  auto f64c = [&](double v) -> Value {
    return arith::ConstantOp::create(b, b.getF64FloatAttr(v));
  };
  Value tf = arith::SIToFPOp::create(b, f64, t);
  auto rate = [&](double lr0, double decay, int64_t every) -> Value {
    Value tm1 = arith::SubIOp::create(
        b, t, arith::ConstantOp::create(b, b.getI32IntegerAttr(1)));
    Value k = arith::DivSIOp::create(
        b, tm1, arith::ConstantOp::create(b, b.getI32IntegerAttr(every)));
    Value kf = arith::SIToFPOp::create(b, f64, k);
    return arith::MulFOp::create(b, f64c(lr0),
                                 math::PowFOp::create(b, f64c(decay), kf));
  };
  auto correction = [&](double beta) -> Value {
    return arith::SubFOp::create(b, f64c(1.0),
                                 math::PowFOp::create(b, f64c(beta), tf));
  };
  Value lrW = rate(lrWeights, weightsDecay, weightsDecaySteps);
  Value lrT = rate(lrThresholds, thresholdsDecay, thresholdsDecaySteps);
  Value bc1 = correction(beta1), bc2 = correction(beta2);
  auto toF32 = [&](Value v) -> Value {
    return arith::TruncFOp::create(b, f32, v);
  };
  AdamSchedule schedule;
  schedule.lrWeights = toF32(lrW);
  schedule.lrThresholds = toF32(lrT);
  // step size lr / bc1 and 1 / bc2, per group.
  schedule.invBc2 = toF32(arith::DivFOp::create(b, f64c(1.0), bc2));
  schedule.stepWeights = toF32(arith::DivFOp::create(b, lrW, bc1));
  schedule.stepThresholds = toF32(arith::DivFOp::create(b, lrT, bc1));
  return schedule;
}

/// What the freezing rule reads of a threshold's gradient (tqt-method 4,
/// Trainer): the gradient of a per-tensor threshold; for per-channel
/// thresholds (frozen together, as one quantizer's), the sum of the
/// channels' |gradient|.
static Value thresholdGradSummary(ImplicitLocOpBuilder &b, Value g) {
  auto type = cast<RankedTensorType>(g.getType());
  if (type.getRank() == 0)
    return tensor::ExtractOp::create(b, g, ValueRange{});
  auto scalarType = RankedTensorType::get({}, type.getElementType());
  Value init =
      tensor::EmptyOp::create(b, ArrayRef<int64_t>{}, type.getElementType());
  init = linalg::FillOp::create(
             b, ValueRange{arith::ConstantOp::create(b, b.getF32FloatAttr(0))},
             ValueRange{init})
             .getResult(0);
  MLIRContext *ctx = b.getContext();
  auto sum = linalg::GenericOp::create(
      b, TypeRange{scalarType}, ValueRange{g}, ValueRange{init},
      SmallVector<AffineMap>{AffineMap::getMultiDimIdentityMap(1, ctx),
                             AffineMap::get(1, 0, ctx)},
      SmallVector<IT>{IT::reduction},
      [&](OpBuilder &nb, Location loc, ValueRange a) {
        Value abs = math::AbsFOp::create(nb, loc, a[0]);
        linalg::YieldOp::create(
            nb, loc, ValueRange{arith::AddFOp::create(nb, loc, a[1], abs)});
      });
  return tensor::ExtractOp::create(b, sum.getResult(0), ValueRange{});
}

linalg::GenericOp ExpandTraining::buildAdamUpdate(ImplicitLocOpBuilder &b,
                                                  Value p, Value m, Value v,
                                                  Value g, Value stepSize,
                                                  Value invBc2,
                                                  Value isFrozen) {
  float b1 = float(beta1), b2 = float(beta2), eps = float(epsilon);
  auto type = cast<RankedTensorType>(p.getType());
  int64_t rank = type.getRank();
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, b.getContext());
  SmallVector<Value> inits;
  for (int j = 0; j < 3; ++j)
    inits.push_back(
        tensor::EmptyOp::create(b, type.getShape(), type.getElementType()));
  return linalg::GenericOp::create(
      b, TypeRange{type, type, type}, ValueRange{p, m, v, g}, inits,
      SmallVector<AffineMap>(7, id), SmallVector<IT>(rank, IT::parallel),
      [&](OpBuilder &nb, Location loc, ValueRange a) {
        auto c = [&](float x) -> Value {
          return arith::ConstantOp::create(nb, loc, nb.getF32FloatAttr(x));
        };
        auto mulf = [&](Value x, Value y) -> Value {
          return arith::MulFOp::create(nb, loc, x, y);
        };
        auto addf = [&](Value x, Value y) -> Value {
          return arith::AddFOp::create(nb, loc, x, y);
        };
        Value pOld = a[0], mOld = a[1], vOld = a[2], grad = a[3];
        Value mNew = addf(mulf(c(b1), mOld), mulf(c(1 - b1), grad));
        Value vNew = addf(mulf(c(b2), vOld), mulf(c(1 - b2), mulf(grad, grad)));
        Value vHat = mulf(vNew, invBc2);
        Value denom = addf(math::SqrtOp::create(nb, loc, vHat), c(eps));
        Value delta =
            arith::DivFOp::create(nb, loc, mulf(stepSize, mNew), denom);
        Value pNew = arith::SubFOp::create(nb, loc, pOld, delta);
        if (isFrozen) {
          pNew = arith::SelectOp::create(nb, loc, isFrozen, pOld, pNew);
          mNew = arith::SelectOp::create(nb, loc, isFrozen, mOld, mNew);
          vNew = arith::SelectOp::create(nb, loc, isFrozen, vOld, vNew);
        }
        linalg::YieldOp::create(nb, loc, ValueRange{pNew, mNew, vNew});
      });
}

LogicalResult ExpandTraining::buildTrainStep(OpBuilder &mb, func::FuncOp func,
                                             ArrayRef<Param> params) {
  FunctionBuilder fb(func, params);
  size_t np = params.size(), ni = func.getNumArguments();
  size_t nt =
      llvm::count_if(params, [](const Param &p) { return p.isThreshold; });
  TrainStepLayout layout(np, nt, ni);
  // Declared in the layout's order (checked against it below).
  for (StringRef role :
       {train_role::kParam, train_role::kAdamM, train_role::kAdamV})
    for (const Param &p : params)
      fb.addArg(p.global.getType(), role, FlatSymbolRefAttr::get(p.global),
                role == train_role::kParam ? groupOf(p) : StringRef());
  MLIRContext *ctx = &getContext();
  Type f32 = Float32Type::get(ctx);
  fb.addArg(RankedTensorType::get({}, IntegerType::get(ctx, 32)),
            train_role::kStep);
  if (nt)
    fb.addArg(RankedTensorType::get({int64_t(nt)}, f32), train_role::kFrozen);
  for (Type t : func.getArgumentTypes())
    fb.addArg(t, train_role::kInput);
  fb.addArg(labelType(func), labelsRole());
  func::FuncOp fn = fb.create(mb, trainStepName(func.getSymName()));
  OpBuilder ob = OpBuilder::atBlockEnd(&fn.front());
  auto args = fn.getArguments();
  SmallVector<Value> pv(args.slice(layout.paramArg(0), np));
  ArrayRef<BlockArgument> ms = args.slice(layout.adamMArg(0), np),
                          vs = args.slice(layout.adamVArg(0), np);
  Value step = args[layout.stepArg()];
  Value frozen = nt ? args[layout.frozenArg()] : Value();
  Value loss, output;
  SmallVector<Value> grads;
  if (failed(
          buildLossAndGradients(fb, ob, pv, args.slice(layout.inputArg(0), ni),
                                args[layout.labelsArg()], loss, output, grads)))
    return failure();

  ImplicitLocOpBuilder b(func.getLoc(), ob);
  TensorBuilder tb(b);
  AdamSchedule schedule = buildAdamSchedule(b, step);
  SmallVector<Value> newP, newM, newV, thresholdGrads;
  unsigned k = 0;
  for (auto [i, p] : llvm::enumerate(params)) {
    Value isFrozen;
    if (p.isThreshold) {
      Value idx = arith::ConstantIndexOp::create(b, k++);
      isFrozen = arith::CmpFOp::create(
          b, arith::CmpFPredicate::UNE,
          tensor::ExtractOp::create(b, frozen, ValueRange{idx}),
          arith::ConstantOp::create(b, b.getF32FloatAttr(0.0f)));
      thresholdGrads.push_back(thresholdGradSummary(b, grads[i]));
    }
    auto adam = buildAdamUpdate(b, pv[i], ms[i], vs[i], grads[i],
                                p.isThreshold ? schedule.stepThresholds
                                              : schedule.stepWeights,
                                schedule.invBc2, isFrozen);
    newP.push_back(adam.getResult(0));
    newM.push_back(adam.getResult(1));
    newV.push_back(adam.getResult(2));
  }
  for (auto [role, values] :
       {std::pair<StringRef, ArrayRef<Value>>{train_role::kParam, newP},
        {train_role::kAdamM, newM},
        {train_role::kAdamV, newV}})
    for (auto [p, v] : llvm::zip(params, values))
      fb.addResult(v, role, FlatSymbolRefAttr::get(p.global));
  fb.addResult(loss, train_role::kLoss);
  fb.addResult(output, train_role::kOutput);
  if (nt)
    fb.addResult(
        tensor::FromElementsOp::create(
            b, RankedTensorType::get({int64_t(nt)}, f32), thresholdGrads),
        train_role::kThresholdGrads);
  auto scalar = [&](Value v) -> Value {
    return tensor::FromElementsOp::create(b, RankedTensorType::get({}, f32),
                                          ValueRange{v});
  };
  fb.addResult(scalar(schedule.lrWeights), train_role::kLrWeights);
  fb.addResult(scalar(schedule.lrThresholds), train_role::kLrThresholds);
  OpBuilder end(b.getInsertionBlock(), b.getInsertionPoint());
  fb.finish(end);
  // The step must read back as the layout it was built by (tqt-train does).
  if (auto read = TrainStepLayout::read(fn); !read) {
    return fn.emitError("internal error: ") << llvm::toString(read.takeError());
  }
  return success();
}

void ExpandTraining::runOnOperation() {
  ModuleOp module = getOperation();
  if (failed(checkOptions(module)))
    return signalPassFailure();
  FailureOr<func::FuncOp> func = resolveEntry(module);
  if (failed(func))
    return signalPassFailure();
  if (promoteConstants && trainWeights)
    promoteTrainableConstants(*func);
  SymbolTable symbols(module);
  FailureOr<SmallVector<Param>> params = collectParams(*func, symbols);
  if (failed(params))
    return signalPassFailure();
  OpBuilder mb(module.getBodyRegion());
  mb.setInsertionPointAfter(*func);
  buildEval(mb, *func, *params);
  if (failed(buildGrad(mb, *func, *params)) ||
      failed(buildTrainStep(mb, *func, *params)))
    return signalPassFailure();
}

} // namespace
