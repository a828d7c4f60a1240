//===- CalibrationStages.cpp - The functions a calibration calls ----------===//

#include "CalibrationStages.h"

#include "tqt/Execution/ModelFile.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using namespace mlir::tqt::calib;
using mlir::tqt::FakeQuantOp;

/// The quantizer inputs `xs`, each as f32 and flattened, concatenated into
/// one tensor, and their element counts (i64) as a second: two results
/// rather than one per quantizer (hundreds of results made the entry's C
/// interface one huge basic block, whose instruction selection took
/// superlinear time).
static SmallVector<Value, 2> concatenateInputs(OpBuilder &b, Location loc,
                                               ArrayRef<Value> xs) {
  Type f32 = b.getF32Type();
  SmallVector<Value> flat, counts;
  for (Value x : xs) {
    auto type = cast<RankedTensorType>(x.getType());
    if (!type.getElementType().isF32())
      x = tosa::CastOp::create(b, loc, type.clone(f32), x);
    Value v;
    if (type.getRank() == 0) {
      v = tensor::ExpandShapeOp::create(b, loc, RankedTensorType::get({1}, f32),
                                        x, ArrayRef<ReassociationIndices>{});
    } else {
      ReassociationIndices all;
      for (int64_t i = 0; i < type.getRank(); ++i)
        all.push_back(i);
      v = tensor::CollapseShapeOp::create(b, loc, x,
                                          ArrayRef<ReassociationIndices>{all});
    }
    flat.push_back(v);
    counts.push_back(arith::IndexCastOp::create(
        b, loc, b.getI64Type(), tensor::DimOp::create(b, loc, v, 0)));
  }
  return {tensor::ConcatOp::create(b, loc, /*dim=*/0, flat),
          tensor::FromElementsOp::create(b, loc, counts)};
}

/// Where argument `i` of the instrumented function comes from.
static StageInput inputOfArgument(unsigned i) {
  if (i == 0)
    return {StageInput::Kind::Samples, 0};
  return {StageInput::Kind::Threshold, i - 1};
}

CalibrationStage mlir::tqt::calib::instrumentWholeGraph(
    func::FuncOp func, ArrayRef<FakeQuantOp> quantizers, unsigned numGroups) {
  CalibrationStage stage;
  stage.function = func.getSymName().str();
  for (unsigned i = 0; i <= numGroups; ++i)
    stage.inputs.push_back(inputOfArgument(i));
  SmallVector<Value> xs;
  for (auto [i, q] : llvm::enumerate(quantizers)) {
    xs.push_back(FakeQuantOp(q).getX());
    stage.collected.push_back(i);
  }
  auto ret = cast<func::ReturnOp>(func.getBody().back().getTerminator());
  OpBuilder b(ret);
  SmallVector<Value, 2> results = concatenateInputs(b, func.getLoc(), xs);
  ret->setOperands(results);
  func.setType(FunctionType::get(func.getContext(), func.getArgumentTypes(),
                                 ValueRange(results).getTypes()));
  return stage;
}

/// Whether the host passes and returns tensors of `type` (Signature.h).
static bool isCarriable(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return false;
  Type e = ranked.getElementType();
  return e.isF32() || e.isF64() || e.isSignlessInteger(8) ||
         e.isSignlessInteger(16) || e.isSignlessInteger(32) ||
         e.isSignlessInteger(64);
}

/// Constants (no operands, no regions) are repeated in every stage that
/// reads them instead of carried.
static bool isRepeated(Operation *op) {
  return op->getNumOperands() == 0 && op->getNumRegions() == 0;
}

static std::string where(Operation *op) {
  return ::mlir::tqt::exec::formatLocation(op->getLoc()) + ": ";
}

