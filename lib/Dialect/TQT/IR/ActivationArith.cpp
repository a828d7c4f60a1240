//===- ActivationArith.cpp - Activation sequences as arith ops ------------===//

#include "tqt/Dialect/TQT/IR/ActivationArith.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::tqt;
namespace num = ::mlir::tqt::numerics;

namespace {

/// The arith backend of the sequences. No fastmath flags: LLVM then never
/// contracts a multiply and an add into an FMA, so each op rounds as the
/// C++ backend's does.
struct ArithOps {
  using Value = ::mlir::Value;
  using Bool = ::mlir::Value;
  OpBuilder &b;
  Location loc;

  Value constant(float v) {
    return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
  }
  Value add(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value div(Value x, Value y) { return arith::DivFOp::create(b, loc, x, y); }
  Value neg(Value x) { return arith::NegFOp::create(b, loc, x); }
  Value floor(Value x) { return math::FloorOp::create(b, loc, x); }
  Bool lt(Value x, Value y) {
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, y);
  }
  Bool gt(Value x, Value y) {
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, y);
  }
  Bool isNaN(Value x) {
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
  }
  Value select(Bool c, Value x, Value y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }
  /// 2^n from the exponent field (n integral in [-126, 127]).
  Value exp2(Value n) {
    Type i32 = b.getI32Type();
    Value k = arith::FPToSIOp::create(b, loc, i32, n);
    Value biased = arith::AddIOp::create(
        b, loc, k,
        arith::ConstantOp::create(b, loc, b.getIntegerAttr(i32, 127)));
    Value bits = arith::ShLIOp::create(
        b, loc, biased,
        arith::ConstantOp::create(b, loc, b.getIntegerAttr(i32, 23)));
    return arith::BitcastOp::create(b, loc, b.getF32Type(), bits);
  }
};

} // namespace

Value mlir::tqt::buildActivation(OpBuilder &b, Location loc, num::Activation a,
                                 Value x) {
  ArithOps o{b, loc};
  return num::activationSequence(o, a, x);
}

Value mlir::tqt::buildActivationDerivative(OpBuilder &b, Location loc,
                                           num::Activation a, Value x) {
  ArithOps o{b, loc};
  return num::activationDerivative(o, a, x);
}
