// RUN: tqt-opt %s -split-input-file --tqt-legalize-pow2 | FileCheck %s --implicit-check-not=@conv1_act

// Thresholds from globals (as calibration and training write them) and from
// constants; ceil(2.5) - (8 - 0) = -5, ceil(-1.2) - 3 = -4, ceil(2.5) - 15 =
// -12. Grid, narrow and rounding carry over; storage is i8/i16/i32 by bits.
// The threshold global is gone (implicit-check-not); the weight global stays.
// CHECK: ml_program.global private @keep
// CHECK-LABEL: func.func @chain
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>)
// CHECK-NOT: ml_program.global_load
// CHECK: %[[Q0:.*]] = tqt.quantize %[[X]] exp(-5) bits(8) unsigned rounding<floor> : tensor<?x4xf32> -> tensor<?x4xi8>
// CHECK: %[[D0:.*]] = tqt.dequantize %[[Q0]] exp(-5) bits(8) unsigned : tensor<?x4xi8> -> tensor<?x4xf32>
// CHECK: %[[Q1:.*]] = tqt.quantize %[[D0]] exp(-4) bits(4) signed narrow : tensor<?x4xf32> -> tensor<?x4xi8>
// CHECK: %[[D1:.*]] = tqt.dequantize %[[Q1]] exp(-4) bits(4) signed : tensor<?x4xi8> -> tensor<?x4xf32>
// CHECK: %[[Q2:.*]] = tqt.quantize %[[D1]] exp(-12) bits(16) signed rounding<half_up> : tensor<?x4xf32> -> tensor<?x4xi16>
// CHECK: %[[D2:.*]] = tqt.dequantize %[[Q2]] exp(-12) bits(16) signed : tensor<?x4xi16> -> tensor<?x4xf32>
// CHECK: %[[Q3:.*]] = tqt.quantize %[[D2]] exp(-29) bits(32) signed : tensor<?x4xf32> -> tensor<?x4xi32>
// CHECK: return
ml_program.global private mutable @conv1_act(dense<2.5> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
ml_program.global private @keep(dense<1.0> : tensor<4xf32>) : tensor<4xf32>
func.func @chain(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %t = ml_program.global_load @conv1_act : tensor<f32>
  %c = arith.constant dense<-1.2> : tensor<f32>
  %c2 = arith.constant dense<2.0> : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) unsigned rounding<floor> : tensor<?x4xf32>
  %1 = tqt.fake_quant %0, %c bits(4) signed narrow : tensor<?x4xf32>
  %2 = tqt.fake_quant %1, %t bits(16) signed rounding<half_up> : tensor<?x4xf32>
  %3 = tqt.fake_quant %2, %c2 bits(32) signed : tensor<?x4xf32>
  return %3 : tensor<?x4xf32>
}
func.func @uses_keep() -> tensor<4xf32> {
  %k = ml_program.global_load @keep : tensor<4xf32>
  return %k : tensor<4xf32>
}

// -----

// Exact integers are their own ceil (2.0 -> 2); finite thresholds clamp to
// the exponent range (infinite ones are errors: legalize-pow2-invalid.mlir).
// CHECK-LABEL: func.func @edges
// CHECK: tqt.quantize %{{.*}} exp(-6) bits(8) unsigned
// CHECK: tqt.quantize %{{.*}} exp(127) bits(8) signed
// CHECK: tqt.quantize %{{.*}} exp(-126) bits(8) signed
func.func @edges(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %two = arith.constant dense<2.0> : tensor<f32>
  %inf = arith.constant dense<3.0e38> : tensor<f32>
  %ninf = arith.constant dense<-3.0e38> : tensor<f32>
  %0 = tqt.fake_quant %x, %two bits(8) unsigned : tensor<4xf32>
  %1 = tqt.fake_quant %x, %inf bits(8) signed : tensor<4xf32>
  %2 = tqt.fake_quant %x, %ninf bits(8) signed : tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Per-channel thresholds (a tensor<Cxf32> global, axis 0): one exponent per
// channel, ceil(t_c) - 7: [0.5, 2.0, -1.5] -> [-6, -5, -8].
// CHECK-LABEL: func.func @per_channel
// CHECK: %[[Q:.*]] = tqt.quantize %{{.*}} exps[-6, -5, -8] axis(0) bits(8) signed : tensor<3x2xf32> -> tensor<3x2xi8>
// CHECK: tqt.dequantize %[[Q]] exps[-6, -5, -8] axis(0) bits(8) signed : tensor<3x2xi8> -> tensor<3x2xf32>
ml_program.global private mutable @w_t(dense<[0.5, 2.0, -1.5]> : tensor<3xf32>) : tensor<3xf32> {tqt.log2_threshold, tqt.role = "weight"}
func.func @per_channel(%w: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %t = ml_program.global_load @w_t : tensor<3xf32>
  %0 = tqt.fake_quant %w, %t bits(8) signed axis(0) : tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
