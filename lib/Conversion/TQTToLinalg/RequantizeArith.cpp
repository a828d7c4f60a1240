//===- RequantizeArith.cpp - tqt.requantize as arith ops ------------------===//

#include "tqt/Conversion/RequantizeArith.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
namespace num = ::mlir::tqt::numerics;

static bool fitsInt32(num::Grid g) {
  return g.lo >= INT32_MIN && g.hi <= INT32_MAX;
}

IntegerType mlir::tqt::requantizeWorkType(MLIRContext *ctx, unsigned inputWidth,
                                          bool inputSigned, num::Grid grid,
                                          int shift) {
  bool inputFits32 = inputWidth < 32 || (inputWidth == 32 && inputSigned);
  if (inputFits32 && fitsInt32(grid) && shift > -31 && shift < 31)
    return IntegerType::get(ctx, 32);
  return IntegerType::get(ctx, 64);
}

Value mlir::tqt::intConstant(ImplicitLocOpBuilder &b, Type type, int64_t v) {
  if (auto vec = dyn_cast<VectorType>(type)) {
    auto elem = cast<IntegerType>(vec.getElementType());
    return arith::ConstantOp::create(
        b, DenseElementsAttr::get(
               vec, APInt(elem.getWidth(), uint64_t(v), /*isSigned=*/true)));
  }
  return arith::ConstantOp::create(b, b.getIntegerAttr(type, v));
}

static unsigned elementWidth(Value a) {
  return getElementTypeOrSelf(a.getType()).getIntOrFloatBitWidth();
}

/// floor(a / 2^k) plus the rounding increment decided from the remainder
/// a & (2^k - 1) against h = 2^(k-1); never overflows (k >= 1).
static Value roundingShiftRight(ImplicitLocOpBuilder &b, Value a, unsigned k,
                                num::Rounding mode) {
  Type type = a.getType();
  unsigned width = elementWidth(a);
  if (k > width - 1) // k = 63 only in 64-bit mode; cap like the reference
    k = width - 1;
  auto c = [&](int64_t v) { return mlir::tqt::intConstant(b, type, v); };
  Value fl = arith::ShRSIOp::create(b, a, c(k));
  if (mode == num::Rounding::Floor)
    return fl;
  uint64_t mask = (uint64_t(1) << k) - 1;
  uint64_t half = uint64_t(1) << (k - 1);
  Value rem = arith::AndIOp::create(b, a, c(int64_t(mask)));
  Value h = c(int64_t(half));
  Value up;
  switch (mode) {
  case num::Rounding::HalfUp:
    up = arith::CmpIOp::create(b, arith::CmpIPredicate::uge, rem, h);
    break;
  case num::Rounding::HalfEven:
  case num::Rounding::HalfAway: {
    Value gt = arith::CmpIOp::create(b, arith::CmpIPredicate::ugt, rem, h);
    Value tie = arith::CmpIOp::create(b, arith::CmpIPredicate::eq, rem, h);
    Value tieUp;
    if (mode == num::Rounding::HalfEven) {
      Value odd = arith::AndIOp::create(b, fl, c(1));
      tieUp = arith::CmpIOp::create(b, arith::CmpIPredicate::ne, odd, c(0));
    } else {
      tieUp = arith::CmpIOp::create(b, arith::CmpIPredicate::sge, a, c(0));
    }
    up = arith::OrIOp::create(b, gt, arith::AndIOp::create(b, tie, tieUp));
    break;
  }
  case num::Rounding::Floor:
    llvm_unreachable("handled above");
  }
  Value inc = arith::ExtUIOp::create(b, type, up);
  return arith::AddIOp::create(b, fl, inc);
}

