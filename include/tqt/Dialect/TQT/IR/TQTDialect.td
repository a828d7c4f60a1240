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
  // The attributes passes leave on other dialects' ops for later passes: one
  // name each (TQTDialect::<Name>AttrHelper::getNameStr()), verified by
  // verifyOperationAttribute.
  let discardableAttrs = (ins
    // On the tosa.depthwise_conv2d that --tqt-prepare makes of an average
    // pooling.
    "::mlir::UnitAttr":$avgpool,
    // On an ml_program.global holding a log2 threshold (tensor<f32>).
    "::mlir::UnitAttr":$log2_threshold,
    // "weight" on the threshold global of a weight quantizer.
    "::mlir::StringAttr":$role,
    // The rule tqt-calibrate used, on a threshold global.
    "::mlir::StringAttr":$calibration,
    // On a global that training made of a constant weight.
    "::mlir::UnitAttr":$promoted,
    // A quantizer's number for the per-layer comparison (Transforms/Trace.h).
    "::mlir::IntegerAttr":$trace,
    // On a function --tqt-outline-loop-nests made: the positions, in the
    // LLVM calling convention, of the pointers that alias nothing else the
    // function reads or writes (--tqt-apply-noalias makes them llvm.noalias).
    "::mlir::DenseI64ArrayAttr":$noalias_pointers
  );
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

class TQT_Op<string mnemonic, list<Trait> traits = []>
    : Op<TQT_Dialect, mnemonic, traits>;

#endif // TQT_DIALECT_TQT_IR_TQTDIALECT_TD
