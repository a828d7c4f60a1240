//===- LayerCompare.cpp - Simulation vs integer program, per layer --------===//

#include "tqt/Execution/LayerCompare.h"

#include "tqt/Dialect/TQT/IR/TQTOps.h"
#include "tqt/Dialect/TQT/Transforms/Passes.h"
#include "tqt/Dialect/TQT/Transforms/Trace.h"
#include "tqt/Execution/ModelFile.h"
#include "tqt/Support/FixedPoint.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace ::mlir::tqt::exec;

LayerComparer::~LayerComparer() = default;

/// Appends every traced value of @entry to its results; returns the
/// quantizer of each appended result.
static std::vector<unsigned> returnTraced(func::FuncOp func) {
  std::vector<unsigned> ids;
  SmallVector<Value> extra;
  func.walk([&](Operation *op) {
    auto id = op->getAttrOfType<IntegerAttr>(mlir::tqt::kTraceAttr);
    if (!id || op->getNumResults() != 1)
      return;
    ids.push_back(unsigned(id.getInt()));
    extra.push_back(op->getResult(0));
  });
  auto ret = cast<func::ReturnOp>(func.getBody().back().getTerminator());
  SmallVector<Value> results(ret.getOperands());
  results.append(extra.begin(), extra.end());
  ret->setOperands(results);
  func.setType(FunctionType::get(func.getContext(), func.getArgumentTypes(),
                                 ValueRange(results).getTypes()));
  return ids;
}

llvm::Expected<std::unique_ptr<LayerComparer>>
LayerComparer::create(ModuleOp module, llvm::StringRef entry,
                      const JitOptions &options, ModuleOp integerProgram) {
  std::unique_ptr<LayerComparer> c(new LayerComparer());
  c->entry = entry.str();
  MLIRContext *ctx = module.getContext();
  OwningOpRef<ModuleOp> simulation(cast<ModuleOp>(module->clone()));
  PassManager legalize(ctx);
  mlir::tqt::TQTLegalizePow2Options legalizeOptions;
  legalizeOptions.trace = true;
  legalize.addPass(mlir::tqt::createTQTLegalizePow2(legalizeOptions));
  if (failed(legalize.run(*simulation)))
    return llvm::createStringError(
        "cannot legalize @" + entry +
        " (see the diagnostics above); --compare-layers needs a "
        "simulation graph with constant thresholds");
  // The tags are numbered over the whole module, as when the integer
  // program was made from it; then only the entry is kept.
  simulation->walk([&](mlir::tqt::QuantizeOp q) {
    auto id = q->getAttrOfType<IntegerAttr>(mlir::tqt::kTraceAttr);
    // Trace tags are non-negative (the dialect verifies them).
    if (c->quantizers.size() <= uint64_t(id.getInt()))
      c->quantizers.resize(id.getInt() + 1);
    c->quantizers[id.getInt()] = {formatLocation(q.getLoc()),
                                  unsigned(q.getBits()), q.getIsSigned(),
                                  q.getNarrow()};
  });
  if (llvm::Error err = keepOnlyEntryPoints(*simulation, {c->entry}))
    return std::move(err);
  auto func = simulation->lookupSymbol<func::FuncOp>(entry);
  if (!func)
    return llvm::createStringError("no function @" + entry);
  c->numResults = func.getNumResults();
  bool any = false;
  func.walk([&](mlir::tqt::QuantizeOp) { any = true; });
  if (!any)
    return llvm::createStringError("@" + entry +
                                   " has no quantizer to compare");

  OwningOpRef<ModuleOp> integer;
  if (integerProgram) {
    integer = cast<ModuleOp>(integerProgram->clone());
    if (llvm::Error err = keepOnlyEntryPoints(*integer, {c->entry}))
      return std::move(err);
  } else {
    integer = cast<ModuleOp>((*simulation)->clone());
    PassManager fuse(ctx);
    fuse.addPass(mlir::tqt::createTQTFuseInteger());
    if (failed(fuse.run(*integer)))
      return llvm::createStringError(
          "cannot fuse @" + entry +
          " into an integer program (see the diagnostics above)");
  }
  auto integerFunc = integer->lookupSymbol<func::FuncOp>(c->entry);
  if (!integerFunc)
    return llvm::createStringError("the integer program has no function @" +
                                   entry);
  if (integerFunc.getFunctionType().getInputs() !=
      func.getFunctionType().getInputs())
    return llvm::createStringError("@" + entry +
                                   " of the integer program takes different "
                                   "arguments than the simulation graph's");

  c->simulationTraced = returnTraced(func);
  c->integerTraced = returnTraced(integerFunc);
  if (c->integerTraced.empty())
    return llvm::createStringError(
        "the integer program has no tqt.trace tags: make it with "
        "tqt-opt --tqt-legalize-pow2=trace=true --tqt-fuse-integer");
  for (unsigned id : c->integerTraced)
    if (id >= c->quantizers.size())
      return llvm::createStringError("the integer program's tqt.trace tag " +
                                     llvm::Twine(id) +
                                     " has no quantizer in the simulation "
                                     "graph (it has " +
                                     llvm::Twine(c->quantizers.size()) +
                                     "): is it made from the same model?");
  JitOptions jo = options;
  jo.entryPoints = {c->entry};
  auto simJit = JitModule::create(*simulation, jo);
  if (!simJit)
    return simJit.takeError();
  auto intJit = JitModule::create(*integer, jo);
  if (!intJit)
    return intJit.takeError();
  c->simulation = std::move(*simJit);
  c->integer = std::move(*intJit);
  return c;
}

llvm::Expected<const EntrySignature &> LayerComparer::getSignature() const {
  return simulation->getSignature(entry);
}

