//===- Calibrator.cpp - Calibrating a simulation graph on data ------------===//

#include "tqt/Calibration/Calibrator.h"

#include "CalibrationStages.h"

#include "tqt/Dialect/TQT/IR/TQTOps.h"
#include "tqt/Execution/Dataset.h"
#include "tqt/Execution/JitModule.h"
#include "tqt/Execution/ModelFile.h"
#include "tqt/Execution/Signature.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace ::mlir::tqt::calib;
using mlir::tqt::FakeQuantGradOp;
using mlir::tqt::FakeQuantOp;
using ::mlir::tqt::exec::DType;
using ::mlir::tqt::exec::HostTensor;
using ::mlir::tqt::exec::sliceRows;
namespace num = ::mlir::tqt::numerics;

/// "file:line:col: " of an op, for errors returned as llvm::Error.
static std::string locString(Location loc) {
  return ::mlir::tqt::exec::formatLocation(loc) + ": ";
}

namespace {
/// Quantizers sharing one threshold global.
struct Group {
  std::string global;
  SmallVector<unsigned> members; // indices into the quantizer list
  unsigned bits = 0;
  bool isSigned = false;
  bool isWeight = false;
  /// The threshold global's type: tensor<f32>, or tensor<Cxf32> for
  /// per-channel quantizers along `axis`.
  RankedTensorType type;
  std::optional<int64_t> axis;
  SmallVector<float> initial;
};

/// The values of a quantizer's input `v`, split by channel along `axis`
/// (one list without an axis), appended to `perChannel`.
/// Appends the `n` values at `data` (a tensor of `shape`, only read with an
/// axis) to their channels' lists.
void appendValues(const float *data, size_t n, ArrayRef<int64_t> shape,
                  std::optional<int64_t> axis,
                  std::vector<std::vector<float>> &perChannel) {
  if (!axis) {
    perChannel[0].insert(perChannel[0].end(), data, data + n);
    return;
  }
  int64_t stride = ::mlir::tqt::channelStride(shape, *axis);
  int64_t channels = shape[*axis];
  for (size_t i = 0; i < n; ++i)
    perChannel[(int64_t(i) / stride) % channels].push_back(data[i]);
}
} // namespace

