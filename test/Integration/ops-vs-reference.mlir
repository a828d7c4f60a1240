// Every tqt op, in every rounding mode, on every grid (signed, narrow,
// unsigned, int2/int4/int8/int16/int24/int32, 64-bit storage), lowered by
// --tqt-lower-to-llvm and JIT-executed, is byte-identical to the numerics
// reference (tqt-run --reference evaluates the same functions with
// FixedPoint.h). Inputs are tie-heavy and saturation-edge tensors (k + 1/2
// at the scale, p + 1/2, n - 1/2, NaN, +-inf, -0, subnormals, 2^23 + 1,
// INT32/INT64 limits, ties at every shift), then random dyadic tensors.
//
// RUN: rm -rf %t && %python %S/Inputs/gen_ops_matrix.py %t
//
// RUN: tqt-run %t/matrix.mlir -e fake_quant_all -i %t/x.npy --output-dir %t/jit/fq
// RUN: tqt-run %t/matrix.mlir -e fake_quant_all -i %t/x.npy --output-dir %t/ref/fq --reference
// RUN: %npytool same-dir %t/jit/fq %t/ref/fq | FileCheck %s --check-prefix=FQ
// FQ: 44 of 44 files identical
//
// RUN: tqt-run %t/matrix.mlir -e fake_quant_grad_all -i %t/x.npy -i %t/dy.npy --output-dir %t/jit/grad
// RUN: tqt-run %t/matrix.mlir -e fake_quant_grad_all -i %t/x.npy -i %t/dy.npy --output-dir %t/ref/grad --reference
// RUN: %npytool same-dir %t/jit/grad %t/ref/grad | FileCheck %s --check-prefix=GRAD
// GRAD: 82 of 82 files identical
//
// RUN: tqt-run %t/matrix.mlir -e quantize_all -i %t/x.npy --output-dir %t/jit/q
// RUN: tqt-run %t/matrix.mlir -e quantize_all -i %t/x.npy --output-dir %t/ref/q --reference
// RUN: %npytool same-dir %t/jit/q %t/ref/q | FileCheck %s --check-prefix=Q
// Q: 52 of 52 files identical
//
// RUN: tqt-run %t/matrix.mlir -e dequantize_all -i %t/q8.npy -i %t/q16.npy -i %t/q32.npy --output-dir %t/jit/dq
// RUN: tqt-run %t/matrix.mlir -e dequantize_all -i %t/q8.npy -i %t/q16.npy -i %t/q32.npy --output-dir %t/ref/dq --reference
// RUN: %npytool same-dir %t/jit/dq %t/ref/dq | FileCheck %s --check-prefix=DQ
// DQ: 90 of 90 files identical
//
// RUN: tqt-run %t/matrix.mlir -e requantize_all -i %t/a32.npy -i %t/a8.npy -i %t/a64.npy --output-dir %t/jit/rq
// RUN: tqt-run %t/matrix.mlir -e requantize_all -i %t/a32.npy -i %t/a8.npy -i %t/a64.npy --output-dir %t/ref/rq --reference
// RUN: %npytool same-dir %t/jit/rq %t/ref/rq | FileCheck %s --check-prefix=RQ
// RQ: 496 of 496 files identical
//
// Random dyadic inputs (m * 2^-6), replayed through the reference.
// RUN: tqt-run %t/matrix.mlir -e fake_quant_grad_all --random-inputs --seed 7 --dynamic-size 4096 --dump-inputs %t/rnd/in --output-dir %t/rnd/jit
// RUN: tqt-run %t/matrix.mlir -e fake_quant_grad_all -i %t/rnd/in/input0.npy -i %t/rnd/in/input1.npy --output-dir %t/rnd/ref --reference
// RUN: %npytool same-dir %t/rnd/jit %t/rnd/ref | FileCheck %s --check-prefix=GRAD
// RUN: tqt-run %t/matrix.mlir -e requantize_all --random-inputs --seed 9 --dynamic-size 2048 --dump-inputs %t/rnd2/in --output-dir %t/rnd2/jit
// RUN: tqt-run %t/matrix.mlir -e requantize_all -i %t/rnd2/in/input0.npy -i %t/rnd2/in/input1.npy -i %t/rnd2/in/input2.npy --output-dir %t/rnd2/ref --reference
// RUN: %npytool same-dir %t/rnd2/jit %t/rnd2/ref | FileCheck %s --check-prefix=RQ
