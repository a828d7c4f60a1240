// RUN: tqt-opt %s --split-input-file --tqt-int8-kernels="isa=avx512-vnni remarks=true" -verify-diagnostics | FileCheck %s --enable-var-scope

// Every candidate layer says which kernel it got, or why it has none (and
// keeps the reference lowering).

// CHECK-LABEL: func.func @gets_kernel
// CHECK:         call @__tqt_avx512_vnni_gemm
func.func @gets_kernel(%x: tensor<2x4x4x8xi8>) -> tensor<2x4x4x16xi8> {
  %w = "tosa.const"() <{values = dense<3> : tensor<16x1x1x8xi8>}> : () -> tensor<16x1x1x8xi8>
  %b = "tosa.const"() <{values = dense<0> : tensor<16xi32>}> : () -> tensor<16xi32>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-remark @below {{avx512-vnni kernel: M x 16 x 8, signed activations, 1 epilogue steps}}
  %acc = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x4x4x8xi8>, tensor<16x1x1x8xi8>, tensor<16xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<2x4x4x16xi32>
  %y = tqt.requantize %acc shift(3) bits(8) signed : tensor<2x4x4x16xi32> -> tensor<2x4x4x16xi8>
  return %y : tensor<2x4x4x16xi8>
}

// -----

// CHECK-LABEL: func.func @weights_not_constant
// CHECK:         tosa.conv2d
func.func @weights_not_constant(%x: tensor<1x4x4x8xi8>, %w: tensor<16x1x1x8xi8>) -> tensor<1x4x4x16xi8> {
  %b = "tosa.const"() <{values = dense<0> : tensor<16xi32>}> : () -> tensor<16xi32>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-remark @below {{no avx512-vnni kernel: weights are not constant 8-bit codes}}
  %acc = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x8xi8>, tensor<16x1x1x8xi8>, tensor<16xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4x16xi32>
  %y = tqt.requantize %acc shift(3) bits(8) signed : tensor<1x4x4x16xi32> -> tensor<1x4x4x16xi8>
  return %y : tensor<1x4x4x16xi8>
}

// -----

// 16-bit activation codes have i48 accumulators: not an int8 layer.
// CHECK-LABEL: func.func @sixteen_bit_codes
// CHECK:         tosa.conv2d
func.func @sixteen_bit_codes(%a: tensor<1x4x4x8xi32>) -> tensor<1x4x4x16xi8> {
  %x = tqt.requantize %a shift(0) bits(16) signed : tensor<1x4x4x8xi32> -> tensor<1x4x4x8xi16>
  %w = "tosa.const"() <{values = dense<3> : tensor<16x1x1x8xi8>}> : () -> tensor<16x1x1x8xi8>
  %b = "tosa.const"() <{values = dense<0> : tensor<16xi48>}> : () -> tensor<16xi48>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi16>}> : () -> tensor<1xi16>
  %zpw = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-remark @below {{no avx512-vnni kernel: activations are not 8-bit codes}}
  %acc = tosa.conv2d %x, %w, %b, %zp, %zpw {acc_type = i48, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x8xi16>, tensor<16x1x1x8xi8>, tensor<16xi48>, tensor<1xi16>, tensor<1xi8>) -> tensor<1x4x4x16xi48>
  %y = tqt.requantize %acc shift(3) bits(8) signed : tensor<1x4x4x16xi48> -> tensor<1x4x4x16xi8>
  return %y : tensor<1x4x4x16xi8>
}

// -----

// The i32 accumulator proof uses the actual weights and bias.
// CHECK-LABEL: func.func @may_overflow
// CHECK:         tosa.conv2d
func.func @may_overflow(%x: tensor<1x4x4x8xi8>) -> tensor<1x4x4x16xi8> {
  %w = "tosa.const"() <{values = dense<-128> : tensor<16x1x1x8xi8>}> : () -> tensor<16x1x1x8xi8>
  %b = "tosa.const"() <{values = dense<2147352576> : tensor<16xi32>}> : () -> tensor<16xi32>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-remark @below {{no avx512-vnni kernel: output channel 0 can accumulate to [2147222528, 2147483648], beyond i32}}
  %acc = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x8xi8>, tensor<16x1x1x8xi8>, tensor<16xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4x16xi32>
  %y = tqt.requantize %acc shift(3) bits(8) signed : tensor<1x4x4x16xi32> -> tensor<1x4x4x16xi8>
  return %y : tensor<1x4x4x16xi8>
}

// -----