/// sat(a * 2^j): saturate against floor(hi / 2^j) and ceil(lo / 2^j)
/// first, so the shift itself never overflows.
static Value saturatingShiftLeft(ImplicitLocOpBuilder &b, Value a, unsigned j,
                                 num::Grid grid) {
  auto c = [&](int64_t v) { return mlir::tqt::intConstant(b, a.getType(), v); };
  __int128 p2 = __int128(1) << j;
  auto floorDiv = [&](__int128 v) {
    __int128 q = v / p2;
    if (v % p2 != 0 && v < 0)
      --q;
    return q;
  };
  int64_t aHi = int64_t(floorDiv(grid.hi));
  int64_t aLo = int64_t(-floorDiv(-__int128(grid.lo)));
  Value above = arith::CmpIOp::create(b, arith::CmpIPredicate::sgt, a, c(aHi));
  Value below = arith::CmpIOp::create(b, arith::CmpIPredicate::slt, a, c(aLo));
  // In range, |a * 2^j| <= max(|lo|, |hi|): no overflow. Out of range the
  // shifted value is discarded; clamp a first so it is defined anyway.
  Value safe =
      arith::MaxSIOp::create(b, arith::MinSIOp::create(b, a, c(aHi)), c(aLo));
  Value shifted = arith::ShLIOp::create(b, safe, c(j));
  Value y = arith::SelectOp::create(b, below, c(grid.lo), shifted);
  return arith::SelectOp::create(b, above, c(grid.hi), y);
}

/// The rounding shift as one add before the arithmetic shift, exact when
/// a + 2^(k-1) cannot overflow (the caller checks): with a = q 2^k + r,
/// h = 2^(k-1), adding h - 1 + (q & 1) carries into q exactly when r > h, or
/// r = h and q is odd (half_even); adding h, when r >= h (half_up); adding
/// h - 1 for negative a and h otherwise, when r > h or r = h and a >= 0
/// (half_away).
static Value addThenShiftRight(ImplicitLocOpBuilder &b, Value a, unsigned k,
                               num::Rounding mode) {
  Type type = a.getType();
  auto c = [&](int64_t v) { return mlir::tqt::intConstant(b, type, v); };
  int64_t half = int64_t(1) << (k - 1);
  Value biased;
  switch (mode) {
  case num::Rounding::HalfUp:
    biased = arith::AddIOp::create(b, a, c(half));
    break;
  case num::Rounding::HalfEven: {
    Value odd =
        arith::AndIOp::create(b, arith::ShRSIOp::create(b, a, c(k)), c(1));
    biased =
        arith::AddIOp::create(b, arith::AddIOp::create(b, a, c(half - 1)), odd);
    break;
  }
  case num::Rounding::HalfAway: {
    // a >> (width - 1) is -1 for negative a, 0 otherwise.
    Value sign = arith::ShRSIOp::create(b, a, c(elementWidth(a) - 1));
    biased =
        arith::AddIOp::create(b, arith::AddIOp::create(b, a, c(half)), sign);
    break;
  }
  case num::Rounding::Floor:
    biased = a;
    break;
  }
  return arith::ShRSIOp::create(b, biased, c(k));
}

Value mlir::tqt::buildRequantize(ImplicitLocOpBuilder &b, Value a, int shift,
                                 num::Rounding mode, num::Grid grid,
                                 std::optional<num::Grid> bounds) {
  if (shift < 0)
    return saturatingShiftLeft(b, a, unsigned(-shift), grid);
  unsigned width = elementWidth(a);
  bool roomToAdd = bounds && shift >= 1 && unsigned(shift) < width &&
                   __int128(bounds->hi) + (__int128(1) << (shift - 1)) <=
                       (__int128(1) << (width - 1)) - 1 &&
                   __int128(bounds->lo) >= -(__int128(1) << (width - 1));
  Value y = shift == 0  ? a
            : roomToAdd ? addThenShiftRight(b, a, unsigned(shift), mode)
                        : roundingShiftRight(b, a, unsigned(shift), mode);
  // Clip order of the method: min with hi first, then max with lo.
  y = arith::MinSIOp::create(b, y, intConstant(b, a.getType(), grid.hi));
  return arith::MaxSIOp::create(b, y, intConstant(b, a.getType(), grid.lo));
}
