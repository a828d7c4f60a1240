//===- Npy.h - Reading and writing .npy files -------------------*- C++ -*-===//
//
// NumPy's .npy format, versions 1.0-3.0, little-endian C-order arrays of the
// dtypes in HostTensor.h. Every malformed or unsupported file is an
// llvm::Error that names the file and the reason.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_EXECUTION_NPY_H
#define TQT_EXECUTION_NPY_H

#include "tqt/Execution/HostTensor.h"

#include "llvm/Support/Error.h"

namespace mlir::tqt::exec {

llvm::Expected<HostTensor> readNpy(llvm::StringRef path);
/// Parses an in-memory .npy image; `name` is used in error messages.
llvm::Expected<HostTensor> parseNpy(llvm::StringRef bytes,
                                    llvm::StringRef name);
llvm::Error writeNpy(llvm::StringRef path, const HostTensor &tensor);
/// The .npy image of `tensor` (format 1.0, header padded to 64 bytes).
std::string serializeNpy(const HostTensor &tensor);

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_NPY_H
