//===- tqt-calibrate.cpp - Initial thresholds from data -------------------===//
//
// tqt-calibrate MODEL.mlir -e FUNC (--data X.npy | --dataset
// fashion-mnist[:train])
//               [--samples N] [--mode static|retrain] -o OUT.mlir
//
// Runs the simulation graph natively (one compiled module) and sets each
// quantizer's log2 threshold with MAX / 3SD / KL-J (tqt-method 3.1-3.2).
//
//===----------------------------------------------------------------------===//

#include "tqt/Calibration/Calibrator.h"
#include "tqt/Execution/Dataset.h"
#include "tqt/Execution/JitModule.h"
#include "tqt/Execution/ModelFile.h"
#include "tqt/Execution/Npy.h"
#include "tqt/InitAll.h"
#include "tqt/Support/MemoryPolicy.h"
#include "tqt/Support/OutputFile.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace mlir::tqt;
using mlir::tqt::OutputFile;

static cl::OptionCategory category("tqt-calibrate options");

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<model.mlir or - for stdin>"),
                                      cl::init("-"), cl::cat(category));
static cl::opt<std::string>
    entry("e", cl::desc("Function to calibrate (default: the only public one)"),
          cl::value_desc("name"), cl::cat(category));
static cl::alias entryLong("entry", cl::aliasopt(entry), cl::cat(category));
static cl::opt<std::string> output("o", cl::desc("Output model"),
                                   cl::value_desc("file.mlir"), cl::Required,
                                   cl::cat(category));
static cl::opt<std::string>
    data("data", cl::desc("Calibration samples (.npy, f32, samples first)"),
         cl::value_desc("file.npy"), cl::cat(category));
static cl::opt<std::string> dataset(
    "dataset",
    cl::desc("Calibration samples from a dataset: fashion-mnist[:train|:test] "
             "(default split: train; images as f32 [N,28,28,1] = pixel/255)"),
    cl::value_desc("name[:split]"), cl::cat(category));
static cl::opt<std::string>
    datasetDir("dataset-dir", cl::desc("Where the dataset's IDX files are"),
               cl::init(exec::kFashionMnistDir), cl::cat(category));
static cl::opt<int64_t>
    numSamples("samples",
               cl::desc("Number of samples, the first N of the data (50, as "
                        "Graffitist)"),
               cl::init(50), cl::cat(category));
enum class Mode { Static, Retrain };
static cl::opt<Mode>
    mode("mode", cl::desc("Rules for weight thresholds (tqt-method 3.1)"),
         cl::init(Mode::Static),
         cl::values(clEnumValN(Mode::Static, "static",
                               "MAX for weights (post-training quantization)"),
                    clEnumValN(Mode::Retrain, "retrain",
                               "3SD for weights (before threshold training)")),
         cl::cat(category));
static cl::opt<std::string>
    weightMethod("weight-method",
                 cl::desc("Override the weight rule: max, 3sd or kl-j"),
                 cl::cat(category));
static cl::opt<std::string> activationMethod(
    "activation-method",
    cl::desc("Rule for every other threshold: max, 3sd or kl-j (default "
             "kl-j, which falls back to max for short tensors)"),
    cl::init("kl-j"), cl::cat(category));
static cl::opt<int64_t>
    batchSize("batch-size",
              cl::desc("Samples per call for a dynamic batch (0: all at once)"),
              cl::init(0), cl::cat(category));
static cl::opt<bool> quiet("quiet", cl::desc("No progress lines"),
                           cl::cat(category));
static cl::opt<bool> oneRunPerThreshold(
    "one-run-per-threshold",
    cl::desc("Run the samples once per threshold instead of sharing runs "
             "between independent thresholds (the same thresholds, slower)"),
    cl::cat(category));
static cl::opt<bool> wholeGraphRuns(
    "whole-graph-runs",
    cl::desc("Run the whole graph for every run over the samples instead of "
             "each op once, in the run of the first threshold that needs it "
             "(the same thresholds, slower)"),
    cl::cat(category));

static cl::opt<std::string>
    kernels("kernels", cl::desc(::mlir::tqt::codegen::kKernelsOptionHelp),
            cl::init("auto"), cl::cat(category));

static int fail(const Twine &msg) {
  WithColor::error(errs(), "tqt-calibrate") << msg << "\n";
  return 1;
}