// The raw accumulator is returned: nothing to fuse.
// CHECK-LABEL: func.func @no_requantize
// CHECK:         tosa.matmul
func.func @no_requantize(%a: tensor<1x5x8xi8>) -> tensor<1x5x3xi32> {
  %w = "tosa.const"() <{values = dense<1> : tensor<1x8x3xi8>}> : () -> tensor<1x8x3xi8>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-remark @below {{no avx512-vnni kernel: no requantization follows the accumulator}}
  %acc = tosa.matmul %a, %w, %zp, %zp : (tensor<1x5x8xi8>, tensor<1x8x3xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x5x3xi32>
  return %acc : tensor<1x5x3xi32>
}

// -----

// A channel multiplier (8 channels x 2) gets the depthwise kernel too.
// CHECK-LABEL: func.func @channel_multiplier
// CHECK:         call @__tqt_avx512_vnni_depthwise
func.func @channel_multiplier(%x: tensor<1x4x4x8xi8>) -> tensor<1x4x4x16xi8> {
  %w = "tosa.const"() <{values = dense<3> : tensor<1x1x8x2xi8>}> : () -> tensor<1x1x8x2xi8>
  %b = "tosa.const"() <{values = dense<0> : tensor<16xi32>}> : () -> tensor<16xi32>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-remark @below {{avx512-vnni depthwise kernel: 16 channels (8 x multiplier 2) x 1 taps, 1 epilogue steps}}
  %acc = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x8xi8>, tensor<1x1x8x2xi8>, tensor<16xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4x16xi32>
  %y = tqt.requantize %acc shift(3) bits(8) signed : tensor<1x4x4x16xi32> -> tensor<1x4x4x16xi8>
  return %y : tensor<1x4x4x16xi8>
}

// -----

// CHECK-LABEL: func.func @depthwise_gets_kernel
// CHECK:         call @__tqt_avx512_vnni_depthwise
func.func @depthwise_gets_kernel(%x: tensor<1x4x4x8xi8>) -> tensor<1x4x4x8xi8> {
  %w = "tosa.const"() <{values = dense<3> : tensor<3x3x8x1xi8>}> : () -> tensor<3x3x8x1xi8>
  %b = "tosa.const"() <{values = dense<0> : tensor<8xi32>}> : () -> tensor<8xi32>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-remark @below {{avx512-vnni depthwise kernel: 8 channels x 9 taps, 1 epilogue steps}}
  %acc = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x4x8xi8>, tensor<3x3x8x1xi8>, tensor<8xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4x8xi32>
  %y = tqt.requantize %acc shift(3) bits(8) signed : tensor<1x4x4x8xi32> -> tensor<1x4x4x8xi8>
  return %y : tensor<1x4x4x8xi8>
}

// -----

// A zero point of -128 on codes that are not the view of unsigned bytes, and
// the view read with zero point 0: neither is the storage contract.
// CHECK-LABEL: func.func @zero_point_without_view
// CHECK-COUNT-2: tosa.conv2d
func.func @zero_point_without_view(%x: tensor<1x4x4x8xi8>) -> (tensor<1x4x4x16xi8>, tensor<1x4x4x16xi8>) {
  %w = "tosa.const"() <{values = dense<3> : tensor<16x1x1x8xi8>}> : () -> tensor<16x1x1x8xi8>
  %b = "tosa.const"() <{values = dense<0> : tensor<16xi32>}> : () -> tensor<16xi32>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %zpx = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-remark @below {{no avx512-vnni kernel: zero points are not 0 (nor the unsigned codes' view)}}
  %acc = tosa.conv2d %x, %w, %b, %zpx, %zp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x8xi8>, tensor<16x1x1x8xi8>, tensor<16xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4x16xi32>
  %y = tqt.requantize %acc shift(3) bits(8) signed : tensor<1x4x4x16xi32> -> tensor<1x4x4x16xi8>
  %m = "tosa.const"() <{values = dense<-128> : tensor<1x1x1x1xi8>}> : () -> tensor<1x1x1x1xi8>
  %v = tosa.bitwise_xor %x, %m : (tensor<1x4x4x8xi8>, tensor<1x1x1x1xi8>) -> tensor<1x4x4x8xi8>
  // expected-remark @below {{no avx512-vnni kernel: activations are not 8-bit codes}}
  %acc2 = tosa.conv2d %v, %w, %b, %zpx, %zp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x4x4x8xi8>, tensor<16x1x1x8xi8>, tensor<16xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4x16xi32>
  %y2 = tqt.requantize %acc2 shift(3) bits(8) signed : tensor<1x4x4x16xi32> -> tensor<1x4x4x16xi8>
  return %y, %y2 : tensor<1x4x4x16xi8>, tensor<1x4x4x16xi8>
}
