//===- Trainer.cpp - Training thresholds and weights on data --------------===//
//
// The training state (parameters and Adam moments) lives on the host as
// arguments and results of <entry>_train_step (docs/Training.md), so
// checkpoints are copies of host tensors and evaluation calls <entry>_eval
// with the current values; nothing is recompiled during training.
//
//===----------------------------------------------------------------------===//

#include "tqt/Training/Trainer.h"

#include "tqt/Training/Freezing.h"

#include "tqt/Dialect/TQT/IR/TQTOps.h"
#include "tqt/Dialect/TQT/Transforms/Passes.h"
#include "tqt/Dialect/TQT/Transforms/Training.h"
#include "tqt/Execution/Evaluation.h"
#include "tqt/Execution/JitModule.h"
#include "tqt/Execution/ModelFile.h"
#include "tqt/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

using namespace mlir;
using namespace ::mlir::tqt::exec;
using llvm::createStringError;
using ::mlir::tqt::train::TrainOptions;
using ::mlir::tqt::train::TrainResult;

namespace {

struct ParamSlot {
  std::string global;
  bool isThreshold;
};

/// The float values of a global's initial value (dense or dense_resource).
llvm::Expected<HostTensor> readGlobal(ml_program::GlobalOp global) {
  auto type = cast<RankedTensorType>(global.getType());
  HostTensor out(DType::F32, type.getShape());
  float *dst = out.dataAs<float>();
  Attribute value = global.getValue().value_or(Attribute());
  if (auto dense = mlir::tqt::getDenseF32(value)) {
    int64_t i = 0;
    for (float v : dense.getValues<float>())
      dst[i++] = v;
    return out;
  }
  return createStringError(
      llvm::formatv("{0}: parameter global @{1} needs an f32 dense or "
                    "dense_resource initial value",
                    formatLocation(global.getLoc()), global.getSymName()));
}

/// Writes `values` as the initial value of `global`, in the kind of
/// attribute it had (dense_resource stays a blob).
void writeGlobal(ml_program::GlobalOp global, const HostTensor &values) {
  auto type = cast<RankedTensorType>(global.getType());
  ArrayRef<float> data(values.dataAs<float>(), values.getNumElements());
  Attribute old = global.getValue().value_or(Attribute());
  if (isa_and_nonnull<DenseResourceElementsAttr>(old)) {
    global.setValueAttr(DenseResourceElementsAttr::get(
        type, global.getSymName(),
        HeapAsmResourceBlob::allocateAndCopyInferAlign(data)));
    return;
  }
  global.setValueAttr(DenseElementsAttr::get(type, data));
}

HostTensor scalarI32(int32_t v) {
  HostTensor t(DType::I32, {});
  *t.dataAs<int32_t>() = v;
  return t;
}

bool allFinite(const HostTensor &t) {
  const float *p = t.dataAs<float>();
  for (int64_t i = 0, e = t.getNumElements(); i < e; ++i)
    if (!std::isfinite(p[i]))
      return false;
  return true;
}

std::string formatDuration(double seconds) {
  auto s = int64_t(std::max(0.0, seconds));
  return llvm::formatv("{0}:{1:2}", s / 60, s % 60).str();
}

class Trainer {
public:
  Trainer(ModuleOp module, const Dataset &trainSet,
          const Dataset *validationSet, const TrainOptions &options)
      : module(module), trainSet(trainSet), validationSet(validationSet),
        options(options) {}

  llvm::Expected<TrainResult> run();

private:
  /// What one training step reports.
  struct StepOutcome {
    float loss = 0;
    double trainAccuracy = 0;
    float lrWeights = 0, lrThresholds = 0;
  };

