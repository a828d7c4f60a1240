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

def TQTLegalizePow2 : Pass<"tqt-legalize-pow2", "::mlir::ModuleOp"> {
  let summary = "Freeze constant log2 thresholds into power-of-2 quantize/dequantize pairs";
  let description = [{
    Replaces every `tqt.fake_quant %x, %log2_t` whose threshold is a constant
    by `tqt.dequantize(tqt.quantize(%x))` at the exponent
    `e = ceil(log2_t) - (bits - is_signed)` (clamped to [-126, 127]), with
    the same grid and rounding, so that the result is the same bit for bit
    (docs/Numerics.md section 6). The integer codes are stored in the
    smallest of i8, i16, i32 that holds `bits`.

    A threshold is constant when it is an `arith.constant` or an
    `ml_program.global_load` of a global with a dense initial value (how
    models carry their parameters, docs/Parameters.md; trained thresholds
    live in mutable globals). Loads left without uses are erased, and so
    are private threshold globals nobody loads any more.

    A non-constant threshold (a function argument, a computed value), a NaN
    threshold, or a `tqt.fake_quant_grad` (a training graph) is an error
    naming the op.
  }];
  let dependentDialects = ["::mlir::tqt::TQTDialect",
                           "::mlir::ml_program::MLProgramDialect"];
}

#endif // TQT_DIALECT_TQT_TRANSFORMS_PASSES_TD
