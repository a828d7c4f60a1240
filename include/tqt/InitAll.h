//===- InitAll.h - Registration of tqt and the upstream pieces --*- C++ -*-===//
//
// One place that knows which dialects, interfaces and passes the tqt tools
// offer: the tqt dialect plus the upstream dialects and passes a user needs
// around it (TOSA in, linalg/bufferization/LLVM out). Kept in a single
// translation unit because every registration is expensive to compile.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_INITALL_H
#define TQT_INITALL_H

#include <memory>

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace mlir::tqt {

/// Adds the tqt dialect, the upstream dialects around it and their external
/// interface models (bufferization, convert-to-LLVM, inliner) to `registry`.
void registerAllDialects(mlir::DialectRegistry &registry);

/// A context with every dialect of registerAllDialects loaded: what the
/// tools that read models (tqt-run, tqt-compile, tqt-calibrate, tqt-train)
/// parse them in.
std::unique_ptr<mlir::MLIRContext> createToolContext();

/// Registers the tqt passes and pipelines and the upstream passes the tools
/// expose (transforms, TOSA, linalg, bufferization, conversions to LLVM).
void registerAllPasses();

} // namespace mlir::tqt

#endif // TQT_INITALL_H
