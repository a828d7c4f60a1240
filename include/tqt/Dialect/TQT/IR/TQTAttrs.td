//===- TQTAttrs.td - Attributes of the tqt dialect ---------*- tablegen -*-===//

#ifndef TQT_DIALECT_TQT_IR_TQTATTRS_TD
#define TQT_DIALECT_TQT_IR_TQTATTRS_TD

include "tqt/Dialect/TQT/IR/TQTDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

// The case values match mlir::tqt::numerics::Rounding in FixedPoint.h.
def TQT_RoundingMode : I32EnumAttr<"RoundingMode",
    "tie rule of a rounding to integer or of a rounding right shift", [
      I32EnumAttrCase<"HalfEven", 0, "half_even">,
      I32EnumAttrCase<"HalfUp", 1, "half_up">,
      I32EnumAttrCase<"HalfAway", 2, "half_away">,
      I32EnumAttrCase<"Floor", 3, "floor">
    ]> {
  let cppNamespace = "::mlir::tqt";
  let genSpecializedAttr = 0;
}

def TQT_RoundingAttr : EnumAttr<TQT_Dialect, TQT_RoundingMode, "rounding"> {
  let summary = "rounding mode: half_even (default), half_up, half_away, floor";
  let description = [{
    `half_even` rounds ties to the even neighbour (Graffitist's `tf.round`),
    `half_up` rounds ties toward +infinity (TOSA `SINGLE_ROUND`), `half_away`
    rounds ties away from zero (C `round`), `floor` rounds toward -infinity
    with no rounding term (average-pooling outputs).
  }];
  let assemblyFormat = "`<` $value `>`";
}

// The case values match mlir::tqt::numerics::Activation in Activations.h.
def TQT_ActivationKind : I32EnumAttr<"ActivationKind",
    "an activation of tqt.activation", [
      I32EnumAttrCase<"Sigmoid", 0, "sigmoid">,
      I32EnumAttrCase<"Tanh", 1, "tanh">,
      I32EnumAttrCase<"HardSigmoid", 2, "hardsigmoid">,
      I32EnumAttrCase<"HardSwish", 3, "hardswish">,
      I32EnumAttrCase<"SiLU", 4, "silu">
    ]> {
  let cppNamespace = "::mlir::tqt";
}

#endif // TQT_DIALECT_TQT_IR_TQTATTRS_TD
