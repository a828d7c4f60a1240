//===- CInterface.h - C header and C driver for compiled models -*- C++ -*-===//
//
// Generates, for one entry point, the C header of docs/CAPI.md (memref
// descriptor types, the MLIR C-interface function, and a plain C API of
// arrays and shapes) and the C main of `tqt-compile --emit=exe` (.npy inputs
// in, .npy results out, the same bytes as tqt-run).
//
//===----------------------------------------------------------------------===//

#ifndef TQT_EXECUTION_CINTERFACE_H
#define TQT_EXECUTION_CINTERFACE_H

#include "tqt/Execution/Signature.h"

#include <string>

namespace mlir::tqt::exec {

/// `name` made a C identifier (non-alphanumerics become '_').
std::string cIdentifier(llvm::StringRef name);

/// The C header declaring `_mlir_ciface_<entry>` and the plain API
/// `<entry>_run` / `<entry>_free_results`.
std::string generateCHeader(const EntrySignature &sig);

/// A C program that runs the entry point on .npy files:
///   prog [--repeat N] [-o DIR] in0.npy in1.npy ...
/// writing DIR/result<N>.npy (DIR defaults to "."). Includes `headerName`.
std::string generateCMain(const EntrySignature &sig,
                          llvm::StringRef headerName);

} // namespace mlir::tqt::exec

#endif // TQT_EXECUTION_CINTERFACE_H