  /// Resolves and checks the model, compiles it; returns the step count.
  llvm::Expected<int64_t> prepare();
  /// One step on a batch: the parameters and moments are updated, the
  /// threshold gradients recorded for freezing.
  llvm::Expected<StepOutcome> trainStep(int64_t step, const HostTensor &images,
                                        const HostTensor &labels);
  /// Validation accuracy now; the parameters are kept when it is the best.
  llvm::Expected<double> evaluateAndKeepBest(int64_t step, TrainResult &result);
  void drawProgress(int64_t step, int64_t total, double lossAvg, double accAvg,
                    std::optional<double> valAcc, double imagesPerSecond,
                    double secondsPerStep);
  /// `values` into the parameter globals; promoted constants back to
  /// tosa.const.
  void writeParameters(ArrayRef<HostTensor> values);
  llvm::Error checkModel(func::FuncOp func);
  /// Expands the training step, reads the parameters (initState) and
  /// JIT-compiles the step and the evaluation function.
  llvm::Error compile(func::FuncOp func);
  llvm::Error initState();
  llvm::Expected<double> evaluate();
  std::vector<float> thresholdValues() const;
  void freezeOne(int64_t step);
  /// Moves to the start of a cleared line when the progress line is live.
  const char *clearLine() const { return live ? "\r\x1b[K" : ""; }
  void logRow(int64_t step, double loss, double trainAcc,
              std::optional<double> valAcc, float lrW, float lrT);

  ModuleOp module;
  const Dataset &trainSet;
  const Dataset *validationSet;
  const TrainOptions &options;

