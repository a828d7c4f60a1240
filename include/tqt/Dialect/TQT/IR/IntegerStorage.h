//===- IntegerStorage.h - How the integer program stores codes --*- C++ -*-===//
//
// The contract between --tqt-fuse-integer, which writes the integer program,
// and the passes that read it (the int8 kernels, the conversions):
//
// - 8-bit codes live in i8: signed ones as two's complement, unsigned ones
//   (ReLU outputs) as their raw byte, read zero-extended, as every tqt op
//   reads unsigned storage.
// - TOSA's integer ops read i8 as signed. They see unsigned codes through the
//   zero-point view: s = u ^ 0x80 = u - 128 (a tosa.bitwise_xor with -128),
//   consumed with a zero point of -128, so that s - zp = u exactly (also in
//   the padding of a convolution, which reads zp). The view is its own
//   inverse: applied to s-form codes it gives the raw bytes back (max pooling
//   selects in the s-form and returns raw codes that way).
// - Where a sum of codes needs wider storage (adds, a convolution whose i32
//   accumulator is not proved safe), unsigned bytes are zero-extended.
//
// docs/Numerics.md ("Storage of codes") explains the choice.
//
//===----------------------------------------------------------------------===//

#ifndef TQT_DIALECT_TQT_IR_INTEGERSTORAGE_H
#define TQT_DIALECT_TQT_IR_INTEGERSTORAGE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

namespace mlir::tqt {

/// The zero point with which TOSA ops read the view of unsigned 8-bit codes.
inline constexpr int64_t kUnsignedViewZeroPoint = -128;

/// The storage type of codes of a `bits`-wide grid: i8 up to 8 bits (signed
/// or raw unsigned bytes), i32 above.
Type getCodeStorageType(MLIRContext *ctx, unsigned bits);

/// The zero-point view of i8 codes: `codes ^ 0x80` (a tosa.bitwise_xor).
Value buildZeroPointView(OpBuilder &b, Location loc, Value codes);

/// The codes `v` is the zero-point view of, or null if it is not one.
Value getZeroPointViewSource(Value v);

/// Raw unsigned i8 codes zero-extended to `elementType` (i16 or i32):
/// a tosa.cast (which sign-extends) and a tosa.bitwise_and with 0xff.
Value buildZeroExtension(OpBuilder &b, Location loc, Value codes,
                         Type elementType);

} // namespace mlir::tqt

#endif // TQT_DIALECT_TQT_IR_INTEGERSTORAGE_H
