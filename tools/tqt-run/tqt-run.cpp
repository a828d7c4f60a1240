//===- tqt-run.cpp - Run a tensor function on .npy inputs -----------------===//
//
// tqt-run MODEL.mlir -e FUNC -i a.npy -i b.npy [--output-dir DIR]
//
// Lowers the module with --tqt-lower-to-llvm, JIT-compiles it once
// (mlir::tqt::exec::JitModule) and calls FUNC; or, with --reference, evaluates
// FUNC with the numerics reference instead. Results go to DIR/result<N>.npy, or
// are summarized on stdout. Every error is a message and a non-zero exit.
//
//===----------------------------------------------------------------------===//

#include "tqt/Codegen/KernelIsa.h"
#include "tqt/Execution/Dataset.h"
#include "tqt/Execution/Evaluation.h"
#include "tqt/Execution/HostTensor.h"
#include "tqt/Execution/Interpreter.h"
#include "tqt/Execution/JitModule.h"
#include "tqt/Execution/LayerCompare.h"
#include "tqt/Execution/ModelFile.h"
#include "tqt/Execution/Npy.h"
#include "tqt/Execution/RandomInputs.h"
#include "tqt/InitAll.h"
#include "tqt/Support/MemoryPolicy.h"
#include "tqt/Support/OutputFile.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace llvm;
using namespace mlir::tqt::exec;

static cl::OptionCategory category("tqt-run options");

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<model.mlir or - for stdin>"),
                                      cl::init("-"), cl::cat(category));
static cl::opt<std::string>
    entry("e", cl::desc("Function to run (default: the only public function)"),
          cl::value_desc("name"), cl::cat(category));
static cl::alias entryLong("entry", cl::aliasopt(entry), cl::cat(category));
static cl::list<std::string>
    inputs("i", cl::desc("Input .npy file, one per argument, in order"),
           cl::value_desc("file.npy"), cl::cat(category));
static cl::alias inputsLong("input", cl::aliasopt(inputs), cl::cat(category));
static cl::opt<std::string>
    outputDir("output-dir",
              cl::desc("Write each result to DIR/result<N>.npy (created if "
                       "missing) instead of printing a summary"),
              cl::value_desc("dir"), cl::cat(category));
static cl::opt<bool> randomInputs(
    "random-inputs",
    cl::desc("Generate the inputs from the signature (see --seed, "
             "--dynamic-size); floats are dyadic values m * 2^-6 with m "
             "uniform in [-4096, 4096], integers uniform over their type"),
    cl::cat(category));
static cl::opt<uint64_t> seed("seed", cl::desc("Seed of --random-inputs"),
                              cl::init(0), cl::cat(category));
static cl::opt<int64_t> dynamicSize(
    "dynamic-size",
    cl::desc("Size of every dynamic dimension with --random-inputs"),
    cl::init(1), cl::cat(category));
static cl::opt<std::string>
    dumpInputs("dump-inputs",
               cl::desc("Also write the inputs used to DIR/input<N>.npy (with "
                        "--random-inputs, to replay them)"),
               cl::value_desc("dir"), cl::cat(category));
static cl::opt<bool> reference(
    "reference",
    cl::desc("Evaluate with the numerics reference (FixedPoint.h) instead of "
             "compiling; for functions of tqt ops and constants"),
    cl::cat(category));
static cl::opt<unsigned>
    optLevel("O",
             cl::desc("JIT optimization level 0-3 (the code generator's; "
                      "LLVM's optimizer runs at most O2)"),
             cl::init(3), cl::Prefix, cl::cat(category));
static cl::opt<std::string>
    cpu("mcpu",
        cl::desc("CPU to compile for: host (default: the host's x86-64 level "
                 "and features), native (the host model), or an LLVM CPU name"),
        cl::init("host"), cl::cat(category));
static cl::opt<std::string>
    kernels("kernels", cl::desc(::mlir::tqt::codegen::kKernelsOptionHelp),
            cl::init("auto"), cl::cat(category));
