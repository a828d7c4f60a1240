//===- TQTDialect.cpp - The tqt dialect -----------------------------------===//

#include "tqt/Dialect/TQT/IR/TQTDialect.h"
#include "tqt/Dialect/TQT/IR/TQTAttrs.h"
#include "tqt/Dialect/TQT/IR/TQTOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
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

bool mlir::tqt::isWeightThreshold(Operation *global) {
  auto role = global->getAttrOfType<StringAttr>(
      TQTDialect::RoleAttrHelper::getNameStr());
  return role && role.getValue() == kWeightRole;
}

Value mlir::tqt::buildDerivedThreshold(OpBuilder &b, Location loc, Value log2Tx,
                                       Value log2Tw, float offset) {
  auto scalar = RankedTensorType::get({}, b.getF32Type());
  Value cx = math::CeilOp::create(b, loc, log2Tx);
  Value cw = math::CeilOp::create(b, loc, log2Tw);
  Value sum = arith::AddFOp::create(b, loc, cx, cw);
  Value k =
      arith::ConstantOp::create(b, loc, DenseElementsAttr::get(scalar, offset));
  return arith::AddFOp::create(b, loc, sum, k);
}

bool mlir::tqt::isDerivedThreshold(Value log2T) {
  return isa_and_present<math::CeilOp, arith::AddFOp, arith::SubFOp>(
      log2T.getDefiningOp());
}

DictionaryAttr mlir::tqt::getBoundaryCodesAttrs(MLIRContext *ctx,
                                                const BoundaryCodes &codes) {
  Builder b(ctx);
  NamedAttrList attrs;
  attrs.set(kBoundaryExpAttr, b.getI64IntegerAttr(codes.exp));
  attrs.set(kBoundaryBitsAttr, b.getI64IntegerAttr(codes.bits));
  attrs.set(kBoundaryIsSignedAttr, b.getBoolAttr(codes.isSigned));
  return attrs.getDictionary(ctx);
}

std::optional<BoundaryCodes>
mlir::tqt::readBoundaryCodes(DictionaryAttr attrs) {
  if (!attrs)
    return std::nullopt;
  auto exp = attrs.getAs<IntegerAttr>(kBoundaryExpAttr);
  auto bits = attrs.getAs<IntegerAttr>(kBoundaryBitsAttr);
  auto isSigned = attrs.getAs<BoolAttr>(kBoundaryIsSignedAttr);
  if (!exp || !bits || !isSigned)
    return std::nullopt;
  return BoundaryCodes{exp.getInt(), bits.getInt(), isSigned.getValue()};
}

LogicalResult TQTDialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attr) {
  StringRef name = attr.getName().getValue();
  auto onGlobal = [&]() -> LogicalResult {
    if (op->getName().getStringRef() != "ml_program.global")
      return op->emitError("'")
             << name << "' is only valid on an ml_program.global";
    return success();
  };
  if (name == AvgpoolAttrHelper::getNameStr()) {
    if (!isa<UnitAttr>(attr.getValue()))
      return op->emitError("'") << name << "' must be a unit attribute";
    if (op->getName().getStringRef() != "tosa.depthwise_conv2d")
      return op->emitError("'")
             << name
             << "' is only valid on the tosa.depthwise_conv2d that "
                "--tqt-prepare makes of an average pooling";
    return success();
  }
  if (name == Log2ThresholdAttrHelper::getNameStr() ||
      name == PromotedAttrHelper::getNameStr()) {
    if (!isa<UnitAttr>(attr.getValue()))
      return op->emitError("'") << name << "' must be a unit attribute";
    if (failed(onGlobal()))
      return failure();
    if (name == Log2ThresholdAttrHelper::getNameStr()) {
      auto type = dyn_cast_if_present<TypeAttr>(op->getAttr("type"));
      auto tensor =
          type ? dyn_cast<RankedTensorType>(type.getValue()) : nullptr;
      if (!tensor || tensor.getRank() > 1 || !tensor.getElementType().isF32())
        return op->emitError("'")
               << name << "' marks a threshold global, which holds log2 t "
               << "as tensor<f32> (or tensor<Cxf32>, one per channel)";
    }
    return success();
  }
  if (name == RoleAttrHelper::getNameStr() ||
      name == CalibrationAttrHelper::getNameStr()) {
    auto value = dyn_cast<StringAttr>(attr.getValue());
    if (!value)
      return op->emitError("'") << name << "' must be a string attribute";
    if (failed(onGlobal()))
      return failure();
    if (name == RoleAttrHelper::getNameStr() && value.getValue() != "weight")
      return op->emitError("'")
             << name << "' must be \"weight\" (the role of a weight "
             << "quantizer's threshold; other thresholds have none), got "
             << value;
    return success();
  }
  if (name == TraceAttrHelper::getNameStr()) {
    auto value = dyn_cast<IntegerAttr>(attr.getValue());
    if (!value || !value.getType().isInteger(64) || value.getInt() < 0)
      return op->emitError("'")
             << name << "' must be a non-negative i64 integer";
    if (op->getNumResults() != 1)
      return op->emitError("'")
             << name << "' must be on an op with one result (the codes)";
    return success();
  }
  if (name == NoaliasPointersAttrHelper::getNameStr()) {
    auto value = dyn_cast<DenseI64ArrayAttr>(attr.getValue());
    if (!value)
      return op->emitError("'")
             << name << "' must be an array<i64> of parameter positions";
    if (op->getName().getStringRef() != "func.func" &&
        op->getName().getStringRef() != "llvm.func")
      return op->emitError("'")
             << name << "' is only valid on a func.func or an llvm.func";
    int64_t previous = -1;
    for (int64_t position : value.asArrayRef()) {
      if (position <= previous)
        return op->emitError("'")
               << name << "' must list increasing non-negative positions";
      previous = position;
    }
    return success();
  }
  return op->emitError("unknown attribute '")
         << name
         << "' (the tqt dialect's attributes on other ops are tqt.avgpool, "
            "tqt.log2_threshold, tqt.role, tqt.calibration, tqt.promoted, "
            "tqt.trace and tqt.noalias_pointers)";
}

Operation *TQTDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed || typed.getType() != type)
    return nullptr;
  return arith::ConstantOp::create(builder, loc, type, typed);
}

::mlir::tqt::numerics::Rounding mlir::tqt::toNumerics(RoundingMode mode) {
  switch (mode) {
  case RoundingMode::HalfEven:
    return ::mlir::tqt::numerics::Rounding::HalfEven;
  case RoundingMode::HalfUp:
    return ::mlir::tqt::numerics::Rounding::HalfUp;
  case RoundingMode::HalfAway:
    return ::mlir::tqt::numerics::Rounding::HalfAway;
  case RoundingMode::Floor:
    return ::mlir::tqt::numerics::Rounding::Floor;
  }
  llvm_unreachable("unknown rounding mode");
}