  std::string entry;
  int64_t numClasses = 0;
  std::unique_ptr<JitModule> jit;
  std::vector<ParamSlot> slots;
  std::vector<size_t> thresholdSlots;
  /// Where the step's arguments and results are (read back from it).
  std::optional<mlir::tqt::TrainStepLayout> layout;
  std::vector<HostTensor> params, moments1, moments2, best;
  HostTensor frozen;
  // Graffitist freezing statistics (tqt-method 4).
  std::optional<::mlir::tqt::train::FreezingStats> freezing;
  unsigned numFrozen = 0;
  /// Progress goes to a terminal: one line redrawn in place.
  bool live = false;
};

llvm::Error Trainer::checkModel(func::FuncOp func) {
  if (func.getNumArguments() != 1)
    return createStringError(
        llvm::formatv("@{0} must take one argument (the images), it takes {1}",
                      entry, func.getNumArguments()));
  auto in = dyn_cast<RankedTensorType>(func.getArgumentTypes()[0]);
  ArrayRef<int64_t> img = trainSet.images.getShape();
  if (!in || in.getRank() != int64_t(img.size()) ||
      !in.getElementType().isF32())
    return createStringError(
        llvm::formatv("@{0} takes {1}, but the dataset's images are f32 {2}",
                      entry, func.getArgumentTypes()[0], shapeToString(img)));
  for (int64_t d = 1; d < in.getRank(); ++d)
    if (!in.isDynamicDim(d) && in.getDimSize(d) != img[d])
      return createStringError(
          llvm::formatv("@{0} takes {1}, but the dataset's images are {2}",
                        entry, in, shapeToString(img)));
  if (!in.isDynamicDim(0) && in.getDimSize(0) != options.batchSize)
    return createStringError(llvm::formatv(
        "@{0} has a static batch of {1}; train it with --batch-size {1} or "
        "give it a dynamic batch dimension",
        entry, in.getDimSize(0)));
  auto out = dyn_cast<RankedTensorType>(
      func.getResultTypes().empty() ? Type() : func.getResultTypes()[0]);
  if (!out || out.getRank() != 2 || out.isDynamicDim(1))
    return createStringError(llvm::formatv(
        "@{0} must return logits [batch, classes] with a static number of "
        "classes",
        entry));
  numClasses = out.getDimSize(1);
  for (const Dataset *ds : {&trainSet, validationSet}) {
    if (!ds)
      continue;
    const int32_t *l = ds->labels.dataAs<int32_t>();
    for (int64_t i = 0, e = ds->labels.getNumElements(); i < e; ++i)
      if (l[i] < 0 || l[i] >= numClasses)
        return createStringError(llvm::formatv(
            "label {0} of sample {1} is out of range for a model with {2} "
            "classes",
            l[i], i, numClasses));
  }
  return llvm::Error::success();
}

llvm::Error Trainer::compile(func::FuncOp func) {
  if (options.trainWeights)
    mlir::tqt::promoteTrainableConstants(func);
  OwningOpRef<ModuleOp> expanded(module.clone());
  mlir::tqt::TQTExpandTrainingOptions o;
  o.entry = entry;
  o.trainWeights = options.trainWeights;
  o.trainThresholds = options.trainThresholds;
  o.promoteConstants = false;
  o.lrWeights = options.lrWeights;
  o.lrThresholds = options.lrThresholds;
  // The recipe's decay intervals are for batch 24 (tqt-method 4).
  double scale = 24.0 / double(options.batchSize);
  o.weightsDecaySteps = std::max<int64_t>(1, int64_t(3000 * scale));
  o.thresholdsDecaySteps = std::max<int64_t>(1, int64_t(1000 * scale));
  PassManager pm(module.getContext());
  ::mlir::tqt::buildTrainingPipeline(pm, o);
  if (failed(pm.run(*expanded)))
    return createStringError("cannot build the training step (see the "
                             "diagnostics above)");
  auto step =
      expanded->lookupSymbol<func::FuncOp>(mlir::tqt::trainStepName(entry));
  auto read = mlir::tqt::TrainStepLayout::read(step);
  if (!read)
    return read.takeError();
  layout = *read;
  for (unsigned i = 0; i < layout->getNumParams(); ++i) {
    unsigned k = layout->paramArg(i);
    auto global = step.getArgAttrOfType<FlatSymbolRefAttr>(
        k, mlir::tqt::kTrainGlobalAttr);
    auto group =
        step.getArgAttrOfType<StringAttr>(k, mlir::tqt::kTrainGroupAttr);
    bool isThreshold =
        group.getValue() == mlir::tqt::train_role::kThresholdsGroup;
    if (isThreshold)
      thresholdSlots.push_back(slots.size());
    slots.push_back({global.getValue().str(), isThreshold});
  }
  // The parameters' values are read before the (slow) JIT compilation, so
  // that a missing or non-finite value fails at once.
  if (auto err = initState())
    return err;
  JitOptions jo;
  jo.optLevel = options.optLevel;
  jo.threads = options.threads;
  jo.kernels = options.kernels;
  jo.entryPoints = {mlir::tqt::trainStepName(entry),
                    mlir::tqt::evalName(entry)};
  auto compiled = JitModule::create(*expanded, jo);
  if (!compiled)
    return compiled.takeError();
  jit = std::move(*compiled);
  return llvm::Error::success();
}

llvm::Error Trainer::initState() {
  SymbolTable symbols(module);
  for (const ParamSlot &s : slots) {
    auto global = symbols.lookup<ml_program::GlobalOp>(s.global);
    auto value = readGlobal(global);
    if (!value)
      return value.takeError();
    if (!allFinite(*value))
      return createStringError(
          llvm::formatv("parameter @{0} has NaN or infinite values", s.global));
    moments1.emplace_back(DType::F32, value->getShape());
    moments2.emplace_back(DType::F32, value->getShape());
    params.push_back(std::move(*value));
  }
  frozen = HostTensor(DType::F32, {int64_t(thresholdSlots.size())});
  std::vector<size_t> channels;
  for (size_t k : thresholdSlots)
    channels.push_back(size_t(params[k].getNumElements()));
  freezing.emplace(std::move(channels));
  return llvm::Error::success();
}

llvm::Expected<double> Trainer::evaluate() {
  std::vector<const HostTensor *> leading;
  for (const HostTensor &p : params)
    leading.push_back(&p);
  auto acc = evaluateAccuracy(*jit, mlir::tqt::evalName(entry), leading,
                              validationSet->images, validationSet->labels,
                              std::max<int64_t>(options.batchSize, 500),
                              /*limit=*/0);
  if (!acc)
    return acc.takeError();
  return acc->percent();
}

/// Every threshold's values (one, or one per channel), in slot order.
std::vector<float> Trainer::thresholdValues() const {
  std::vector<float> theta;
  for (size_t k : thresholdSlots) {
    const float *v = params[k].dataAs<float>();
    theta.insert(theta.end(), v, v + params[k].getNumElements());
  }
  return theta;
}

/// Freezes the threshold Graffitist's rule picks, if any (tqt-method 4).
void Trainer::freezeOne(int64_t step) {
  std::vector<float> theta = thresholdValues();
  SmallVector<bool> isFrozen; // std::vector<bool> has no ArrayRef view
  for (size_t k = 0; k < thresholdSlots.size(); ++k)
    isFrozen.push_back(frozen.dataAs<float>()[k] != 0);
  std::optional<size_t> k = freezing->choose(theta, isFrozen);
  if (!k)
    return;
  frozen.dataAs<float>()[*k] = 1;
  ++numFrozen;
  if (options.progress)
    *options.progress << clearLine() << "tqt-train: step " << step
                      << ": froze @" << slots[thresholdSlots[*k]].global
                      << " at " << llvm::format("%.4f", theta[*k]) << "\n";
}

void Trainer::logRow(int64_t step, double loss, double trainAcc,
                     std::optional<double> valAcc, float lrW, float lrT) {
  llvm::raw_ostream &os = *options.log;
  os << step << "," << llvm::format("%.7g", loss) << ","
     << llvm::format("%.4f", trainAcc) << ",";
  if (valAcc)
    os << llvm::format("%.4f", *valAcc);
  os << "," << llvm::format("%.7g", lrW) << "," << llvm::format("%.7g", lrT)
     << "," << numFrozen;
  for (float theta : thresholdValues())
    os << "," << llvm::format("%.7g", theta);
  os << "\n";
}

/// Deterministic shuffling: Fisher-Yates with a seeded mt19937_64, a new
/// permutation whenever the rest of the current one is shorter than a batch.
class BatchSampler {
public:
  BatchSampler(int64_t numSamples, int64_t batchSize, uint64_t seed)
      : rng(seed), order(numSamples), batchSize(batchSize) {
    shuffle();
  }