static cl::opt<unsigned>
    repeat("repeat",
           cl::desc("Call the function N times on the same inputs (one "
                    "compilation) and report the time per call on stderr"),
           cl::init(1), cl::cat(category));
static cl::opt<unsigned>
    warmup("warmup",
           cl::desc("Call the function N times before the --repeat calls, "
                    "untimed (first-touch page faults, cold caches)"),
           cl::init(0), cl::cat(category));
static cl::opt<unsigned>
    printLimit("print-limit",
               cl::desc("Elements printed per result in the summary (0: all)"),
               cl::init(64), cl::cat(category));

static cl::opt<std::string> dataset(
    "dataset",
    cl::desc("With --eval: the labelled data, fashion-mnist[:test|:train] "
             "(default split: test), optionally rows of it: "
             "fashion-mnist:train[55000:]"),
    cl::value_desc("name[:split[[begin:end]]]"), cl::cat(category));
static cl::opt<std::string>
    datasetDir("dataset-dir", cl::desc("Where the dataset's IDX files are"),
               cl::init(::mlir::tqt::exec::kFashionMnistDir),
               cl::cat(category));
static cl::opt<bool>
    eval("eval",
         cl::desc("Run the whole --dataset split in batches and print the "
                  "top-1 accuracy of the function's logits"),
         cl::cat(category));
static cl::opt<int64_t>
    evalBatch("eval-batch",
              cl::desc("Samples per call with --eval (a static batch "
                       "dimension overrides it)"),
              cl::init(500), cl::cat(category));
static cl::opt<int64_t>
    evalSamples("eval-samples",
                cl::desc("With --eval: the first N samples only (0: all)"),
                cl::init(0), cl::cat(category));

static cl::opt<bool> compareLayersFlag(
    "compare-layers",
    cl::desc("Check that the fused integer program of this simulation graph "
             "equals it bit for bit, quantizer by quantizer, on the inputs "
             "(-i, --random-inputs, or the --dataset images in batches of "
             "--eval-batch); prints the first differing element of each "
             "quantizer that differs and exits 1, or a bit-exact summary"),
    cl::cat(category));

static cl::opt<std::string> integerProgram(
    "integer",
    cl::desc("With --compare-layers: compare against this integer program "
             "(made by tqt-opt --tqt-legalize-pow2=trace=true "
             "--tqt-fuse-integer from the same model) instead of fusing "
             "the model here"),
    cl::value_desc("fused.mlir"), cl::cat(category));

static int fail(const Twine &msg) {
  WithColor::error(errs(), "tqt-run") << msg << "\n";
  return 1;
}

static int fail(Error err) { return fail(toString(std::move(err))); }

static void printValue(raw_ostream &os, const HostTensor &t, int64_t i) {
  switch (t.getDType()) {
  case DType::F32:
    os << format("%.9g", double(t.dataAs<float>()[i]));
    return;
  case DType::F64:
    os << format("%.17g", t.dataAs<double>()[i]);
    return;
  case DType::I8:
    os << int(t.dataAs<int8_t>()[i]);
    return;
  case DType::U8:
    os << unsigned(t.dataAs<uint8_t>()[i]);
    return;
  case DType::I16:
    os << t.dataAs<int16_t>()[i];
    return;
  case DType::I32:
    os << t.dataAs<int32_t>()[i];
    return;
  case DType::I64:
    os << t.dataAs<int64_t>()[i];
    return;
  }
}

static void printSummary(raw_ostream &os, size_t index, const HostTensor &t) {
  os << "result" << index << ": " << dtypeName(t.getDType()) << " "
     << shapeToString(t.getShape()) << " = [";
  int64_t n = t.getNumElements();
  int64_t shown = printLimit == 0 ? n : std::min<int64_t>(n, printLimit);
  for (int64_t i = 0; i < shown; ++i) {
    if (i)
      os << ", ";
    printValue(os, t, i);
  }
  if (shown < n)
    os << ", ... (" << n - shown << " more)";
  os << "]\n";
}

