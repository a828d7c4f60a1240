//===- tqt-train.cpp - Train thresholds and weights on data ---------------===//
//
// tqt-train MODEL.mlir -e FUNC --dataset fashion-mnist [--batch-size 24]
//           [--steps N | --epochs E] [--lr-weights 1e-6] [--lr-thresholds
//           1e-2] [--no-train-weights] [--freeze-thresholds=graffitist|none]
//           [--eval-every K] [--log train.csv] [--seed S] -o TRAINED.mlir
//
// Compiles the training step of the model once (--tqt-expand-training) and
// runs the TQT recipe (tqt-method 4); docs/Training.md.
//
//===----------------------------------------------------------------------===//

#include "tqt/Execution/Dataset.h"
#include "tqt/Execution/JitModule.h"
#include "tqt/Execution/ModelFile.h"
#include "tqt/InitAll.h"
#include "tqt/Support/MemoryPolicy.h"
#include "tqt/Support/OutputFile.h"
#include "tqt/Training/Trainer.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace mlir::tqt;
using mlir::tqt::OutputFile;

static cl::OptionCategory category("tqt-train options");

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<model.mlir or - for stdin>"),
                                      cl::init("-"), cl::cat(category));
static cl::opt<std::string>
    entry("e", cl::desc("Function to train (default: the only public one)"),
          cl::value_desc("name"), cl::cat(category));
static cl::alias entryLong("entry", cl::aliasopt(entry), cl::cat(category));
static cl::opt<std::string> output("o", cl::desc("Trained model"),
                                   cl::value_desc("file.mlir"), cl::Required,
                                   cl::cat(category));
static cl::opt<std::string> dataset(
    "dataset",
    cl::desc("Training data: fashion-mnist (trains on its train split less "
             "the last --val-samples images, which choose the checkpoint; "
             "the test split is never used)"),
    cl::value_desc("name"), cl::Required, cl::cat(category));
static cl::opt<std::string>
    datasetDir("dataset-dir", cl::desc("Where the dataset's IDX files are"),
               cl::init(exec::kFashionMnistDir), cl::cat(category));
static cl::opt<int64_t> trainSamples(
    "train-samples",
    cl::desc("Train on the first N samples of the train split (0: all "
             "before the validation samples)"),
    cl::init(0), cl::cat(category));
static cl::opt<int64_t> valSamples(
    "val-samples",
    cl::desc("The last N images of the train split are the validation set, "
             "never trained on, on which --eval-every chooses the kept "
             "checkpoint (0: no validation, the last checkpoint is kept)"),
    cl::init(5000), cl::cat(category));
// The old option evaluated on the test split; it is refused with a pointer
// to what replaced it, so that no script selects on test data by accident.
static cl::opt<int64_t> removedEvalSamples("eval-samples", cl::Hidden,
                                           cl::init(-1), cl::cat(category));
static cl::opt<int64_t> batchSize("batch-size", cl::desc("Batch size"),
                                  cl::init(24), cl::cat(category));
static cl::opt<int64_t> steps("steps", cl::desc("Number of training steps"),
                              cl::init(0), cl::cat(category));
static cl::opt<double> epochs("epochs",
                              cl::desc("Number of epochs (when no --steps)"),
                              cl::init(0), cl::cat(category));
static cl::opt<double> lrWeights("lr-weights",
                                 cl::desc("Initial learning rate of weights"),
                                 cl::init(1e-6), cl::cat(category));
static cl::opt<double>
    lrThresholds("lr-thresholds",
                 cl::desc("Initial learning rate of log2 thresholds"),
                 cl::init(1e-2), cl::cat(category));
static cl::opt<bool> trainWeights(
    "train-weights",
    cl::desc("Train weights and biases (--no-train-weights: thresholds only)"),
    cl::init(true), cl::cat(category));
static cl::opt<bool> noTrainWeights("no-train-weights",
                                    cl::desc("Train the thresholds only"),
                                    cl::cat(category));