  /// The sample indices of the next batch.
  ArrayRef<int64_t> next() {
    if (pos + batchSize > int64_t(order.size())) {
      shuffle();
      pos = 0;
    }
    ArrayRef<int64_t> rows(order.data() + pos, batchSize);
    pos += batchSize;
    return rows;
  }

private:
  void shuffle() {
    std::iota(order.begin(), order.end(), 0);
    for (int64_t i = int64_t(order.size()) - 1; i > 0; --i)
      std::swap(order[i], order[int64_t(rng() % uint64_t(i + 1))]);
  }

  std::mt19937_64 rng;
  std::vector<int64_t> order;
  int64_t batchSize;
  int64_t pos = 0;
};

llvm::Expected<int64_t> Trainer::prepare() {
  auto name = resolveEntryPoint(module, options.entry);
  if (!name)
    return name.takeError();
  entry = *name;
  if (options.batchSize <= 0)
    return createStringError("the batch size must be positive");
  auto func = module.lookupSymbol<func::FuncOp>(entry);
  if (auto err = checkModel(func))
    return std::move(err);
  int64_t n = trainSet.images.getShape()[0];
  if (n < options.batchSize)
    return createStringError(llvm::formatv(
        "the training set has {0} samples, fewer than one batch of {1}", n,
        options.batchSize));
  int64_t perEpoch = n / options.batchSize;
  int64_t total = options.steps > 0
                      ? options.steps
                      : int64_t(std::ceil(options.epochs * double(perEpoch)));
  if (total <= 0)
    return createStringError("nothing to do: give --steps or --epochs");
  if (auto err = compile(func))
    return std::move(err);
  return total;
}

llvm::Expected<Trainer::StepOutcome>
Trainer::trainStep(int64_t step, const HostTensor &images,
                   const HostTensor &labels) {
  size_t np = params.size(), nt = thresholdSlots.size();
  HostTensor stepT = scalarI32(int32_t(step));
  std::vector<const HostTensor *> args(layout->getNumArguments());
  for (size_t i = 0; i < np; ++i) {
    args[layout->paramArg(i)] = &params[i];
    args[layout->adamMArg(i)] = &moments1[i];
    args[layout->adamVArg(i)] = &moments2[i];
  }
  args[layout->stepArg()] = &stepT;
  if (nt)
    args[layout->frozenArg()] = &frozen;
  args[layout->inputArg(0)] = &images;
  args[layout->labelsArg()] = &labels;
  auto out = jit->invoke(mlir::tqt::trainStepName(entry), args);
  if (!out)
    return out.takeError();
  std::vector<HostTensor> &r = *out;
  StepOutcome outcome;
  outcome.loss = *r[layout->lossResult()].dataAs<float>();
  if (!std::isfinite(outcome.loss))
    return createStringError(llvm::formatv(
        "the loss is {0} at step {1} (learning rates {2} / {3}); stopping "
        "without writing the model",
        outcome.loss, step, options.lrWeights, options.lrThresholds));
  for (size_t i = 0; i < np; ++i)
    if (!allFinite(r[layout->paramResult(i)]))
      return createStringError(llvm::formatv(
          "parameter @{0} became NaN or infinite at step {1}; stopping "
          "without writing the model",
          slots[i].global, step));
  for (size_t i = 0; i < np; ++i) {
    params[i] = std::move(r[layout->paramResult(i)]);
    moments1[i] = std::move(r[layout->adamMResult(i)]);
    moments2[i] = std::move(r[layout->adamVResult(i)]);
  }
  std::vector<int64_t> pred = argmaxRows(r[layout->outputResult()]);
  int64_t correct = 0;
  for (size_t i = 0; i < pred.size(); ++i)
    correct += pred[i] == labels.dataAs<int32_t>()[i];
  outcome.trainAccuracy = 100.0 * double(correct) / double(pred.size());
  if (nt) {
    const float *g = r[layout->thresholdGradsResult()].dataAs<float>();
    freezing->record(thresholdValues(), ArrayRef<float>(g, nt));
  }
  outcome.lrWeights = *r[layout->lrWeightsResult()].dataAs<float>();
  outcome.lrThresholds = *r[layout->lrThresholdsResult()].dataAs<float>();
  return outcome;
}

llvm::Expected<double> Trainer::evaluateAndKeepBest(int64_t step,
                                                    TrainResult &result) {
  auto acc = evaluate();
  if (!acc)
    return acc.takeError();
  if (*acc > result.bestAccuracy) {
    result.bestAccuracy = *acc;
    result.bestStep = step;
    for (size_t i = 0; i < params.size(); ++i)
      best[i] = copyTensor(params[i]);
  }
  return *acc;
}

void Trainer::drawProgress(int64_t step, int64_t total, double lossAvg,
                           double accAvg, std::optional<double> valAcc,
                           double imagesPerSecond, double secondsPerStep) {
  *options.progress << clearLine()
                    << llvm::formatv("tqt-train: step {0}/{1}  loss {2:F4}  "
                                     "train {3:F1}%",
                                     step, total, lossAvg, accAvg);
  if (valAcc)
    *options.progress << llvm::formatv("  val {0:F2}%", *valAcc);
  *options.progress << llvm::formatv(
      "  {0:F0} img/s  ETA {1}", imagesPerSecond,
      formatDuration(secondsPerStep * double(total - step)));
  bool newline = !live || valAcc || step == total;
  *options.progress << (newline ? "\n" : "");
  options.progress->flush();
}

void Trainer::writeParameters(ArrayRef<HostTensor> values) {
  SymbolTable symbols(module);
  for (size_t i = 0; i < slots.size(); ++i)
    writeGlobal(symbols.lookup<ml_program::GlobalOp>(slots[i].global),
                values[i]);
  mlir::tqt::demotePromotedGlobals(module);
}

llvm::Expected<TrainResult> Trainer::run() {
  auto planned = prepare();
  if (!planned)
    return planned.takeError();
  const int64_t total = *planned;
  TrainResult result;
  live = options.progress && options.progress->is_displayed();
  const int64_t freezeStart =
      options.freezeStart >= 0
          ? options.freezeStart
          : std::max<int64_t>(1, 1000 * 24 / options.batchSize);
  if (options.log) {
    *options.log << "step,loss,train_accuracy,val_accuracy,lr_weights,"
                    "lr_thresholds,frozen";
    // One column per threshold value: per-channel thresholds as
    // global[c].
    for (size_t k : thresholdSlots) {
      if (params[k].getRank() == 0) {
        *options.log << "," << slots[k].global;
        continue;
      }
      for (int64_t c = 0; c < params[k].getNumElements(); ++c)
        *options.log << "," << slots[k].global << "[" << c << "]";
    }
    *options.log << "\n";
  }
  if (validationSet) {
    auto acc = evaluate();
    if (!acc)
      return acc.takeError();
    result.initialAccuracy = result.bestAccuracy = *acc;
    for (const HostTensor &p : params)
      best.push_back(copyTensor(p));
    if (options.progress)
      *options.progress << llvm::formatv(
          "tqt-train: {0} steps of {1} images; validation accuracy "
          "before training {2:F2}%\n",
          total, options.batchSize, *acc);
  }

  BatchSampler sampler(trainSet.images.getShape()[0], options.batchSize,
                       options.seed);
  bool graffitistFreezing =
      options.freezing == ::mlir::tqt::train::Freezing::Graffitist &&
      !thresholdSlots.empty();
  auto start = std::chrono::steady_clock::now();
  double evalSeconds = 0; // excluded from images/s
  double lastDraw = -1;   // when the live progress line was last drawn
  double lossAvg = 0, accAvg = 0;
  for (int64_t step = 1; step <= total; ++step) {
    ArrayRef<int64_t> rows = sampler.next();
    HostTensor images = gatherRows(trainSet.images, rows);
    HostTensor labels = gatherRows(trainSet.labels, rows);
    auto outcome = trainStep(step, images, labels);
    if (!outcome)
      return outcome.takeError();
    if (graffitistFreezing && step >= freezeStart &&
        (step - freezeStart) % options.freezeEvery == 0) {
      freezeOne(step);
      freezing->resetWindow();
    }
    std::optional<double> valAcc;
    if (validationSet &&
        ((options.evalEvery > 0 && step % options.evalEvery == 0) ||
         step == total)) {
      auto evalStart = std::chrono::steady_clock::now();
      auto acc = evaluateAndKeepBest(step, result);
      if (!acc)
        return acc.takeError();
      evalSeconds += std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - evalStart)
                         .count();
      valAcc = *acc;
    }
    if (options.log &&
        (step % options.logEvery == 0 || step == total || valAcc))
      logRow(step, outcome->loss, outcome->trainAccuracy, valAcc,
             outcome->lrWeights, outcome->lrThresholds);
    double k = std::min<double>(step, 20);
    lossAvg += (outcome->loss - lossAvg) / k;
    accAvg += (outcome->trainAccuracy - accAvg) / k;
    result.finalLoss = outcome->loss;
    double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count() -
        evalSeconds;
    result.imagesPerSecond =
        elapsed > 0 ? double(step * options.batchSize) / elapsed : 0;
    // On a terminal the line is redrawn every step and kept at evaluations
    // and at the end; in a log, a line every 20 steps.
    bool keep = step % 20 == 0 || step == total || valAcc || step == 1;
    bool redraw = live && elapsed + evalSeconds - lastDraw >= 0.1;
    if (options.progress && (keep || redraw)) {
      lastDraw = elapsed + evalSeconds;
      drawProgress(step, total, lossAvg, accAvg, valAcc, result.imagesPerSecond,
                   elapsed / double(step));
    }
  }
  result.steps = total;
  result.numFrozen = numFrozen;
  // The kept checkpoint into the model.
  writeParameters(validationSet ? best : params);
  return result;
}

} // namespace

auto ::mlir::tqt::train::train(ModuleOp module, const Dataset &trainSet,
                               const Dataset *validationSet,
                               const TrainOptions &options)
    -> llvm::Expected<TrainResult> {
  return Trainer(module, trainSet, validationSet, options).run();
}
