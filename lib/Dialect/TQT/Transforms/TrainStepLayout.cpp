//===- TrainStepLayout.cpp - Positions in the generated training step -----===//

#include "tqt/Dialect/TQT/Transforms/Training.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::tqt;

/// The parameter and moment positions both lists begin with.
static std::optional<StringRef> stateRole(unsigned k, unsigned np) {
  if (k < np)
    return train_role::kParam;
  if (k < 2 * np)
    return train_role::kAdamM;
  if (k < 3 * np)
    return train_role::kAdamV;
  return std::nullopt;
}

StringRef TrainStepLayout::argumentRole(unsigned k) const {
  if (auto role = stateRole(k, np))
    return *role;
  if (k == stepArg())
    return train_role::kStep;
  if (nt && k == frozenArg())
    return train_role::kFrozen;
  if (k < labelsArg())
    return train_role::kInput;
  return train_role::kLabels;
}

StringRef TrainStepLayout::resultRole(unsigned k) const {
  if (auto role = stateRole(k, np))
    return *role;
  if (k == lossResult())
    return train_role::kLoss;
  if (k == outputResult())
    return train_role::kOutput;
  if (nt && k == thresholdGradsResult())
    return train_role::kThresholdGrads;
  if (k == lrWeightsResult())
    return train_role::kLrWeights;
  return train_role::kLrThresholds;
}

llvm::Expected<TrainStepLayout> TrainStepLayout::read(func::FuncOp step) {
  auto argRole = [&](unsigned k) -> StringRef {
    auto role = step.getArgAttrOfType<StringAttr>(k, kTrainRoleAttr);
    return role ? role.getValue() : "";
  };
  unsigned np = 0, nt = 0, ni = 0;
  for (unsigned k = 0, e = step.getNumArguments(); k < e; ++k) {
    StringRef role = argRole(k);
    if (role == train_role::kInput)
      ++ni;
    if (role != train_role::kParam)
      continue;
    ++np;
    auto group = step.getArgAttrOfType<StringAttr>(k, kTrainGroupAttr);
    if (group && group.getValue() == train_role::kThresholdsGroup)
      ++nt;
  }
  TrainStepLayout layout(np, nt, ni);
  auto mismatch = [&](StringRef what, unsigned k, StringRef found,
                      StringRef expected) {
    return llvm::createStringError(llvm::formatv(
        "@{0} {1} #{2} has role '{3}' where the training-step layout has "
        "'{4}' (regenerate it with --tqt-expand-training)",
        step.getSymName(), what, k, found, expected));
  };
  if (step.getNumArguments() != layout.getNumArguments())
    return llvm::createStringError(llvm::formatv(
        "@{0} takes {1} arguments where the training-step layout of {2} "
        "parameters and {3} inputs has {4}",
        step.getSymName(), step.getNumArguments(), np, ni,
        layout.getNumArguments()));
  for (unsigned k = 0, e = step.getNumArguments(); k < e; ++k) {
    StringRef expected = layout.argumentRole(k), found = argRole(k);
    bool ok = found == expected ||
              (expected == train_role::kLabels && found == train_role::kTarget);
    if (!ok)
      return mismatch("argument", k, found, expected);
  }
  if (step.getNumResults() != layout.getNumResults())
    return llvm::createStringError(llvm::formatv(
        "@{0} returns {1} results where the training-step layout has {2}",
        step.getSymName(), step.getNumResults(), layout.getNumResults()));
  for (unsigned k = 0, e = step.getNumResults(); k < e; ++k) {
    auto role = step.getResultAttrOfType<StringAttr>(k, kTrainRoleAttr);
    StringRef found = role ? role.getValue() : "";
    if (found != layout.resultRole(k))
      return mismatch("result", k, found, layout.resultRole(k));
  }
  return layout;
}
