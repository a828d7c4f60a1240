// dequantize(quantize(x)) equals fake_quant(x) bit for bit at the matching
// exponent, for every grid and rounding mode, on edge and random inputs,
// in the compiled code (each pair of results of @fq_vs_dq must match).
//
// RUN: rm -rf %t && %python %S/Inputs/gen_ops_matrix.py %t
// RUN: tqt-run %t/matrix.mlir -e fq_vs_dq -i %t/x.npy --output-dir %t/edges
// RUN: %npytool same-pairs %t/edges | FileCheck %s
// RUN: tqt-run %t/matrix.mlir -e fq_vs_dq --random-inputs --seed 3 --dynamic-size 10000 --output-dir %t/random
// RUN: %npytool same-pairs %t/random | FileCheck %s
// CHECK: 40 of 40 pairs identical