static JitOptions jitOptions() {
  JitOptions options;
  options.optLevel = optLevel;
  options.threads = getThreadsOption(category);
  options.cpu = cpu;
  // Checked in main.
  options.kernels = cantFail(::mlir::tqt::codegen::parseKernelRequest(kernels));
  return options;
}

/// The module JIT-compiled with the command line's level and CPU, only
/// `name` kept.
static Expected<std::unique_ptr<JitModule>> compile(mlir::ModuleOp module,
                                                    StringRef name) {
  JitOptions options = jitOptions();
  options.entryPoints = {name.str()};
  return JitModule::create(module, options);
}

static int finishStandardOutput() {
  if (Error err = ::mlir::tqt::flushStandardOutput())
    return fail(std::move(err));
  return 0;
}

/// The --compare-layers checker of `name` (and of --integer when given).
static Expected<std::unique_ptr<LayerComparer>>
createComparer(mlir::ModuleOp module, StringRef name) {
  if (integerProgram.empty())
    return LayerComparer::create(module, name, jitOptions());
  std::string errorMessage;
  std::unique_ptr<ModelFile> integer =
      ModelFile::load(integerProgram, *module.getContext(), errorMessage);
  if (!integer)
    return createStringError(
        errorMessage.empty() ? "cannot parse " + integerProgram : errorMessage);
  return LayerComparer::create(module, name, jitOptions(),
                               integer->getModule());
}

/// Prints the comparison; exit status 1 when the programs differ.
static int finishComparison(const LayerReport &report) {
  printLayerReport(outs(), report);
  int rc = finishStandardOutput();
  return rc ? rc : report.equal() ? 0 : 1;
}

/// --compare-layers on the images of --dataset, in batches (a static batch
/// dimension sets the batch; a last partial batch is then left out).
static int compareOnDataset(mlir::ModuleOp module, StringRef name) {
  auto data = loadDataset(dataset, "test", datasetDir);
  if (!data)
    return fail(data.takeError());
  int64_t available = data->images.getShape()[0];
  if (evalSamples > available)
    return fail("--eval-samples " + Twine(evalSamples) +
                " asks for more than the " + Twine(available) + " samples of " +
                dataset);
  int64_t n = evalSamples > 0 ? evalSamples : available;
  auto comparer = createComparer(module, name);
  if (!comparer)
    return fail(comparer.takeError());
  auto signature = (*comparer)->getSignature();
  if (!signature)
    return fail(signature.takeError());
  const EntrySignature &sig = *signature;
  if (sig.inputs.size() != 1 || sig.inputs[0].shape.empty())
    return fail("--compare-layers --dataset needs a function of one batched "
                "input, @" +
                name + " takes " + Twine(sig.inputs.size()));
  int64_t staticBatch = sig.inputs[0].shape[0];
  int64_t batch = staticBatch > 0 ? staticBatch : evalBatch;
  LayerReport report;
  int64_t done = 0;
  for (int64_t b = 0; b + (staticBatch > 0 ? batch : 1) <= n; b += batch) {
    HostTensor x = sliceRows(data->images, b, std::min(n, b + batch));
    if (Error err = (*comparer)->compare({&x}, report, b))
      return fail(std::move(err));
    done = std::min(n, b + batch);
  }
  outs() << "samples: " << done << "\n";
  return finishComparison(report);
}

