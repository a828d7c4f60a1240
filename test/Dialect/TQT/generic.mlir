// The generic form with attributes in a plain dictionary (as other front ends
// write it) parses, verifies and prints in the custom form.
// RUN: tqt-opt %s -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @generic_ops
func.func @generic_ops(%x: tensor<4xf32>, %t: tensor<f32>, %a: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<f32>, tensor<4xi8>) {
  // CHECK: tqt.fake_quant %{{.*}}, %{{.*}} bits(8) signed rounding<half_up> : tensor<4xf32>
  %0 = "tqt.fake_quant"(%x, %t) {bits = 8 : i64, is_signed = true, rounding = #tqt.rounding<half_up>} : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  // CHECK: tqt.fake_quant_grad %{{.*}}, %{{.*}}, %{{.*}} bits(8) unsigned : tensor<4xf32>
  %1:2 = "tqt.fake_quant_grad"(%x, %t, %0) {bits = 8 : i64, is_signed = false} : (tensor<4xf32>, tensor<f32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<f32>)
  // CHECK: tqt.requantize %{{.*}} shift(3) bits(8) signed clamp_min(0) : tensor<4xi32> -> tensor<4xi8>
  %2 = "tqt.requantize"(%a) {shift = 3 : i64, bits = 8 : i64, is_signed = true, clamp_min = 0 : i64} : (tensor<4xi32>) -> tensor<4xi8>
  // CHECK: tqt.quantize %{{.*}} exp(-4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  // CHECK: tqt.dequantize %{{.*}} exp(-4) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  %3 = "tqt.quantize"(%x) {exp = -4 : i64, bits = 8 : i64, is_signed = true} : (tensor<4xf32>) -> tensor<4xi8>
  %4 = "tqt.dequantize"(%3) {exp = -4 : i64, bits = 8 : i64, is_signed = true} : (tensor<4xi8>) -> tensor<4xf32>
  return %4, %1#0, %1#1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<f32>, tensor<4xi8>
}