int main(int argc, char **argv) {
  // Compiled code is called repeatedly: keep its freed buffers in the heap.
  ::mlir::tqt::retainFreedMemory();
  InitLLVM init(argc, argv);
  ::mlir::tqt::exec::getThreadsOption(category);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "tqt-calibrate: set the initial thresholds of a simulation graph\n");
  if (data.empty() == dataset.empty())
    return fail("give exactly one of --data and --dataset");
  if (numSamples <= 0)
    return fail("--samples must be positive");
  if (batchSize < 0)
    return fail("--batch-size must be positive (or 0: all samples at once)");

  calib::CalibrationOptions options;
  auto wm = weightMethod.empty()
                ? std::optional<calib::Method>(mode == Mode::Static
                                                   ? calib::Method::Max
                                                   : calib::Method::ThreeSD)
                : calib::parseMethod(weightMethod);
  auto am = calib::parseMethod(activationMethod);
  if (!wm)
    return fail("unknown --weight-method '" + weightMethod +
                "' (max, 3sd or kl-j)");
  if (!am)
    return fail("unknown --activation-method '" + activationMethod +
                "' (max, 3sd or kl-j)");
  options.weightMethod = *wm;
  options.activationMethod = *am;
  options.batchSize = batchSize;
  options.oneRunPerThreshold = oneRunPerThreshold;
  options.wholeGraphRuns = wholeGraphRuns;
  options.threads = ::mlir::tqt::exec::getThreadsOption(category);
  auto kernelRequest = ::mlir::tqt::codegen::parseKernelRequest(kernels);
  if (!kernelRequest)
    return fail(toString(kernelRequest.takeError()));
  options.kernels = *kernelRequest;
  options.progress = quiet ? nullptr : &errs();

  // Samples.
  exec::HostTensor samples;
  if (!data.empty()) {
    auto t = exec::readNpy(data);
    if (!t)
      return fail(toString(t.takeError()));
    if (t->getRank() == 0)
      return fail(data + ": calibration data needs a sample dimension");
    samples = exec::takeFirst(*t, numSamples);
  } else {
    auto ds = exec::loadDataset(dataset, "train", datasetDir);
    if (!ds)
      return fail(toString(ds.takeError()));
    samples = exec::takeFirst(ds->images, numSamples);
  }
  if (samples.getShape()[0] < numSamples) {
    // Asked for explicitly: an error; the default (50): a note.
    if (numSamples.getNumOccurrences())
      return fail("--samples " + Twine(numSamples) +
                  " asks for more than the " + Twine(samples.getShape()[0]) +
                  " samples of the data");
    if (!quiet)
      errs() << "tqt-calibrate: only " << samples.getShape()[0]
             << " samples available\n";
  }
  calib::NonFiniteCount bad;
  if (samples.getDType() == exec::DType::F32)
    bad = calib::countNonFinite(
        ArrayRef(samples.dataAs<float>(), size_t(samples.getNumElements())));
  if (bad.total() != 0 && bad.total() != size_t(samples.getNumElements()))
    WithColor::warning(errs(), "tqt-calibrate")
        << "the calibration samples hold " << bad.nan << " NaN and " << bad.inf
        << " infinite values (of " << samples.getNumElements()
        << "); thresholds are computed from the finite values\n";

  // The output is checked (and its temporary created) before the work.
  auto out = OutputFile::open(output);
  if (!out)
    return fail(toString(out.takeError()));

  std::unique_ptr<mlir::MLIRContext> context = ::mlir::tqt::createToolContext();
  std::string errorMessage;
  auto model = exec::ModelFile::load(inputFile, *context, errorMessage);
  if (!model)
    return errorMessage.empty() ? 1 : fail(errorMessage);
  auto name = exec::resolveEntryPoint(model->getModule(), entry);
  if (!name)
    return fail(toString(name.takeError()));
  options.entry = *name;

  auto report = calib::calibrate(model->getModule(), samples, options);
  if (!report)
    return fail(toString(report.takeError()));
  for (const calib::CalibratedThreshold &r : *report)
    if (r.ignored.total() != 0)
      WithColor::warning(errs(), "tqt-calibrate")
          << "@" << r.global << ": " << r.ignored.nan << " NaN and "
          << r.ignored.inf << " infinite values left out (threshold from "
          << r.numElements << " finite values)\n";

  model->getModule().print(out->os());
  out->os() << "\n";
  if (Error err = out->commit())
    return fail(toString(std::move(err)));
  return 0;
}
