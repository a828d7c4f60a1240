// Round trip of every op in the custom form, and through the generic form.
// RUN: tqt-opt %s -split-input-file | tqt-opt -split-input-file | FileCheck %s
// RUN: tqt-opt %s -split-input-file -mlir-print-op-generic | tqt-opt -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @fake_quant
// CHECK-SAME: (%[[X:.*]]: tensor<?x16xf32>, %[[T:.*]]: tensor<f32>)
func.func @fake_quant(%x: tensor<?x16xf32>, %t: tensor<f32>) -> (tensor<?x16xf32>, tensor<?x16xf32>, tensor<?x16xf32>) {
  // CHECK: tqt.fake_quant %[[X]], %[[T]] bits(8) signed : tensor<?x16xf32>
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<?x16xf32>
  // CHECK: tqt.fake_quant %[[X]], %[[T]] bits(4) signed narrow rounding<half_up> : tensor<?x16xf32>
  %1 = tqt.fake_quant %x, %t bits(4) signed narrow rounding<half_up> : tensor<?x16xf32>
  // CHECK: tqt.fake_quant %[[X]], %[[T]] bits(8) unsigned rounding<floor> : tensor<?x16xf32>
  %2 = tqt.fake_quant %x, %t bits(8) unsigned rounding<floor> : tensor<?x16xf32>
  return %0, %1, %2 : tensor<?x16xf32>, tensor<?x16xf32>, tensor<?x16xf32>
}

// -----

