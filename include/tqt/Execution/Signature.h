//===- Signature.h - Entry-point signatures of tensor programs --*- C++ -*-===//
//
// What a caller of a compiled function must pass and gets back: ranked
// tensors with an element type and a shape whose dynamic dimensions are -1.
// Taken from the tensor-level func.func before lowering, and used to check
// inputs with precise errors and to marshal memref descriptors.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_EXECUTION_SIGNATURE_H
#define TQT_EXECUTION_SIGNATURE_H

#include "tqt/Execution/HostTensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mlir::tqt::exec {

struct TensorSpec {
  /// The element type, as the dtype results are written with: signless
  /// integers as signed, except results whose boundary codes
  /// (tqt.is_signed = false) are unsigned 8-bit: U8.
  DType element;
  /// -1 marks a dynamic dimension.
  llvm::SmallVector<int64_t> shape;

  int64_t getRank() const { return shape.size(); }
  size_t getElementSize() const { return dtypeSize(element); }
  /// tensor<?x4xf32> style.
  std::string str() const;
  /// Whether a host tensor of `dtype` can be passed for this element type
  /// (i8 accepts int8 and uint8: unsigned codes live in signless storage).
  bool acceptsDType(DType dtype) const;
};

struct EntrySignature {
  std::string name;
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> results;
};

/// The signature of the public function `name` in `module`; an error names
/// the function and the offending argument or result.
llvm::Expected<EntrySignature> getEntrySignature(mlir::ModuleOp module,
                                                 llvm::StringRef name);

/// Checks `inputs` against `sig`: arity, dtype, rank and static dimensions,
/// and that inputs of identical types have identical shapes (dynamic
/// dimensions of identically typed arguments are the same size, e.g. a batch).
llvm::Error checkInputs(const EntrySignature &sig,
                        llvm::ArrayRef<const HostTensor *> inputs,
                        llvm::ArrayRef<std::string> inputNames = {});

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_SIGNATURE_H