/// The option combinations tqt-run accepts.
static Error checkOptions() {
  auto error = [](const Twine &msg) { return createStringError(msg); };
  if (!inputs.empty() && randomInputs)
    return error("-i and --random-inputs are exclusive");
  if (dynamicSize < 0)
    return error("--dynamic-size must be non-negative");
  if (repeat == 0)
    return error("--repeat must be at least 1");
  if (optLevel > 3)
    return error("-O must be 0, 1, 2 or 3");
  if (auto request = ::mlir::tqt::codegen::parseKernelRequest(kernels);
      !request)
    return request.takeError();
  if (eval && compareLayersFlag)
    return error("--eval and --compare-layers are exclusive");
  if (eval && dataset.empty())
    return error("--eval and --dataset go together");
  if (!dataset.empty() && !eval && !compareLayersFlag)
    return error("--dataset goes with --eval or --compare-layers");
  if (eval && (!inputs.empty() || randomInputs || reference))
    return error("--eval takes its inputs from --dataset (no -i, "
                 "--random-inputs or --reference)");
  if (!integerProgram.empty() && !compareLayersFlag)
    return error("--integer goes with --compare-layers");
  if (compareLayersFlag &&
      (reference || !outputDir.empty() || repeat > 1 ||
       (!dataset.empty() && (!inputs.empty() || randomInputs))))
    return error("--compare-layers takes -i, --random-inputs or --dataset "
                 "(no --reference, --output-dir or --repeat)");
  if (warmup > 0 && (reference || compareLayersFlag || eval))
    return error("--warmup goes with a JIT-compiled run (no --reference, "
                 "--compare-layers or --eval)");
  if (evalBatch <= 0 || evalSamples < 0)
    return error("--eval-batch must be positive and --eval-samples not "
                 "negative");
  return Error::success();
}

/// --eval: accuracy on the test split of --dataset.
static int evaluateOnDataset(mlir::ModuleOp module, StringRef name) {
  auto data = loadDataset(dataset, "test", datasetDir);
  if (!data)
    return fail(data.takeError());
  auto jit = compile(module, name);
  if (!jit)
    return fail(jit.takeError());
  if (evalSamples > data->images.getShape()[0])
    return fail("--eval-samples " + Twine(evalSamples) +
                " asks for more than the " + Twine(data->images.getShape()[0]) +
                " samples of " + dataset);
  auto acc = evaluateAccuracy(**jit, name, {}, data->images, data->labels,
                              evalBatch, evalSamples);
  if (!acc)
    return fail(acc.takeError());
  outs() << "samples: " << acc->total << "\n";
  outs() << llvm::format("accuracy: %.2f%%\n", acc->percent());
  return finishStandardOutput();
}

/// The inputs of -i or --random-inputs, checked against the signature, with
/// the names diagnostics use for them; written to --dump-inputs when given.
static Error readInputs(const EntrySignature &sig,
                        std::vector<HostTensor> &hostInputs,
                        std::vector<std::string> &names) {
  if (randomInputs) {
    auto generated = makeRandomInputs(sig, seed, dynamicSize);
    if (!generated)
      return generated.takeError();
    hostInputs = std::move(*generated);
    for (size_t i = 0; i < hostInputs.size(); ++i)
      names.push_back("random input " + std::to_string(i));
  } else {
    for (const std::string &path : inputs) {
      auto t = readNpy(path);
      if (!t)
        return t.takeError();
      hostInputs.push_back(std::move(*t));
      names.push_back(path);
    }
  }
  std::vector<const HostTensor *> inputPtrs;
  for (const HostTensor &t : hostInputs)
    inputPtrs.push_back(&t);
  if (Error err = checkInputs(sig, inputPtrs, names))
    return err;
  if (dumpInputs.empty())
    return Error::success();
  if (std::error_code ec = sys::fs::create_directories(dumpInputs))
    return createStringError("cannot create " + dumpInputs + ": " +
                             ec.message());
  for (auto [i, t] : llvm::enumerate(hostInputs)) {
    SmallString<256> path(dumpInputs);
    sys::path::append(path, "input" + std::to_string(i) + ".npy");
    if (Error err = writeNpy(path, t))
      return err;
  }
  return Error::success();
}