static cl::opt<bool> trainThresholds(
    "train-thresholds",
    cl::desc("Train log2 thresholds (--train-thresholds=false: weights only, "
             "thresholds fixed)"),
    cl::init(true), cl::cat(category));
static cl::opt<train::Freezing> freezing(
    "freeze-thresholds",
    cl::desc("Incremental threshold freezing (tqt-method 4)"),
    cl::init(train::Freezing::Graffitist),
    cl::values(clEnumValN(train::Freezing::Graffitist, "graffitist",
                          "one threshold every --freeze-every steps from "
                          "--freeze-start"),
               clEnumValN(train::Freezing::None, "none", "never freeze")),
    cl::cat(category));
static cl::opt<int64_t> freezeStart(
    "freeze-start",
    cl::desc("First freezing step (default: 1000 * 24 / batch size)"),
    cl::init(-1), cl::cat(category));
static cl::opt<int64_t> freezeEvery("freeze-every",
                                    cl::desc("Steps between two freezes"),
                                    cl::init(50), cl::cat(category));
static cl::opt<int64_t> evalEvery(
    "eval-every",
    cl::desc("Evaluate on the validation set every K steps and keep the best "
             "checkpoint (0: at the end only)"),
    cl::init(0), cl::cat(category));
static cl::opt<std::string>
    logFile("log",
            cl::desc("CSV log: a row per logged step (loss, learning rates, "
                     "accuracy, every threshold)"),
            cl::value_desc("train.csv"), cl::cat(category));
static cl::opt<int64_t> logEvery("log-every",
                                 cl::desc("Steps between two log rows"),
                                 cl::init(1), cl::cat(category));
static cl::opt<uint64_t> seed("seed", cl::desc("Shuffling seed"), cl::init(0),
                              cl::cat(category));
static cl::opt<unsigned>
    optLevel("O",
             cl::desc("JIT optimization level 0-3 (the code generator's; "
                      "LLVM's optimizer runs at most O2)"),
             cl::init(3), cl::cat(category));
static cl::opt<bool> quiet("quiet", cl::desc("No progress lines"),
                           cl::cat(category));

static cl::opt<std::string>
    kernels("kernels", cl::desc(::mlir::tqt::codegen::kKernelsOptionHelp),
            cl::init("auto"), cl::cat(category));

static int fail(const Twine &msg) {
  WithColor::error(errs(), "tqt-train") << msg << "\n";
  return 1;
}

