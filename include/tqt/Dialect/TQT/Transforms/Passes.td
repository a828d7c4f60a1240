//===- Passes.td - tqt dialect passes ----------------------*- tablegen -*-===//

#ifndef TQT_DIALECT_TQT_TRANSFORMS_PASSES_TD
#define TQT_DIALECT_TQT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def TQTPrepareEntryPoints : Pass<"tqt-prepare-entry-points", "::mlir::ModuleOp"> {
  let summary = "Prepare public functions to be called from C and the tqt tools";
  let description = [{
    For every public `func.func` with a body:

    * marks each tensor argument `bufferization.writable = false`, so that
      one-shot bufferization never writes into a caller's input buffer (a
      compiled model can be called many times on the same inputs);
    * with `emit-c-interface` (the default), adds `llvm.emit_c_interface`, so
      that the lowering to LLVM emits the `_mlir_ciface_<name>` wrapper that
      takes memref descriptors by pointer (docs/CAPI.md).

    `tqt-lower-to-llvm` runs it first.
  }];
  let options = [
    Option<"emitCInterface", "emit-c-interface", "bool", /*default=*/"true",
           "Attach llvm.emit_c_interface to public functions">,
  ];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

#endif // TQT_DIALECT_TQT_TRANSFORMS_PASSES_TD
