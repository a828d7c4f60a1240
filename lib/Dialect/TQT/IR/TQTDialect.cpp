//===- TQTDialect.cpp - The tqt dialect -----------------------------------===//

#include "tqt/Dialect/TQT/IR/TQTDialect.h"
#include "tqt/Dialect/TQT/IR/TQTAttrs.h"
#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::tqt;

#include "tqt/Dialect/TQT/IR/TQTOpsDialect.cpp.inc"

#include "tqt/Dialect/TQT/IR/TQTEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "tqt/Dialect/TQT/IR/TQTAttrs.cpp.inc"

void TQTDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "tqt/Dialect/TQT/IR/TQTOps.cpp.inc"
      >();
  registerAttributes();
}

void TQTDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "tqt/Dialect/TQT/IR/TQTAttrs.cpp.inc"
      >();
}

Operation *TQTDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed || typed.getType() != type)
    return nullptr;
  return arith::ConstantOp::create(builder, loc, type, typed);
}

::tqt::numerics::Rounding mlir::tqt::toNumerics(RoundingMode mode) {
  switch (mode) {
  case RoundingMode::HalfEven:
    return ::tqt::numerics::Rounding::HalfEven;
  case RoundingMode::HalfUp:
    return ::tqt::numerics::Rounding::HalfUp;
  case RoundingMode::HalfAway:
    return ::tqt::numerics::Rounding::HalfAway;
  case RoundingMode::Floor:
    return ::tqt::numerics::Rounding::Floor;
  }
  llvm_unreachable("unknown rounding mode");
}