int main(int argc, char **argv) {
  // Compiled code is called repeatedly: keep its freed buffers in the heap.
  ::mlir::tqt::retainFreedMemory();
  InitLLVM init(argc, argv);
  exec::getThreadsOption(category);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv, "tqt-train: train the thresholds and weights of a model\n");
  if (optLevel > 3)
    return fail("-O must be 0-3");
  if (steps < 0 || epochs < 0 || (steps == 0 && epochs == 0))
    return fail("give --steps N or --epochs E (positive)");
  if (removedEvalSamples.getNumOccurrences())
    return fail("--eval-samples is gone: tqt-train chooses its checkpoint on "
                "a validation split of the training data (--val-samples N); "
                "measure the test split with tqt-run --eval");
  if (batchSize <= 0 || freezeEvery <= 0 || logEvery <= 0 || evalEvery < 0 ||
      trainSamples < 0 || valSamples < 0)
    return fail("--batch-size, --freeze-every and --log-every must be "
                "positive; --eval-every and the sample counts not negative");
  if (!(lrWeights > 0) || !(lrThresholds > 0))
    return fail("learning rates must be positive");
  bool weights = trainWeights && !noTrainWeights;
  if (!weights && !trainThresholds)
    return fail("nothing to train: both weights and thresholds are off");
  StringRef name = StringRef(dataset).split(':').first;
  if (StringRef(dataset).contains(':'))
    return fail("--dataset takes the dataset name only: tqt-train uses its "
                "train split (less --val-samples for validation)");

  auto split = exec::loadDataset(name, "train", datasetDir);
  if (!split)
    return fail(toString(split.takeError()));
  int64_t n = split->images.getShape()[0];
  if (valSamples >= n)
    return fail("--val-samples " + Twine(valSamples) +
                " leaves nothing to train on: the train split has " + Twine(n) +
                " samples");
  int64_t trainable = n - valSamples;
  if (trainSamples > trainable)
    return fail("--train-samples " + Twine(trainSamples) +
                " asks for more than the " + Twine(trainable) +
                " samples of the train split before the " + Twine(valSamples) +
                " validation samples");
  int64_t used = trainSamples > 0 ? trainSamples : trainable;
  exec::Dataset trainSet{exec::sliceRows(split->images, 0, used),
                         exec::sliceRows(split->labels, 0, used)};
  exec::Dataset valSet{exec::sliceRows(split->images, trainable, n),
                       exec::sliceRows(split->labels, trainable, n)};

  std::unique_ptr<mlir::MLIRContext> context = ::mlir::tqt::createToolContext();
  std::string errorMessage;
  auto model = exec::ModelFile::load(inputFile, *context, errorMessage);
  if (!model)
    return errorMessage.empty() ? 1 : fail(errorMessage);

  // Both outputs are checked (and their temporaries created) before the
  // training; they are put in place only when it succeeds.
  auto out = OutputFile::open(output);
  if (!out)
    return fail(toString(out.takeError()));
  std::optional<OutputFile> log;
  if (!logFile.empty()) {
    auto opened = OutputFile::open(logFile);
    if (!opened)
      return fail(toString(opened.takeError()));
    log.emplace(std::move(*opened));
  }
  train::TrainOptions options;
  options.entry = entry;
  options.batchSize = batchSize;
  options.steps = steps;
  options.epochs = epochs;
  options.lrWeights = lrWeights;
  options.lrThresholds = lrThresholds;
  options.trainWeights = weights;
  options.trainThresholds = trainThresholds;
  options.freezing = freezing;
  options.freezeStart = freezeStart;
  options.freezeEvery = freezeEvery;
  options.evalEvery = evalEvery;
  options.seed = seed;
  options.optLevel = optLevel;
  options.threads = exec::getThreadsOption(category);
  auto kernelRequest = ::mlir::tqt::codegen::parseKernelRequest(kernels);
  if (!kernelRequest)
    return fail(toString(kernelRequest.takeError()));
  options.kernels = *kernelRequest;
  options.progress = quiet ? nullptr : &errs();
  options.log = log ? &log->os() : nullptr;
  options.logEvery = logEvery;

  auto result = train::train(model->getModule(), trainSet,
                             valSamples > 0 ? &valSet : nullptr, options);
  if (!result)
    return fail(toString(result.takeError()));
  outs() << formatv("steps: {0}\nfinal loss: {1:F6}\n", result->steps,
                    result->finalLoss);
  if (valSamples > 0)
    outs() << formatv("validation accuracy before: {0:F2}%\nvalidation "
                      "accuracy: {1:F2}% (step {2}, kept)\n",
                      result->initialAccuracy, result->bestAccuracy,
                      result->bestStep);
  else
    outs() << "validation: none (the last step is kept)\n";
  outs() << formatv("frozen thresholds: {0}\nimages/s: {1:F1}\n",
                    result->numFrozen, result->imagesPerSecond);

  // The log first: when it cannot be written, no model appears either.
  if (log)
    if (Error err = log->commit())
      return fail(toString(std::move(err)));
  model->getModule().print(out->os());
  out->os() << "\n";
  if (Error err = out->commit())
    return fail(toString(std::move(err)));
  if (Error err = flushStandardOutput())
    return fail(toString(std::move(err)));
  return 0;
}
