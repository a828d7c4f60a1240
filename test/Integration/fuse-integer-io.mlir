// --tqt-fuse-integer="integer-io" leaves no float at all: the model takes
// and returns integer codes, and quantizing outside, running it, and
// dequantizing outside gives the same bytes as the float-boundary program.
// RUN: rm -rf %t && mkdir -p %t
// RUN: tqt-opt %S/Inputs/legal-layer.mlir --tqt-fuse-integer="integer-io" -o %t/int.mlir
// RUN: FileCheck %s < %t/int.mlir
// RUN: %python %S/Inputs/check_integer_only.py %t/int.mlir | FileCheck %s --check-prefix=INT
// RUN: tqt-run %S/Inputs/legal-layer.mlir --random-inputs --seed 4 --dynamic-size 3 --dump-inputs %t/in --output-dir %t/float
// RUN: tqt-run %S/Inputs/codes-in-out.mlir -e quantize_input -i %t/in/input0.npy --output-dir %t/codes_in
// RUN: tqt-run %t/int.mlir -i %t/codes_in/result0.npy --output-dir %t/codes_out
// RUN: %python -c "import numpy as np; print(np.load('%t/codes_out/result0.npy').dtype)" | FileCheck %s --check-prefix=DTYPE
// RUN: tqt-run %S/Inputs/codes-in-out.mlir -e dequantize_output -i %t/codes_out/result0.npy --output-dir %t/out
// RUN: %npytool same-dir %t/float %t/out | FileCheck %s --check-prefix=SAME

// CHECK: func.func @layer(%{{.*}}: tensor<?x4x4x1xi8> {tqt.bits = 8 : i64, tqt.exp = -6 : i64, tqt.is_signed = true}) -> (tensor<?x4x4x2xi8> {tqt.bits = 8 : i64, tqt.exp = -5 : i64, tqt.is_signed = false})
// CHECK-NOT: tqt.quantize
// CHECK-NOT: tqt.dequantize
// INT: integer-only check: 0 float ops
// SAME: 1 of 1 files identical
// Unsigned 8-bit result codes are written as uint8 (raw bytes in i8).
// DTYPE: uint8