/// Element `i` of an integer tensor as the quantizer's code: storage
/// sign-extended for signed grids, the low `bits` bits for unsigned ones.
static int64_t codeAt(const HostTensor &t, int64_t i, unsigned bits,
                      bool isSigned) {
  int64_t v = 0;
  switch (t.getDType()) {
  case DType::I8:
    v = t.dataAs<int8_t>()[i];
    break;
  case DType::U8:
    v = t.dataAs<uint8_t>()[i];
    break;
  case DType::I16:
    v = t.dataAs<int16_t>()[i];
    break;
  case DType::I32:
    v = t.dataAs<int32_t>()[i];
    break;
  case DType::I64:
    v = t.dataAs<int64_t>()[i];
    break;
  case DType::F32:
  case DType::F64:
    return 0;
  }
  if (!isSigned && bits < 64)
    v &= (int64_t(1) << bits) - 1;
  return v;
}

static llvm::SmallVector<int64_t> multiIndex(llvm::ArrayRef<int64_t> shape,
                                             int64_t flat) {
  llvm::SmallVector<int64_t> index(shape.size());
  for (int64_t d = int64_t(shape.size()) - 1; d >= 0; --d) {
    index[d] = shape[d] ? flat % shape[d] : 0;
    flat = shape[d] ? flat / shape[d] : 0;
  }
  return index;
}

llvm::Error LayerComparer::compare(llvm::ArrayRef<const HostTensor *> inputs,
                                   LayerReport &report, int64_t firstSample) {
  auto simOut = simulation->invoke(entry, inputs);
  if (!simOut)
    return simOut.takeError();
  auto intOut = integer->invoke(entry, inputs);
  if (!intOut)
    return intOut.takeError();
  ++report.numBatches;
  report.numQuantizers = simulationTraced.size();
  report.saturated.resize(quantizers.size(), false);
  report.compared.resize(quantizers.size(), false);
  for (unsigned r = 0; r < numResults; ++r)
    if (!(*simOut)[r].bitwiseEquals((*intOut)[r]))
      report.resultsEqual = false;

  llvm::DenseMap<unsigned, const HostTensor *> simByQuantizer;
  for (auto [k, id] : llvm::enumerate(simulationTraced))
    simByQuantizer[id] = &(*simOut)[numResults + k];
  unsigned compared = 0;
  for (auto [k, id] : llvm::enumerate(integerTraced)) {
    auto it = simByQuantizer.find(id);
    if (it == simByQuantizer.end())
      continue;
    ++compared;
    report.compared[id] = true;
    const HostTensor &s = *it->second;
    const HostTensor &n = (*intOut)[numResults + k];
    const Quantizer &q = quantizers[id];
    LayerDifference diff;
    diff.quantizer = id;
    diff.location = q.location;
    diff.firstSample = firstSample;
    if (s.getShape() != n.getShape()) {
      diff.shapeMismatch = "simulation " + shapeToString(s.getShape()) +
                           ", integer " + shapeToString(n.getShape());
      diff.count = 1;
    } else {
      int64_t count = s.getNumElements();
      report.numElements += count;
      ::mlir::tqt::numerics::QuantizerSpec spec{q.bits, q.isSigned, q.narrow};
      ::mlir::tqt::numerics::Grid grid = spec.grid();
      for (int64_t i = 0; i < count; ++i) {
        int64_t a = codeAt(s, i, q.bits, q.isSigned);
        int64_t b = codeAt(n, i, q.bits, q.isSigned);
        if (a == grid.hi || (q.isSigned && a == grid.lo))
          report.saturated[id] = true;
        if (a == b)
          continue;
        if (diff.count++ == 0) {
          diff.index = multiIndex(s.getShape(), i);
          diff.simulation = a;
          diff.integer = b;
        }
      }
    }
    if (diff.count == 0)
      continue;
    unsigned quantizer = id;
    auto same =
        llvm::find_if(report.differences, [&](const LayerDifference &d) {
          return d.quantizer == quantizer;
        });
    if (same != report.differences.end())
      same->count += diff.count;
    else
      report.differences.push_back(std::move(diff));
  }
  report.numCompared = compared;
  llvm::sort(report.differences,
             [](const LayerDifference &a, const LayerDifference &b) {
               return a.quantizer < b.quantizer;
             });
  return llvm::Error::success();
}

void ::mlir::tqt::exec::printLayerReport(llvm::raw_ostream &os,
                                         const LayerReport &report) {
  for (const LayerDifference &d : report.differences) {
    os << "quantizer #" << d.quantizer << " at " << d.location << ": ";
    if (!d.shapeMismatch.empty()) {
      os << "shapes differ (" << d.shapeMismatch << ")\n";
      continue;
    }
    os << d.count << " codes differ; first at " << shapeToString(d.index)
       << (d.firstSample
               ? " of the batch from sample " + std::to_string(d.firstSample)
               : std::string())
       << ": simulation " << d.simulation << ", integer " << d.integer << "\n";
  }
  if (report.equal()) {
    if (report.numSaturated() != report.numCompared) {
      os << "never saturated:";
      for (unsigned id = 0; id < report.saturated.size(); ++id)
        if (!report.saturated[id] && report.compared[id])
          os << " #" << id;
      os << "\n";
    }
    os << "bit-exact: " << report.numQuantizers << " quantizers ("
       << report.numCompared << " with codes of their own), "
       << report.numElements << " codes compared, results equal; "
       << report.numSaturated() << " quantizers saturate\n";
    return;
  }
  os << "NOT bit-exact: " << report.differences.size() << " of "
     << report.numCompared << " quantizers differ, results "
     << (report.resultsEqual ? "equal" : "differ") << "\n";
}
