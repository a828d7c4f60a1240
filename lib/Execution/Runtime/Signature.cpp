//===- Signature.cpp - Entry-point signatures -----------------------------===//

#include "tqt/Execution/Signature.h"

#include "tqt/Dialect/TQT/IR/TQTDialect.h"
#include "tqt/Execution/ModelFile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir::tqt::exec;
using namespace mlir;

std::string TensorSpec::str() const {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "tensor<";
  for (int64_t d : shape) {
    if (d < 0)
      os << "?";
    else
      os << d;
    os << "x";
  }
  os << dtypeElementName(element) << ">";
  return s;
}

bool TensorSpec::acceptsDType(DType dtype) const {
  if (element == DType::I8)
    return dtype == DType::I8 || dtype == DType::U8;
  return dtype == element;
}

static llvm::Expected<TensorSpec> specOf(Type type, const llvm::Twine &what) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  std::string typeStr;
  llvm::raw_string_ostream(typeStr) << type;
  if (!ranked)
    return llvm::createStringError(
        what + " has type " + typeStr +
        "; only ranked tensors cross the entry point");
  TensorSpec spec;
  Type e = ranked.getElementType();
  if (e.isF32())
    spec.element = DType::F32;
  else if (e.isF64())
    spec.element = DType::F64;
  else if (e.isSignlessInteger(8))
    spec.element = DType::I8;
  else if (e.isSignlessInteger(16))
    spec.element = DType::I16;
  else if (e.isSignlessInteger(32))
    spec.element = DType::I32;
  else if (e.isSignlessInteger(64))
    spec.element = DType::I64;
  else
    return llvm::createStringError(
        what + " has type " + typeStr +
        "; supported element types are f32, f64, i8, i16, i32, i64");
  for (int64_t d : ranked.getShape())
    spec.shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
  return spec;
}

llvm::Expected<EntrySignature>
mlir::tqt::exec::getEntrySignature(ModuleOp module, llvm::StringRef name) {
  auto found = lookupEntryFunction(module, name);
  if (!found)
    return found.takeError();
  func::FuncOp func = *found;
  EntrySignature sig;
  sig.name = name.str();
  FunctionType type = func.getFunctionType();
  for (auto [i, t] : llvm::enumerate(type.getInputs())) {
    auto spec = specOf(t, "@" + name + " argument #" + llvm::Twine(i));
    if (!spec)
      return spec.takeError();
    sig.inputs.push_back(*spec);
  }
  for (auto [i, t] : llvm::enumerate(type.getResults())) {
    auto spec = specOf(t, "@" + name + " result #" + llvm::Twine(i));
    if (!spec)
      return spec.takeError();
    // Unsigned 8-bit codes are raw bytes in i8 (IntegerStorage.h).
    auto codes = readBoundaryCodes(func.getResultAttrDict(i));
    if (codes && !codes->isSigned && spec->element == DType::I8)
      spec->element = DType::U8;
    sig.results.push_back(*spec);
  }
  return sig;
}

llvm::Error
mlir::tqt::exec::checkInputs(const EntrySignature &sig,
                             llvm::ArrayRef<const HostTensor *> inputs,
                             llvm::ArrayRef<std::string> inputNames) {
  if (inputs.size() != sig.inputs.size())
    return llvm::createStringError(
        "@" + sig.name + " takes " + llvm::Twine(sig.inputs.size()) +
        " input(s), got " + llvm::Twine(inputs.size()));
  for (auto [i, input] : llvm::enumerate(inputs)) {
    const TensorSpec &spec = sig.inputs[i];
    std::string from = i < inputNames.size() && !inputNames[i].empty()
                           ? " (" + inputNames[i] + ")"
                           : "";
    std::string where = "input #" + std::to_string(i) + from;
    if (!spec.acceptsDType(input->getDType()))
      return llvm::createStringError(where + ": expected " + spec.str() +
                                     ", got dtype " +
                                     dtypeName(input->getDType()));
    if (input->getRank() != spec.getRank())
      return llvm::createStringError(
          where + ": expected " + spec.str() + ", got shape " +
          shapeToString(input->getShape()) + " (rank " +
          llvm::Twine(input->getRank()) + ")");
    for (auto [d, want] : llvm::enumerate(spec.shape))
      if (want >= 0 && input->getShape()[d] != want)
        return llvm::createStringError(
            where + ": expected " + spec.str() + ", got shape " +
            shapeToString(input->getShape()) + " (dimension " + llvm::Twine(d) +
            " must be " + llvm::Twine(want) + ")");
    // Identically typed arguments must agree on their dynamic sizes.
    for (size_t j = 0; j < i; ++j)
      if (sig.inputs[j].str() == spec.str() &&
          inputs[j]->getShape() != input->getShape())
        return llvm::createStringError(
            where + ": shape " + shapeToString(input->getShape()) +
            " differs from input #" + llvm::Twine(j) + "'s " +
            shapeToString(inputs[j]->getShape()) + ", but both are " +
            spec.str() +
            " (dynamic sizes of identically typed inputs must match)");
  }
  return llvm::Error::success();
}
