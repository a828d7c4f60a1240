//===- TQTDialect.td - The tqt dialect ---------------------*- tablegen -*-===//

#ifndef TQT_DIALECT_TQT_IR_TQTDIALECT_TD
#define TQT_DIALECT_TQT_IR_TQTDIALECT_TD

include "mlir/IR/OpBase.td"

def TQT_Dialect : Dialect {
  let name = "tqt";
  let summary = "Trained Quantization Thresholds: power-of-2 fixed-point quantizers";
  let description = [{
    The `tqt` dialect models the quantizers of the Trained Quantization
    Thresholds method (Jain et al., MLSys 2020): per-tensor, zero-point-free,
    power-of-2 scales whose thresholds are learnable log2 values.

    Values are builtin tensors. Integer storage uses signless builtin
    integers (`i8`, `i16`, `i32`); the `is_signed` attribute of an op says how
    its integers are read: signed values with sign extension, unsigned values
    (for example a `uint8` ReLU output, 0..255 held in an `i8`) with zero
    extension.

    Every op's numbers are defined by the reference in
    `include/tqt/Support/FixedPoint.h`; `docs/Numerics.md` states the
    contract in words and formulas. Folders compute constants with that
    reference, and no canonicalization ever removes quantization error.
  }];
  let cppNamespace = "::mlir::tqt";
  let useDefaultAttributePrinterParser = 1;
  // Folded constants are materialized as arith.constant.
  let hasConstantMaterializer = 1;
  let dependentDialects = ["::mlir::arith::ArithDialect"];
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

class TQT_Op<string mnemonic, list<Trait> traits = []>
    : Op<TQT_Dialect, mnemonic, traits>;

#endif // TQT_DIALECT_TQT_IR_TQTDIALECT_TD
