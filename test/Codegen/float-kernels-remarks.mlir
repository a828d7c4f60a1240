// RUN: tqt-opt %s --split-input-file --tqt-float-kernels="isa=avx512-vnni remarks=true" -verify-diagnostics | FileCheck %s --enable-var-scope
// RUN: tqt-opt %s --split-input-file --tqt-float-kernels="isa=avx2 remarks=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=YMM

// Every candidate layer says whether it got a kernel, or why not (and
// keeps the reference lowering).

// CHECK-LABEL: func.func @gets_kernel
// CHECK:         call @__tqt_f32_zmm_gemm
// YMM: remark: f32 kernel: M x 16 x 72, ymm
func.func @gets_kernel(%x: tensor<?x4x4x8xf32>, %w: tensor<16x3x3x8xf32>, %b: tensor<16xf32>) -> tensor<?x4x4x16xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark @below {{f32 kernel: M x 16 x 72, zmm}}
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<?x4x4x8xf32>, tensor<16x3x3x8xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x16xf32>
  return %y : tensor<?x4x4x16xf32>
}

// -----

// CHECK-LABEL: func.func @dynamic_k
// CHECK:         call @__tqt_f32_zmm_gemm
func.func @dynamic_k(%a: tensor<1x4x?xf32>, %b: tensor<1x?x16xf32>) -> tensor<1x4x16xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark @below {{f32 kernel: M x 16 x ?, zmm}}
  %y = tosa.matmul %a, %b, %zp, %zp : (tensor<1x4x?xf32>, tensor<1x?x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x16xf32>
  return %y : tensor<1x4x16xf32>
}

// -----

// f16 operands accumulated into an f32 result: not an f32 layer.
// CHECK-LABEL: func.func @half_operands
// CHECK:         tosa.matmul
func.func @half_operands(%a: tensor<1x4x8xf16>, %b: tensor<1x8x16xf16>) -> tensor<1x4x16xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf16>}> : () -> tensor<1xf16>
  // expected-remark @below {{no f32 kernel: not f32}}
  %y = tosa.matmul %a, %b, %zp, %zp : (tensor<1x4x8xf16>, tensor<1x8x16xf16>, tensor<1xf16>, tensor<1xf16>) -> tensor<1x4x16xf32>
  return %y : tensor<1x4x16xf32>
}

// -----

// CHECK-LABEL: func.func @dynamic_rows
// CHECK:         tosa.conv2d
func.func @dynamic_rows(%x: tensor<1x?x4x8xf32>, %w: tensor<16x1x1x8xf32>, %b: tensor<16xf32>) -> tensor<1x?x4x16xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark @below {{no f32 kernel: dynamic spatial or channel dimensions}}
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x?x4x8xf32>, tensor<16x1x1x8xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x4x16xf32>
  return %y : tensor<1x?x4x16xf32>
}

// -----

// CHECK-LABEL: func.func @dynamic_bias
// CHECK:         tosa.conv2d
func.func @dynamic_bias(%x: tensor<1x4x4x8xf32>, %w: tensor<16x1x1x8xf32>, %b: tensor<?xf32>) -> tensor<1x4x4x16xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark @below {{no f32 kernel: the bias's size is dynamic}}
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x4x4x8xf32>, tensor<16x1x1x8xf32>, tensor<?xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x16xf32>
  return %y : tensor<1x4x4x16xf32>
}

// -----

// A batch of matrices, or a dynamic number of columns.
// CHECK-LABEL: func.func @batched
// CHECK:         tosa.matmul
// CHECK:         tosa.matmul
func.func @batched(%a: tensor<2x4x8xf32>, %b: tensor<2x8x16xf32>, %c: tensor<1x4x8xf32>, %d: tensor<1x8x?xf32>) -> (tensor<2x4x16xf32>, tensor<1x4x?xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark @below {{no f32 kernel: not a single matrix times a matrix with static columns}}
  %y = tosa.matmul %a, %b, %zp, %zp : (tensor<2x4x8xf32>, tensor<2x8x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x4x16xf32>
  // expected-remark @below {{no f32 kernel: not a single matrix times a matrix with static columns}}
  %z = tosa.matmul %c, %d, %zp, %zp : (tensor<1x4x8xf32>, tensor<1x8x?xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x?xf32>
  return %y, %z : tensor<2x4x16xf32>, tensor<1x4x?xf32>
}

// -----

// Depthwise layers: the channels (input channels x multiplier) and taps;
// a dynamic bias keeps the reference lowering.
// CHECK-LABEL: func.func @depthwise
// CHECK:         call @__tqt_f32_zmm_depthwise
// CHECK:         tosa.depthwise_conv2d
// YMM: remark: f32 depthwise kernel: 15 channels (5 x multiplier 3) x 9 taps, ymm
func.func @depthwise(%x: tensor<?x4x4x5xf32>, %w: tensor<3x3x5x3xf32>, %b: tensor<15xf32>, %bd: tensor<?xf32>) -> (tensor<?x4x4x15xf32>, tensor<?x4x4x15xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark @below {{f32 depthwise kernel: 15 channels (5 x multiplier 3) x 9 taps, zmm}}
  %y = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<?x4x4x5xf32>, tensor<3x3x5x3xf32>, tensor<15xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x15xf32>
  // expected-remark @below {{no f32 kernel: the bias's size is dynamic}}
  %z = tosa.depthwise_conv2d %x, %w, %bd, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<?x4x4x5xf32>, tensor<3x3x5x3xf32>, tensor<?xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x15xf32>
  return %y, %z : tensor<?x4x4x15xf32>, tensor<?x4x4x15xf32>
}

// -----

// A clamp that is the layer's only user goes into its kernel; one that
// ignores NaN, or whose input has another user, stays.
// CHECK-LABEL: func.func @clamps
// CHECK-COUNT-2: tosa.clamp
// CHECK-NOT:     tosa.clamp
func.func @clamps(%x: tensor<1x4x4x8xf32>, %w: tensor<16x1x1x8xf32>, %b: tensor<16xf32>) -> (tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark @below {{f32 kernel: M x 16 x 8, zmm, then clamp to [0.000000e+00, 6.000000e+00]}}
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x4x4x8xf32>, tensor<16x1x1x8xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x16xf32>
  %r = tosa.clamp %y {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  // expected-remark @below {{f32 kernel: M x 16 x 8, zmm}}
  %z = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x4x4x8xf32>, tensor<16x1x1x8xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x16xf32>
  %ignore = tosa.clamp %z {max_val = 6.0 : f32, min_val = 0.0 : f32, nan_mode = IGNORE} : (tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  // expected-remark @below {{f32 kernel: M x 16 x 8, zmm}}
  %u = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x4x4x8xf32>, tensor<16x1x1x8xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x16xf32>
  %v = tosa.clamp %u {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  return %r, %ignore, %u, %v : tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>
}