/// Runs `name` once with the reference interpreter or --repeat times
/// JIT-compiled (timing the calls when more than one).
static Expected<std::vector<HostTensor>>
runModel(mlir::ModuleOp module, StringRef name,
         ArrayRef<const HostTensor *> inputPtrs, ArrayRef<std::string> names) {
  if (reference)
    return interpretWithReference(module, name, inputPtrs, names);
  auto jit = compile(module, name);
  if (!jit)
    return jit.takeError();
  std::vector<HostTensor> results;
  auto start = std::chrono::steady_clock::now();
  for (unsigned n = 0; n < warmup + repeat; ++n) {
    if (n == warmup)
      start = std::chrono::steady_clock::now();
    auto r = (*jit)->invoke(name, inputPtrs, names);
    if (!r)
      return r.takeError();
    results = std::move(*r);
  }
  if (repeat > 1 || warmup > 0) {
    double ms = std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - start)
                    .count();
    errs() << "tqt-run: " << repeat << " calls in " << format("%.3f", ms)
           << " ms (" << format("%.4f", ms / repeat) << " ms/call; kernels: "
           << ::mlir::tqt::codegen::getKernelIsaName((*jit)->getKernels())
           << ")\n";
  }
  return results;
}

/// Summaries on stdout, or result<i>.npy files in --output-dir.
static int writeResults(ArrayRef<HostTensor> results) {
  if (outputDir.empty()) {
    for (auto [i, t] : llvm::enumerate(results))
      printSummary(outs(), i, t);
    return finishStandardOutput();
  }
  if (std::error_code ec = sys::fs::create_directories(outputDir))
    return fail("cannot create " + outputDir + ": " + ec.message());
  for (auto [i, t] : llvm::enumerate(results)) {
    SmallString<256> path(outputDir);
    sys::path::append(path, "result" + std::to_string(i) + ".npy");
    if (Error err = writeNpy(path, t))
      return fail(std::move(err));
  }
  return 0;
}

int main(int argc, char **argv) {
  // Compiled code is called repeatedly: keep its freed buffers in the heap.
  ::mlir::tqt::retainFreedMemory();
  InitLLVM init(argc, argv);
  getThreadsOption(category);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "tqt-run: JIT-compile a tensor program and run one of its functions\n\n"
      "  tqt-run MODEL.mlir -e FUNC -i a.npy -i b.npy --output-dir DIR\n");
  if (Error err = checkOptions())
    return fail(std::move(err));

  std::unique_ptr<mlir::MLIRContext> context = ::mlir::tqt::createToolContext();
  std::string errorMessage;
  std::unique_ptr<ModelFile> model =
      ModelFile::load(inputFile, *context, errorMessage);
  if (!model)
    return errorMessage.empty() ? 1 : fail(errorMessage);
  mlir::ModuleOp module = model->getModule();
  auto resolved = resolveEntryPoint(module, entry);
  if (!resolved)
    return fail(resolved.takeError());
  std::string name = *resolved;
  auto sig = getEntrySignature(module, name);
  if (!sig)
    return fail(sig.takeError());

  if (eval)
    return evaluateOnDataset(module, name);
  if (compareLayersFlag && !dataset.empty())
    return compareOnDataset(module, name);

  std::vector<HostTensor> hostInputs;
  std::vector<std::string> names;
  if (Error err = readInputs(*sig, hostInputs, names))
    return fail(std::move(err));
  std::vector<const HostTensor *> inputPtrs;
  for (const HostTensor &t : hostInputs)
    inputPtrs.push_back(&t);

  if (compareLayersFlag) {
    auto comparer = createComparer(module, name);
    if (!comparer)
      return fail(comparer.takeError());
    LayerReport report;
    if (Error err = (*comparer)->compare(inputPtrs, report))
      return fail(std::move(err));
    return finishComparison(report);
  }

  auto results = runModel(module, name, inputPtrs, names);
  if (!results)
    return fail(results.takeError());
  return writeResults(*results);
}
