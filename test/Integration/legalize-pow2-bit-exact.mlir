// --tqt-legalize-pow2 keeps every bit: the legalized program (integer
// quantize/dequantize pairs) equals the fake_quant simulation on tie-heavy,
// edge and random inputs, in every rounding mode.
// RUN: rm -rf %t && %python %S/Inputs/gen_ops_matrix.py %t
// RUN: tqt-opt %s --tqt-legalize-pow2 -o %t/legal.mlir
// RUN: tqt-run %s -i %t/x.npy --output-dir %t/sim
// RUN: tqt-run %t/legal.mlir -i %t/x.npy --output-dir %t/legal
// RUN: %npytool same-dir %t/sim %t/legal | FileCheck %s
// RUN: tqt-run %s --random-inputs --seed 21 --dynamic-size 5000 --dump-inputs %t/in --output-dir %t/rsim
// RUN: tqt-run %t/legal.mlir -i %t/in/input0.npy --output-dir %t/rlegal
// RUN: %npytool same-dir %t/rsim %t/rlegal | FileCheck %s
// CHECK: 5 of 5 files identical

ml_program.global private mutable @act(dense<2.3> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
ml_program.global private mutable @w(dense<-0.4> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
func.func @sim(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %a = ml_program.global_load @act : tensor<f32>
  %w = ml_program.global_load @w : tensor<f32>
  %c = arith.constant dense<11.0> : tensor<f32>
  %0 = tqt.fake_quant %x, %a bits(8) unsigned : tensor<?xf32>
  %1 = tqt.fake_quant %x, %w bits(4) signed narrow rounding<half_up> : tensor<?xf32>
  %2 = tqt.fake_quant %x, %a bits(8) signed rounding<half_away> : tensor<?xf32>
  %3 = tqt.fake_quant %x, %c bits(16) signed rounding<floor> : tensor<?xf32>
  %4 = tqt.fake_quant %x, %w bits(32) signed : tensor<?xf32>
  return %0, %1, %2, %3, %4 : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}