auto ::mlir::tqt::calib::calibrate(ModuleOp module, const HostTensor &samples,
                                   const CalibrationOptions &options)
    -> llvm::Expected<std::vector<CalibratedThreshold>> {
  auto func = module.lookupSymbol<func::FuncOp>(options.entry);
  if (!func || func.isExternal())
    return llvm::createStringError("no function @" + options.entry +
                                   " with a body to calibrate");
  if (func.getNumArguments() != 1)
    return llvm::createStringError(
        "@" + options.entry + " takes " + llvm::Twine(func.getNumArguments()) +
        " arguments; calibration feeds exactly one (the samples)");
  if (samples.getDType() != DType::F32 || samples.getRank() < 1)
    return llvm::createStringError(
        "calibration samples must be an f32 tensor with a sample "
        "dimension, got " +
        ::mlir::tqt::exec::dtypeName(samples.getDType()) + " " +
        ::mlir::tqt::exec::shapeToString(samples.getShape()));

  NonFiniteCount bad = countNonFinite(llvm::ArrayRef(
      samples.dataAs<float>(), size_t(samples.getNumElements())));
  if (samples.getNumElements() != 0 &&
      bad.total() == size_t(samples.getNumElements()))
    return llvm::createStringError(
        "the calibration samples hold no finite value (" +
        llvm::Twine(bad.nan) + " NaN, " + llvm::Twine(bad.inf) + " infinite)");

  // The quantizers in program order, grouped by threshold global.
  SymbolTable symbols(module);
  SmallVector<FakeQuantOp> quantizers;
  llvm::MapVector<StringRef, Group> groups;
  std::string problem;
  func.walk([&](Operation *op) {
    if (isa<func::CallOp>(op) && problem.empty())
      problem = locString(op->getLoc()) +
                "calls are not followed by calibration (quantizers in the "
                "callee would be missed); inline first (tqt-opt --inline)";
    if (isa<FakeQuantGradOp>(op) && problem.empty())
      problem = locString(op->getLoc()) +
                "tqt.fake_quant_grad: a training graph cannot be calibrated";
    auto fq = dyn_cast<FakeQuantOp>(op);
    if (!fq || !problem.empty())
      return;
    auto load = fq.getLog2T().getDefiningOp<ml_program::GlobalLoadOp>();
    if (!load && mlir::tqt::isDerivedThreshold(fq.getLog2T()))
      return;
    if (!load) {
      problem = locString(fq.getLoc()) +
                "the threshold of this tqt.fake_quant is not a load of an "
                "ml_program.global; calibration writes thresholds into "
                "globals (docs/Parameters.md)";
      return;
    }
    StringRef name = load.getGlobal().getLeafReference();
    if (std::optional<int64_t> axis = fq.getAxis()) {
      auto xType = cast<RankedTensorType>(fq.getX().getType());
      if (llvm::any_of(xType.getShape().drop_front(*axis + 1),
                       ShapedType::isDynamic)) {
        problem = locString(fq.getLoc()) + "the per-channel quantizer of @" +
                  name.str() + " has dynamic dimensions after its channel axis";
        return;
      }
    }
    auto global = symbols.lookup<ml_program::GlobalOp>(name);
    Group &g = groups[name];
    num::QuantizerSpec spec = fq.getSpec();
    if (g.members.empty()) {
      g.global = name.str();
      g.bits = spec.bits;
      g.isSigned = spec.isSigned;
      g.isWeight = global && mlir::tqt::isWeightThreshold(global);
      g.type = cast<RankedTensorType>(fq.getLog2T().getType());
      g.axis = fq.getAxis();
      if (!g.type.hasStaticShape()) {
        problem = locString(fq.getLoc()) + "the per-channel thresholds of @" +
                  name.str() + " have a dynamic channel count";
        return;
      }
      g.initial.assign(g.type.getNumElements(), 0.0f);
      if (global)
        if (auto v = dyn_cast_if_present<DenseFPElementsAttr>(
                global.getValue().value_or(Attribute())))
          if (v.getNumElements() == g.type.getNumElements())
            g.initial.assign(v.getValues<float>().begin(),
                             v.getValues<float>().end());
    } else if (g.axis != fq.getAxis() || g.type != fq.getLog2T().getType()) {
      problem = locString(fq.getLoc()) + "quantizers sharing @" + name.str() +
                " disagree on their channels (axis or threshold count)";
      return;
    } else if (g.bits != spec.bits || g.isSigned != spec.isSigned) {
      problem = locString(fq.getLoc()) + "quantizers sharing @" + name.str() +
                " disagree on their grid (bits(" + std::to_string(g.bits) +
                ") vs bits(" + std::to_string(spec.bits) + ") or signedness)";
      return;
    }
    g.members.push_back(quantizers.size());
    quantizers.push_back(fq);
  });
  if (!problem.empty())
    return llvm::createStringError(problem);
  if (quantizers.empty())
    return llvm::createStringError("@" + options.entry +
                                   " has no tqt.fake_quant to calibrate");
  for (auto &[name, g] : groups)
    if (!symbols.lookup<ml_program::GlobalOp>(name))
      return llvm::createStringError("threshold global @" + name +
                                     " does not exist");

  // Calibrate groups in the order their last member appears.
  SmallVector<unsigned> order;
  for (unsigned i = 0; i < groups.size(); ++i)
    order.push_back(i);
  // Last members are distinct quantizers, so the order is total.
  llvm::sort(order, [&](unsigned a, unsigned b) {
    return groups.begin()[a].second.members.back() <
           groups.begin()[b].second.members.back();
  });

  // Which thresholds each group's inputs depend on (the threshold loads
  // upstream of its quantizers' inputs, its own excluded).
  llvm::StringMap<unsigned> groupIndex;
  for (auto [i, entry] : llvm::enumerate(groups))
    groupIndex[entry.first] = i;
  SmallVector<llvm::BitVector> deps(groups.size(),
                                    llvm::BitVector(groups.size()));
  {
    DenseMap<Value, llvm::BitVector> valueDeps;
    func.walk([&](Operation *op) {
      llvm::BitVector d(groups.size());
      for (Value operand : op->getOperands())
        if (auto it = valueDeps.find(operand); it != valueDeps.end())
          d |= it->second;
      if (auto load = dyn_cast<ml_program::GlobalLoadOp>(op))
        if (auto it = groupIndex.find(load.getGlobal().getLeafReference());
            it != groupIndex.end())
          d.set(it->second);
      for (Value result : op->getResults())
        valueDeps[result] = d;
    });
    for (auto [i, entry] : llvm::enumerate(groups)) {
      for (unsigned m : entry.second.members)
        if (auto it = valueDeps.find(quantizers[m].getX());
            it != valueDeps.end())
          deps[i] |= it->second;
      deps[i].reset(i);
    }
  }

  // Calibrate in that order, in waves: one run over the samples serves
  // every next group that depends on no group calibrated since the run
  // began, so every group sees the thresholds it would see if each were
  // calibrated on its own run (the same numbers, fewer runs).
  SmallVector<SmallVector<unsigned>> waves; // groups, in order
  SmallVector<unsigned> waveOf(groups.size());
  for (size_t step = 0; step < order.size();) {
    llvm::BitVector wave(groups.size());
    SmallVector<unsigned> &members = waves.emplace_back();
    while (step < order.size() && !deps[order[step]].anyCommon(wave) &&
           (members.empty() || !options.oneRunPerThreshold)) {
      wave.set(order[step]);
      waveOf[order[step]] = waves.size() - 1;
      members.push_back(order[step++]);
    }
  }
  SmallVector<unsigned> groupOf(quantizers.size());
  for (auto [gi, entry] : llvm::enumerate(groups))
    for (unsigned m : entry.second.members)
      groupOf[m] = gi;

  // Instrument a clone: thresholds become trailing arguments; the runs are
  // the stages of the waves (each op runs once), or the whole graph per
  // wave where it cannot be staged.
  OwningOpRef<ModuleOp> instrumented(cast<ModuleOp>(module->clone()));
  auto ifunc = instrumented->lookupSymbol<func::FuncOp>(options.entry);
  SmallVector<FakeQuantOp> iquantizers;
  ifunc.walk([&](FakeQuantOp op) {
    if (!mlir::tqt::isDerivedThreshold(op.getLog2T()))
      iquantizers.push_back(op);
  });
  MLIRContext *ctx = module.getContext();
  {
    // One walk and one insertion for all groups: per group, both would be
    // quadratic in the layers.
    llvm::StringMap<SmallVector<ml_program::GlobalLoadOp>> loads;
    ifunc.walk([&](ml_program::GlobalLoadOp load) {
      loads[load.getGlobal().getLeafReference()].push_back(load);
    });
    unsigned first = ifunc.getNumArguments();
    SmallVector<unsigned> indices(groups.size(), first);
    SmallVector<Type> types;
    for (auto &entry : groups)
      types.push_back(entry.second.type);
    SmallVector<DictionaryAttr> attrs(groups.size());
    SmallVector<Location> locs(groups.size(), ifunc.getLoc());
    if (failed(ifunc.insertArguments(indices, types, attrs, locs)))
      return llvm::createStringError("cannot add threshold arguments to @" +
                                     options.entry);
    for (auto [i, entry] : llvm::enumerate(groups))
      for (ml_program::GlobalLoadOp load : loads.lookup(entry.first)) {
        load.getResult().replaceAllUsesWith(ifunc.getArgument(first + i));
        load.erase();
      }
  }
  std::vector<CalibrationStage> stages;
  std::string notStaged = "--whole-graph-runs";
  if (!options.wholeGraphRuns) {
    FailureOr<std::vector<CalibrationStage>> split = splitIntoStages(
        ifunc, iquantizers, groupOf, waveOf, waves.size(), notStaged);
    if (succeeded(split))
      stages = std::move(*split);
  }
  bool staged = !stages.empty();
  if (!staged)
    stages.push_back(instrumentWholeGraph(ifunc, iquantizers, groups.size()));

  ::mlir::tqt::exec::JitOptions jitOptions;
  jitOptions.optLevel = options.optLevel;
  jitOptions.threads = options.threads;
  jitOptions.kernels = options.kernels;
  for (const CalibrationStage &stage : stages)
    jitOptions.entryPoints.push_back(stage.function);
  auto jit = ::mlir::tqt::exec::JitModule::create(*instrumented, jitOptions);
  if (!jit)
    return jit.takeError();
  for (const CalibrationStage &stage : stages)
    if (auto sig = (*jit)->getSignature(stage.function); !sig)
      return sig.takeError();

  // Batches of samples.
  auto inType = dyn_cast<RankedTensorType>(func.getArgument(0).getType());
  int64_t n = samples.getShape()[0];
  int64_t batch = !inType || inType.getRank() == 0 ? ShapedType::kDynamic
                                                   : inType.getDimSize(0);
  if (ShapedType::isDynamic(batch))
    batch = options.batchSize > 0 ? std::min(options.batchSize, n) : n;
  if (n == 0 || n % batch != 0)
    return llvm::createStringError(
        "the " + llvm::Twine(n) + " samples do not fill whole batches of " +
        llvm::Twine(batch) + " (the model's static batch); pass a multiple");
  std::vector<HostTensor> batches;
  for (int64_t b = 0; b < n; b += batch)
    batches.push_back(batch == n ? sliceRows(samples, 0, n)
                                 : sliceRows(samples, b, b + batch));

  std::vector<HostTensor> thresholds;
  for (auto &[name, g] : groups) {
    HostTensor t(DType::F32, SmallVector<int64_t>(g.type.getShape()));
    llvm::copy(g.initial, t.dataAs<float>());
    thresholds.push_back(std::move(t));
  }
  // Per-channel members read the channel off their input's shape (the
  // channel count and the dimensions after it are static).
  SmallVector<SmallVector<int64_t>> channelShapes;
  for (auto [m, q] : llvm::enumerate(iquantizers)) {
    SmallVector<int64_t> &shape = channelShapes.emplace_back(
        cast<RankedTensorType>(q.getX().getType()).getShape());
    if (groups.begin()[groupOf[m]].second.axis)
      for (int64_t &d : shape)
        if (ShapedType::isDynamic(d))
          d = 1;
  }
  // Values carried between stages, per batch.
  unsigned numCarried = 0;
  for (const CalibrationStage &stage : stages)
    for (unsigned id : stage.carriedOut)
      numCarried = std::max(numCarried, id + 1);
  std::vector<std::vector<HostTensor>> carried(batches.size());
  for (std::vector<HostTensor> &c : carried)
    c.resize(numCarried);

  std::vector<CalibratedThreshold> report(groups.size());
  size_t step = 0;
  for (auto [w, wave] : llvm::enumerate(waves)) {
    const CalibrationStage &stage = staged ? stages[w] : stages.front();
    DenseMap<unsigned, std::vector<std::vector<float>>> values;
    for (unsigned gi : wave) {
      Group &g = groups.begin()[gi].second;
      values[gi].resize(g.axis ? size_t(g.type.getDimSize(0)) : 1);
    }
    for (auto [bi, x] : llvm::enumerate(batches)) {
      SmallVector<const HostTensor *> inputs;
      for (const StageInput &in : stage.inputs)
        inputs.push_back(in.kind == StageInput::Kind::Samples ? &x
                         : in.kind == StageInput::Kind::Threshold
                             ? &thresholds[in.index]
                             : &carried[bi][in.index]);
      auto out = (*jit)->invoke(stage.function, inputs);
      if (!out)
        return out.takeError();
      unsigned first = stage.carriedOut.size();
      for (auto [i, id] : llvm::enumerate(stage.carriedOut))
        carried[bi][id] = std::move((*out)[i]);
      for (unsigned id : stage.lastUses)
        carried[bi][id] = HostTensor();
      // Quantizer q's values start after those of the ones before it.
      const float *all = (*out)[first].dataAs<float>();
      const int64_t *counts = (*out)[first + 1].dataAs<int64_t>();
      size_t offset = 0;
      for (auto [i, q] : llvm::enumerate(stage.collected)) {
        size_t count = size_t(counts[i]);
        if (waveOf[groupOf[q]] == w)
          appendValues(all + offset, count, channelShapes[q],
                       groups.begin()[groupOf[q]].second.axis,
                       values[groupOf[q]]);
        offset += count;
      }
    }
    for (size_t end = step + wave.size(); step < end; ++step) {
      unsigned gi = order[step];
      Group &g = groups.begin()[gi].second;
      std::vector<std::vector<float>> channelValues = std::move(values[gi]);
      CalibratedThreshold &r = report[gi];
      r.global = g.global;
      r.method = g.isWeight ? options.weightMethod : options.activationMethod;
      // One threshold per channel (one channel per tensor), each from its
      // finite values.
      for (auto [c, values] : llvm::enumerate(channelValues)) {
        NonFiniteCount ignored = countNonFinite(values);
        r.ignored.nan += ignored.nan;
        r.ignored.inf += ignored.inf;
        std::string channel =
            g.axis ? " (channel " + std::to_string(c) + ")" : "";
        if (ignored.total() == values.size())
          return llvm::createStringError(
              locString(quantizers[g.members.front()].getLoc()) +
              "the quantizer of @" + g.global + channel +
              " saw no finite value during calibration (" +
              llvm::Twine(ignored.nan) + " NaN, " + llvm::Twine(ignored.inf) +
              " infinite of " + llvm::Twine(values.size()) +
              "); check the calibration data and the model");
        if (ignored.total() != 0)
          llvm::erase_if(values, [](float v) { return !std::isfinite(v); });
        r.numElements += values.size();
        r.fellBackToMax |= r.method == Method::KLJ &&
                           kljFallsBackToMax(values.size(), g.bits, g.isSigned);
        double threshold =
            computeThreshold(r.method, values, g.bits, g.isSigned);
        float log2Threshold = log2ThresholdOf(threshold);
        thresholds[gi].dataAs<float>()[c] = log2Threshold;
        if (g.axis)
          r.channelLog2Thresholds.push_back(log2Threshold);
        if (c == 0 || threshold > r.threshold) {
          r.threshold = threshold;
          r.log2Threshold = log2Threshold;
        }
      }
      if (options.progress)
        *options.progress
            << "tqt-calibrate: [" << step + 1 << "/" << groups.size() << "] @"
            << g.global << ": " << methodName(r.method)
            << (r.fellBackToMax ? " (max fallback)" : "") << " over "
            << r.numElements << " values, "
            << (g.axis ? "largest of " + std::to_string(channelValues.size()) +
                             " channels: "
                       : std::string())
            << "t = " << llvm::format("%.6g", r.threshold)
            << ", log2 t = " << llvm::format("%.6g", double(r.log2Threshold))
            << "\n";
    }
  }

  if (options.progress)
    *options.progress << "tqt-calibrate: " << groups.size() << " thresholds in "
                      << waves.size() << " runs over the samples ("
                      << (staged ? "each op once, in stages"
                                 : "the whole graph each run: " + notStaged)
                      << ")\n";

  // Write the thresholds into the globals.
  for (const CalibratedThreshold &r : report) {
    auto global = symbols.lookup<ml_program::GlobalOp>(r.global);
    auto type = cast<RankedTensorType>(global.getType());
    global.setValueAttr(
        r.channelLog2Thresholds.empty()
            ? DenseElementsAttr::get(type, r.log2Threshold)
            : DenseElementsAttr::get(type, ArrayRef(r.channelLog2Thresholds)));
    std::string method = methodName(r.method).str();
    if (r.fellBackToMax)
      method += " (max fallback)";
    global->setAttr(mlir::tqt::TQTDialect::CalibrationAttrHelper::getNameStr(),
                    StringAttr::get(ctx, method));
  }
  return report;
}
