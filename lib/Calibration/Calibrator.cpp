//===- Calibrator.cpp - Calibrating a simulation graph on data ------------===//

#include "tqt/Calibration/Calibrator.h"

#include "tqt/Dialect/TQT/IR/TQTOps.h"
#include "tqt/Execution/Dataset.h"
#include "tqt/Execution/JitModule.h"
#include "tqt/Execution/ModelFile.h"
#include "tqt/Execution/Signature.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/MapVector.h"
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
  float initial = 0.0f;
};
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
    auto global = symbols.lookup<ml_program::GlobalOp>(name);
    Group &g = groups[name];
    num::QuantizerSpec spec = fq.getSpec();
    if (g.members.empty()) {
      g.global = name.str();
      g.bits = spec.bits;
      g.isSigned = spec.isSigned;
      g.isWeight = global && mlir::tqt::isWeightThreshold(global);
      if (global)
        if (auto v = dyn_cast_if_present<DenseFPElementsAttr>(
                global.getValue().value_or(Attribute())))
          if (v.getNumElements() == 1)
            g.initial = *v.getValues<float>().begin();
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

  // Instrument a clone: thresholds become trailing arguments, quantizer
  // inputs trailing results.
  OwningOpRef<ModuleOp> instrumented(cast<ModuleOp>(module->clone()));
  auto ifunc = instrumented->lookupSymbol<func::FuncOp>(options.entry);
  SmallVector<FakeQuantOp> iquantizers;
  ifunc.walk([&](FakeQuantOp op) {
    if (!mlir::tqt::isDerivedThreshold(op.getLog2T()))
      iquantizers.push_back(op);
  });
  MLIRContext *ctx = module.getContext();
  auto scalarType = RankedTensorType::get({}, Float32Type::get(ctx));
  unsigned numResults = ifunc.getNumResults();
  SmallVector<Type> argTypes(ifunc.getArgumentTypes());
  for (auto &entry : groups) {
    StringRef name = entry.first;
    unsigned index = ifunc.getNumArguments();
    if (failed(ifunc.insertArgument(index, scalarType, {}, ifunc.getLoc())))
      return llvm::createStringError("cannot add a threshold argument to @" +
                                     options.entry);
    argTypes.push_back(scalarType);
    BlockArgument arg = ifunc.getArgument(index);
    SmallVector<ml_program::GlobalLoadOp> loads;
    ifunc.walk([&](ml_program::GlobalLoadOp load) {
      if (load.getGlobal().getLeafReference() == name)
        loads.push_back(load);
    });
    for (auto load : loads) {
      load.getResult().replaceAllUsesWith(arg);
      load.erase();
    }
  }
  auto ret = cast<func::ReturnOp>(ifunc.getBody().back().getTerminator());
  SmallVector<Value> results(ret.getOperands());
  for (FakeQuantOp q : iquantizers)
    results.push_back(q.getX());
  ret->setOperands(results);
  ifunc.setType(
      FunctionType::get(ctx, argTypes, ValueRange(results).getTypes()));

  ::mlir::tqt::exec::JitOptions jitOptions;
  jitOptions.optLevel = options.optLevel;
  jitOptions.threads = options.threads;
  jitOptions.entryPoints = {options.entry};
  auto jit = ::mlir::tqt::exec::JitModule::create(*instrumented, jitOptions);
  if (!jit)
    return jit.takeError();
  auto sig = (*jit)->getSignature(options.entry);
  if (!sig)
    return sig.takeError();

  // Batches of samples.
  const ::mlir::tqt::exec::TensorSpec &inSpec = sig->inputs[0];
  int64_t n = samples.getShape()[0];
  int64_t batch = inSpec.shape.empty() ? -1 : inSpec.shape[0];
  if (batch < 0)
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
    HostTensor t(DType::F32, {});
    t.dataAs<float>()[0] = g.initial;
    thresholds.push_back(std::move(t));
  }

  // Calibrate groups in the order their last member appears.
  SmallVector<unsigned> order;
  for (unsigned i = 0; i < groups.size(); ++i)
    order.push_back(i);
  // Last members are distinct quantizers, so the order is total.
  llvm::sort(order, [&](unsigned a, unsigned b) {
    return groups.begin()[a].second.members.back() <
           groups.begin()[b].second.members.back();
  });

  std::vector<CalibratedThreshold> report(groups.size());
  for (auto [step, gi] : llvm::enumerate(order)) {
    Group &g = groups.begin()[gi].second;
    std::vector<float> values;
    for (const HostTensor &x : batches) {
      SmallVector<const HostTensor *> inputs = {&x};
      for (const HostTensor &t : thresholds)
        inputs.push_back(&t);
      auto out = (*jit)->invoke(options.entry, inputs);
      if (!out)
        return out.takeError();
      for (unsigned m : g.members) {
        const HostTensor &v = (*out)[numResults + m];
        values.insert(values.end(), v.dataAs<float>(),
                      v.dataAs<float>() + v.getNumElements());
      }
    }
    CalibratedThreshold &r = report[gi];
    r.ignored = countNonFinite(values);
    if (r.ignored.total() == values.size())
      return llvm::createStringError(
          locString(quantizers[g.members.front()].getLoc()) +
          "the quantizer of @" + g.global +
          " saw no finite value during calibration (" +
          llvm::Twine(r.ignored.nan) + " NaN, " + llvm::Twine(r.ignored.inf) +
          " infinite of " + llvm::Twine(values.size()) +
          "); check the calibration data and the model");
    if (r.ignored.total() != 0)
      llvm::erase_if(values, [](float v) { return !std::isfinite(v); });
    r.global = g.global;
    r.method = g.isWeight ? options.weightMethod : options.activationMethod;
    r.numElements = values.size();
    r.fellBackToMax = r.method == Method::KLJ &&
                      kljFallsBackToMax(values.size(), g.bits, g.isSigned);
    r.threshold = computeThreshold(r.method, values, g.bits, g.isSigned);
    r.log2Threshold = log2ThresholdOf(r.threshold);
    thresholds[gi].dataAs<float>()[0] = r.log2Threshold;
    if (options.progress)
      *options.progress << "tqt-calibrate: [" << step + 1 << "/"
                        << groups.size() << "] @" << g.global << ": "
                        << methodName(r.method)
                        << (r.fellBackToMax ? " (max fallback)" : "")
                        << " over " << r.numElements
                        << " values, t = " << llvm::format("%.6g", r.threshold)
                        << ", log2 t = "
                        << llvm::format("%.6g", double(r.log2Threshold))
                        << "\n";
  }

  // Write the thresholds into the globals.
  for (const CalibratedThreshold &r : report) {
    auto global = symbols.lookup<ml_program::GlobalOp>(r.global);
    global.setValueAttr(DenseElementsAttr::get(scalarType, r.log2Threshold));
    std::string method = methodName(r.method).str();
    if (r.fellBackToMax)
      method += " (max fallback)";
    global->setAttr(mlir::tqt::TQTDialect::CalibrationAttrHelper::getNameStr(),
                    StringAttr::get(ctx, method));
  }
  return report;
}
