//===- LayerCompare.h - Simulation vs integer program, per layer -*- C++
//-*-===//
//
// The project's central claim is that the fused integer program equals its
// simulation bit for bit. compareLayers() checks it quantizer by quantizer:
// it legalizes the model (a simulation graph with constant thresholds, or an
// already legalized one), tags every tqt.quantize (Trace.h), fuses a copy,
// returns every tagged tensor from both programs, runs both on the same
// inputs and compares the integer codes of each quantizer (layer outputs,
// requantized accumulators, activations) and the final results. The first
// difference is reported with the quantizer's location and the element.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_EXECUTION_LAYERCOMPARE_H
#define TQT_EXECUTION_LAYERCOMPARE_H

#include "tqt/Execution/HostTensor.h"
#include "tqt/Execution/JitModule.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::tqt::exec {

struct LayerDifference {
  /// Index of the quantizer in program order (its tqt.trace tag).
  unsigned quantizer = 0;
  /// "file:line:col" of the quantizer in the model.
  std::string location;
  /// The first differing element (row-major multi-index), both codes, and
  /// how many elements of the tensor differ.
  llvm::SmallVector<int64_t> index;
  int64_t simulation = 0;
  int64_t integer = 0;
  int64_t count = 0;
  /// Set instead when the shapes differ.
  std::string shapeMismatch;
  /// The first sample of the batch where it was seen.
  int64_t firstSample = 0;
};

struct LayerReport {
  /// Quantizers of the model, and how many of them have integer codes of
  /// their own in the fused program (the rest are folded into a neighbour,
  /// e.g. a quantizer whose codes are another's).
  unsigned numQuantizers = 0;
  unsigned numCompared = 0;
  /// Codes compared over all quantizers.
  int64_t numElements = 0;
  /// Quantizers whose simulation codes reached the top of their grid (or
  /// the bottom of a signed one) on some input: the inputs exercised their
  /// saturation.
  std::vector<bool> saturated;
  /// Quantizers (by tag) that were compared.
  std::vector<bool> compared;
  unsigned numSaturated() const {
    return unsigned(llvm::count(saturated, true));
  }
  /// Every quantizer that differs, in program order.
  std::vector<LayerDifference> differences;
  /// The function's results are bitwise equal (on every batch).
  bool resultsEqual = true;
  unsigned numBatches = 0;
  bool equal() const { return differences.empty() && resultsEqual; }
};

/// Both programs of a model, compiled once, compared on as many inputs as
/// needed (tqt-run --compare-layers, docs/Tools.md).
class LayerComparer {
public:
  ~LayerComparer();

  /// Legalizes `module`/@entry with tags (--tqt-legalize-pow2=trace),
  /// fuses it, or takes `integerProgram` (made from the same model by
  /// --tqt-legalize-pow2=trace=true --tqt-fuse-integer, possibly changed
  /// since), and JIT-compiles both. The modules are not changed.
  static llvm::Expected<std::unique_ptr<LayerComparer>>
  create(mlir::ModuleOp module, llvm::StringRef entry,
         const JitOptions &options = {},
         mlir::ModuleOp integerProgram = nullptr);

  /// The entry's signature (the same for both programs).
  llvm::Expected<const EntrySignature &> getSignature() const;

  /// Runs both programs on `inputs` and adds what differs to `report`;
  /// `firstSample` labels the batch in the report.
  llvm::Error compare(llvm::ArrayRef<const HostTensor *> inputs,
                      LayerReport &report, int64_t firstSample = 0);

private:
  LayerComparer() = default;
  struct Quantizer {
    std::string location;
    unsigned bits;
    bool isSigned;
    bool narrow;
  };
  std::string entry;
  std::vector<Quantizer> quantizers;
  unsigned numResults = 0;
  /// The quantizer of each extra result, per program.
  std::vector<unsigned> simulationTraced, integerTraced;
  std::unique_ptr<JitModule> simulation, integer;
};

/// The report as text: one line per differing quantizer, or a summary line
/// "bit-exact: N quantizers (M with codes of their own), K codes compared,
/// results equal".
void printLayerReport(llvm::raw_ostream &os, const LayerReport &report);

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_LAYERCOMPARE_H