FailureOr<std::vector<CalibrationStage>> mlir::tqt::calib::splitIntoStages(
    func::FuncOp func, ArrayRef<FakeQuantOp> quantizers,
    ArrayRef<unsigned> groupOf, ArrayRef<unsigned> waveOf, unsigned numWaves,
    std::string &why) {
  if (!func.getBody().hasOneBlock()) {
    why = "the function has more than one block";
    return failure();
  }
  Block &body = func.getBody().front();
  ModuleOp module = func->getParentOfType<ModuleOp>();
  auto stageName = [&](unsigned w) {
    return (func.getSymName() + "__stage" + llvm::Twine(w)).str();
  };
  for (unsigned w = 0; w < numWaves; ++w)
    if (module.lookupSymbol(stageName(w))) {
      why = "the module already has a symbol @" + stageName(w);
      return failure();
    }

  // The earliest stage of every value: the one after the wave of its last
  // calibrated threshold (0 without thresholds).
  DenseMap<Value, unsigned> earliest;
  for (BlockArgument arg : body.getArguments())
    earliest[arg] =
        arg.getArgNumber() == 0 ? 0 : waveOf[arg.getArgNumber() - 1] + 1;
  for (Operation &op : body.without_terminator()) {
    if (op.getNumRegions() != 0) {
      why = where(&op) + op.getName().getStringRef().str() + " has regions";
      return failure();
    }
    unsigned s = 0;
    for (Value v : op.getOperands())
      s = std::max(s, earliest.lookup(v));
    for (Value r : op.getResults())
      earliest[r] = s;
  }

  // Each wave collects its quantizers' inputs.
  std::vector<SmallVector<unsigned>> collectedBy(numWaves);
  DenseMap<Value, SmallVector<unsigned, 1>> collectedAt;
  for (auto [q, fq] : llvm::enumerate(quantizers)) {
    unsigned w = waveOf[groupOf[q]];
    Value x = FakeQuantOp(fq).getX();
    if (earliest.lookup(x) > w) {
      why = where(fq) + "this quantizer's input depends on a threshold "
                        "calibrated after it (one shared with a later "
                        "quantizer)";
      return failure();
    }
    collectedBy[w].push_back(q);
    collectedAt[x].push_back(w);
  }

  // Every op runs in the first stage that reads it (from the last op up);
  // ops nothing collected depends on are left out.
  DenseMap<Operation *, unsigned> stageOf;
  auto useStages = [&](Value r) {
    SmallVector<unsigned, 4> stages;
    for (Operation *user : r.getUsers())
      if (auto it = stageOf.find(user); it != stageOf.end())
        stages.push_back(it->second);
    if (auto it = collectedAt.find(r); it != collectedAt.end())
      llvm::append_range(stages, it->second);
    return stages;
  };
  for (Operation &op : llvm::reverse(body.without_terminator())) {
    if (isRepeated(&op))
      continue;
    std::optional<unsigned> first;
    for (Value r : op.getResults())
      for (unsigned s : useStages(r))
        first = std::min(first.value_or(s), s);
    if (first)
      stageOf[&op] = *first;
  }

  // Values read by later stages than their own are carried: returned by
  // their stage, passed to the later ones.
  DenseMap<Value, unsigned> carriedId;
  SmallVector<Value> carried;
  std::vector<SmallVector<unsigned>> carriedOut(numWaves), lastUses(numWaves);
  for (Operation &op : body.without_terminator()) {
    auto it = stageOf.find(&op);
    if (it == stageOf.end())
      continue;
    for (Value r : op.getResults()) {
      SmallVector<unsigned, 4> stages = useStages(r);
      unsigned last = *llvm::max_element(stages);
      if (last == it->second)
        continue;
      if (!isCarriable(r.getType())) {
        std::string type;
        llvm::raw_string_ostream os(type);
        os << r.getType();
        why = where(&op) + "a value of type " + type +
              " is read by later stages, which the host cannot carry";
        return failure();
      }
      carriedId[r] = carried.size();
      carriedOut[it->second].push_back(carried.size());
      lastUses[last].push_back(carried.size());
      carried.push_back(r);
    }
  }

  // Build the stages: every op cloned into its stage in program order.
  MLIRContext *ctx = func.getContext();
  struct Builder {
    func::FuncOp function;
    Block *block;
    IRMapping map;
    CalibrationStage stage;
  };
  std::vector<Builder> stages(numWaves);
  OpBuilder mb(func);
  for (auto [w, s] : llvm::enumerate(stages)) {
    s.function = func::FuncOp::create(mb, func.getLoc(), stageName(w),
                                      FunctionType::get(ctx, {}, {}));
    s.block = s.function.addEntryBlock();
    // A stage is glue (allocations, calls of the outlined loop nests and
    // kernels, which are optimized): LLVM need not optimize thousands of
    // them (a 1000-layer chain: 2001 stages, 48 -> 40 s).
    s.function->setAttr(
        "passthrough", ArrayAttr::get(ctx, {StringAttr::get(ctx, "optnone"),
                                            StringAttr::get(ctx, "noinline")}));
    s.stage.function = stageName(w);
    s.stage.carriedOut = carriedOut[w];
    s.stage.lastUses = lastUses[w];
  }
  // `v` inside stage `w`: a clone, an argument (the samples, a threshold, a
  // carried value), or a repeated constant.
  auto valueIn = [&](unsigned w, Value v) -> Value {
    Builder &s = stages[w];
    if (Value mapped = s.map.lookupOrNull(v))
      return mapped;
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      s.stage.inputs.push_back(inputOfArgument(arg.getArgNumber()));
    } else if (isRepeated(v.getDefiningOp())) {
      OpBuilder b = OpBuilder::atBlockEnd(s.block);
      b.clone(*v.getDefiningOp(), s.map);
      return s.map.lookup(v);
    } else {
      s.stage.inputs.push_back(
          {StageInput::Kind::Carried, carriedId.lookup(v)});
    }
    Value arg = s.block->addArgument(v.getType(), v.getLoc());
    s.map.map(v, arg);
    return arg;
  };
  for (Operation &op : body.without_terminator()) {
    auto it = stageOf.find(&op);
    if (it == stageOf.end())
      continue;
    for (Value v : op.getOperands())
      valueIn(it->second, v);
    OpBuilder b = OpBuilder::atBlockEnd(stages[it->second].block);
    b.clone(op, stages[it->second].map);
  }
  std::vector<CalibrationStage> result;
  for (auto [w, s] : llvm::enumerate(stages)) {
    SmallVector<Value> xs;
    for (unsigned q : collectedBy[w]) {
      xs.push_back(valueIn(w, FakeQuantOp(quantizers[q]).getX()));
      s.stage.collected.push_back(q);
    }
    OpBuilder b = OpBuilder::atBlockEnd(s.block);
    SmallVector<Value> results;
    for (unsigned id : carriedOut[w])
      results.push_back(s.map.lookup(carried[id]));
    llvm::append_range(results, concatenateInputs(b, func.getLoc(), xs));
    func::ReturnOp::create(b, func.getLoc(), results);
    s.function.setType(FunctionType::get(ctx, s.block->getArgumentTypes(),
                                         ValueRange(results).getTypes()));
    result.push_back(std::move(s.stage));
  }
  return result;
}
