// The integer-only check used by the bit-exactness tests (check_integer_only.py)
// accepts float only at the boundary: a dequantize -> quantize round trip in
// the middle of a program is two float ops.
// RUN: not %python %S/Inputs/check_integer_only.py %S/Inputs/mid-roundtrip.mlir | FileCheck %s
// CHECK: mid-roundtrip.mlir:3: %d = tqt.dequantize
// CHECK-NEXT: mid-roundtrip.mlir:4: %q2 = tqt.quantize
// CHECK-NEXT: integer-only check: 2 float ops in 7 lines
// RUN: %python %S/Inputs/check_integer_only.py %S/Inputs/codes-in-out.mlir | FileCheck %s --check-prefix=OK
// OK: integer-only check: 0 float ops
