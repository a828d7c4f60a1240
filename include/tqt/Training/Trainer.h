//===- Trainer.h - Training thresholds and weights on data ------*- C++ -*-===//
//
// tqt-train as a library: expands the model with --tqt-expand-training,
// JIT-compiles the training step and the evaluation function once, and
// runs the TQT recipe (tqt-method 4) on a labelled dataset: shuffled
// batches, two Adam groups with staircase decay, Graffitist's incremental
// threshold freezing, periodic evaluation on a validation set keeping the
// best checkpoint. The
// model's parameter globals receive the best values at the end.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_TRAINING_TRAINER_H
#define TQT_TRAINING_TRAINER_H

#include "tqt/Execution/Dataset.h"

#include "tqt/Codegen/KernelIsa.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mlir::tqt::train {

enum class Freezing { Graffitist, None };

struct TrainOptions {
  std::string entry;
  int64_t batchSize = 24;
  /// Number of steps; when 0, `epochs` of the training set.
  int64_t steps = 0;
  double epochs = 0;
  double lrWeights = 1e-6;
  double lrThresholds = 1e-2;
  bool trainWeights = true;
  bool trainThresholds = true;
  Freezing freezing = Freezing::Graffitist;
  /// First step of incremental freezing; -1: 1000 * 24 / batch (the recipe).
  int64_t freezeStart = -1;
  /// One threshold is frozen every this many steps.
  int64_t freezeEvery = 50;
  /// Evaluate on the validation set every K steps (0: only at the end).
  int64_t evalEvery = 0;
  uint64_t seed = 0;
  unsigned optLevel = 3;
  /// Threads of the compiled training step (JitOptions::threads).
  unsigned threads = 0;
  /// Micro-kernels (JitOptions::kernels): std::nullopt picks the best the
  /// host has.
  std::optional<codegen::KernelIsa> kernels;
  /// Progress lines (step, loss, accuracy, images/s, ETA) go here when set.
  llvm::raw_ostream *progress = nullptr;
  /// The CSV log goes here when set, one row every `logEvery` steps.
  llvm::raw_ostream *log = nullptr;
  int64_t logEvery = 1;
};

struct TrainResult {
  int64_t steps = 0;
  double finalLoss = 0;
  /// Validation accuracy of the kept checkpoint (-1 without a validation
  /// set).
  double bestAccuracy = -1;
  int64_t bestStep = 0;
  /// Validation accuracy before the first step (-1 without a validation
  /// set).
  double initialAccuracy = -1;
  unsigned numFrozen = 0;
  double imagesPerSecond = 0;
};

/// Trains `options.entry` of `module` on `trainSet` and writes the kept
/// parameters (with a `validationSet`, data the training never sees and
/// never the test split: the checkpoint of best validation accuracy; else
/// the last one) into the module: the initial values of threshold and
/// weight globals, and constant weights that were promoted for training
/// become constants again.
llvm::Expected<TrainResult> train(mlir::ModuleOp module,
                                  const exec::Dataset &trainSet,
                                  const exec::Dataset *validationSet,
                                  const TrainOptions &options);

} // namespace mlir::tqt::train

#endif // TQT_TRAINING_TRAINER_H