// The default rounding is elided; narrow = false is elided.
// CHECK-LABEL: func.func @defaults_elided
func.func @defaults_elided(%x: tensor<3x3x8x16xf32>, %t: tensor<f32>) -> tensor<3x3x8x16xf32> {
  // CHECK: tqt.fake_quant %{{.*}}, %{{.*}} bits(32) signed : tensor<3x3x8x16xf32>
  %0 = "tqt.fake_quant"(%x, %t) {bits = 32 : i64, is_signed = true, narrow = false, rounding = #tqt.rounding<half_even>} : (tensor<3x3x8x16xf32>, tensor<f32>) -> tensor<3x3x8x16xf32>
  return %0 : tensor<3x3x8x16xf32>
}

// -----

// CHECK-LABEL: func.func @fake_quant_grad
// CHECK-SAME: (%[[X:.*]]: tensor<2x?xf32>, %[[T:.*]]: tensor<f32>, %[[DY:.*]]: tensor<2x?xf32>)
func.func @fake_quant_grad(%x: tensor<2x?xf32>, %t: tensor<f32>, %dy: tensor<2x?xf32>) -> (tensor<2x?xf32>, tensor<f32>) {
  // CHECK: %[[DX:.*]], %[[DT:.*]] = tqt.fake_quant_grad %[[X]], %[[T]], %[[DY]] bits(2) signed rounding<half_away> : tensor<2x?xf32>
  // CHECK: return %[[DX]], %[[DT]] : tensor<2x?xf32>, tensor<f32>
  %dx, %dt = tqt.fake_quant_grad %x, %t, %dy bits(2) signed rounding<half_away> : tensor<2x?xf32>
  return %dx, %dt : tensor<2x?xf32>, tensor<f32>
}

// -----

// CHECK-LABEL: func.func @quantize_dequantize
func.func @quantize_dequantize(%x: tensor<?x28x28x1xf32>) -> tensor<?x28x28x1xf32> {
  // CHECK: %[[Q:.*]] = tqt.quantize %{{.*}} exp(-7) bits(8) signed : tensor<?x28x28x1xf32> -> tensor<?x28x28x1xi8>
  %q = tqt.quantize %x exp(-7) bits(8) signed : tensor<?x28x28x1xf32> -> tensor<?x28x28x1xi8>
  // CHECK: tqt.dequantize %[[Q]] exp(-7) bits(8) signed : tensor<?x28x28x1xi8> -> tensor<?x28x28x1xf32>
  %d = tqt.dequantize %q exp(-7) bits(8) signed : tensor<?x28x28x1xi8> -> tensor<?x28x28x1xf32>
  return %d : tensor<?x28x28x1xf32>
}

// -----

// int4 codes in i8 storage, unsigned 8-bit in i8, 16-bit in i32, scalars, unranked.
// CHECK-LABEL: func.func @storage_variants
func.func @storage_variants(%x: tensor<f32>, %u: tensor<*xf32>) -> (tensor<i8>, tensor<*xi8>, tensor<*xi32>) {
  // CHECK: tqt.quantize %{{.*}} exp(-3) bits(4) signed narrow rounding<floor> : tensor<f32> -> tensor<i8>
  %0 = tqt.quantize %x exp(-3) bits(4) signed narrow rounding<floor> : tensor<f32> -> tensor<i8>
  // CHECK: tqt.quantize %{{.*}} exp(126) bits(8) unsigned : tensor<*xf32> -> tensor<*xi8>
  %1 = tqt.quantize %u exp(126) bits(8) unsigned : tensor<*xf32> -> tensor<*xi8>
  // CHECK: tqt.quantize %{{.*}} exp(-126) bits(16) signed : tensor<*xf32> -> tensor<*xi32>
  %2 = tqt.quantize %u exp(-126) bits(16) signed : tensor<*xf32> -> tensor<*xi32>
  return %0, %1, %2 : tensor<i8>, tensor<*xi8>, tensor<*xi32>
}

// -----

// CHECK-LABEL: func.func @requantize
func.func @requantize(%a: tensor<?x10xi32>, %b: tensor<4xi8>) -> (tensor<?x10xi8>, tensor<?x10xi16>, tensor<4xi8>, tensor<?x10xi8>) {
  // CHECK: tqt.requantize %{{.*}} shift(9) bits(8) unsigned clamp_max(192) : tensor<?x10xi32> -> tensor<?x10xi8>
  %0 = tqt.requantize %a shift(9) bits(8) unsigned clamp_max(192) : tensor<?x10xi32> -> tensor<?x10xi8>
  // CHECK: tqt.requantize %{{.*}} shift(-2) bits(16) signed : tensor<?x10xi32> -> tensor<?x10xi16>
  %1 = tqt.requantize %a shift(-2) bits(16) signed : tensor<?x10xi32> -> tensor<?x10xi16>
  // CHECK: tqt.requantize %{{.*}} shift(1) bits(8) signed rounding<half_up> input_unsigned : tensor<4xi8> -> tensor<4xi8>
  %2 = tqt.requantize %b shift(1) bits(8) signed rounding<half_up> input_unsigned : tensor<4xi8> -> tensor<4xi8>
  // CHECK: tqt.requantize %{{.*}} shift(0) bits(8) signed narrow clamp_min(-5) clamp_max(100) : tensor<?x10xi32> -> tensor<?x10xi8>
  %3 = tqt.requantize %a shift(0) bits(8) signed narrow clamp_min(-5) clamp_max(100) : tensor<?x10xi32> -> tensor<?x10xi8>
  return %0, %1, %2, %3 : tensor<?x10xi8>, tensor<?x10xi16>, tensor<4xi8>, tensor<?x10xi8>
}

// -----

// Per channel: the thresholds' type follows from the input and the axis.
// CHECK-LABEL: func.func @per_channel
// CHECK-SAME: (%[[X:.*]]: tensor<3x3x8x16xf32>, %[[T:.*]]: tensor<16xf32>, %[[D:.*]]: tensor<?x4xf32>, %[[TD:.*]]: tensor<4xf32>)
func.func @per_channel(%x: tensor<3x3x8x16xf32>, %t: tensor<16xf32>, %d: tensor<?x4xf32>, %td: tensor<4xf32>) -> (tensor<3x3x8x16xf32>, tensor<?x4xf32>, tensor<4xf32>) {
  // CHECK: tqt.fake_quant %[[X]], %[[T]] bits(8) signed axis(3) : tensor<3x3x8x16xf32>
  %0 = tqt.fake_quant %x, %t bits(8) signed axis(3) : tensor<3x3x8x16xf32>
  // CHECK: tqt.fake_quant_grad %[[D]], %[[TD]], %[[D]] bits(4) signed narrow rounding<half_up> axis(1) : tensor<?x4xf32>
  %1, %2 = tqt.fake_quant_grad %d, %td, %d bits(4) signed narrow rounding<half_up> axis(1) : tensor<?x4xf32>
  return %0, %1, %2 : tensor<3x3x8x16xf32>, tensor<?x4xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @per_channel_codes
func.func @per_channel_codes(%x: tensor<2x4xf32>, %a: tensor<?x2xi32>) -> (tensor<2x4xf32>, tensor<?x2xi8>) {
  // CHECK: tqt.quantize %{{.*}} exps[-3, -5] axis(0) bits(8) signed rounding<floor> : tensor<2x4xf32> -> tensor<2x4xi8>
  %q = tqt.quantize %x exps[-3, -5] axis(0) bits(8) signed rounding<floor> : tensor<2x4xf32> -> tensor<2x4xi8>
  // CHECK: tqt.dequantize %{{.*}} exps[-3, -5] axis(0) bits(8) signed : tensor<2x4xi8> -> tensor<2x4xf32>
  %d = tqt.dequantize %q exps[-3, -5] axis(0) bits(8) signed : tensor<2x4xi8> -> tensor<2x4xf32>
  // CHECK: tqt.requantize %{{.*}} shifts[9, -2] axis(1) bits(8) unsigned clamp_max(100) : tensor<?x2xi32> -> tensor<?x2xi8>
  %r = tqt.requantize %a shifts[9, -2] axis(1) bits(8) unsigned clamp_max(100) : tensor<?x2xi32> -> tensor<?x2xi8>
  return %d, %r : tensor<2x4xf32>, tensor<?x2xi8>
}

// -----

// CHECK-LABEL: func.func @activations
// CHECK-SAME: (%[[X:.*]]: tensor<?x4x4x8xf32>)
func.func @activations(%x: tensor<?x4x4x8xf32>) -> (tensor<?x4x4x8xf32>, tensor<?x4x4x8xf32>, tensor<?x4x4x8xf32>, tensor<?x4x4x8xf32>, tensor<?x4x4x8xf32>) {
  // CHECK: tqt.activation sigmoid %[[X]] : tensor<?x4x4x8xf32>
  %0 = tqt.activation sigmoid %x : tensor<?x4x4x8xf32>
  // CHECK: tqt.activation tanh %[[X]] : tensor<?x4x4x8xf32>
  %1 = tqt.activation tanh %x : tensor<?x4x4x8xf32>
  // CHECK: tqt.activation hardsigmoid %[[X]] : tensor<?x4x4x8xf32>
  %2 = tqt.activation hardsigmoid %x : tensor<?x4x4x8xf32>
  // CHECK: tqt.activation hardswish %[[X]] : tensor<?x4x4x8xf32>
  %3 = tqt.activation hardswish %x : tensor<?x4x4x8xf32>
  // CHECK: tqt.activation silu %[[X]] : tensor<?x4x4x8xf32>
  %4 = tqt.activation silu %x : tensor<?x4x4x8xf32>
  return %0, %1, %2, %3, %4 : tensor<?x4x4x8xf32>, tensor<?x4x4x8xf32>, tensor<?x4x4x8xf32>, tensor<?x4x4x8xf32>, tensor<?x4x4x8xf32>
}
