// RUN: tqt-opt %s -split-input-file --tqt-insert-quantizers="per-channel-weights=true" | FileCheck %s --enable-var-scope
// RUN: not tqt-opt %s -split-input-file --tqt-insert-quantizers="per-channel-weights=true layer-bits=0" 2>&1 | FileCheck %s --check-prefix=LB0
// LB0: error: --tqt-insert-quantizers: per-channel-weights needs an accumulator quantizer (layer-bits > 0); layer-bits=0 quantizes the bias at the accumulator's per-tensor scale

// Weights get one threshold per output channel: a tensor<Cxf32> global and
// axis 0 of conv2d's OHWI weights; activations, accumulators and biases stay
// per tensor.
// CHECK-DAG: ml_program.global private mutable @[[$W:q.conv2d_0.weight]](dense<0.000000e+00> : tensor<3xf32>) : tensor<3xf32> {tqt.log2_threshold, tqt.role = "weight"}
// CHECK-DAG: ml_program.global private mutable @[[$ACC:q.conv2d_0.acc]](dense<0.000000e+00> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
// CHECK-LABEL: func.func @conv
// CHECK: %[[T:.*]] = ml_program.global_load @[[$W]] : tensor<3xf32>
// CHECK: tqt.fake_quant %{{.*}}, %[[T]] bits(8) signed axis(0) : tensor<3x1x1x2xf32>
// CHECK: %[[TB:.*]] = ml_program.global_load @[[$ACC]] : tensor<f32>
// CHECK: tqt.fake_quant %{{.*}}, %[[TB]] bits(16) signed : tensor<3xf32>
// CHECK: %[[TA:.*]] = ml_program.global_load @[[$ACC]] : tensor<f32>
// CHECK: tqt.fake_quant %{{.*}}, %[[TA]] bits(16) signed : tensor<?x2x2x3xf32>
func.func @conv(%x: tensor<?x2x2x2xf32>) -> tensor<?x2x2x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<3x1x1x2xf32>}> : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() <{values = dense<0.25> : tensor<3xf32>}> : () -> tensor<3xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x2x2x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x2x2x3xf32>
  return %c : tensor<?x2x2x3xf32>
}

// -----

// Depthwise HWCM weights: axis 2 (the input channels; with a multiplier M,
// the M outputs of an input channel share its threshold).
// CHECK-DAG: ml_program.global private mutable @[[$W:q.depthwise_conv2d_0.weight]](dense<0.000000e+00> : tensor<2xf32>) : tensor<2xf32>
// CHECK-LABEL: func.func @depthwise
// CHECK: tqt.fake_quant %{{.*}}, %{{.*}} bits(8) signed axis(2) : tensor<3x3x2x2xf32>
func.func @depthwise(%x: tensor<?x4x4x2xf32>) -> tensor<?x2x2x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<3x3x2x2xf32>}> : () -> tensor<3x3x2x2xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<4xf32>}> : () -> tensor<4xf32>
  %c = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x2xf32>, tensor<3x3x2x2xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x2x2x4xf32>
  return %c : tensor<?x2x2x4xf32>
}

// -----

// Fully connected: matmul weights [1, K, N] along axis 2.
// CHECK-DAG: ml_program.global private mutable @[[$W:q.matmul_0.weight]](dense<0.000000e+00> : tensor<5xf32>) : tensor<5xf32>
// CHECK-LABEL: func.func @fc
// CHECK: tqt.fake_quant %{{.*}}, %{{.*}} bits(8) signed axis(2) : tensor<1x4x5xf32>
func.func @fc(%x: tensor<1x?x4xf32>) -> tensor<1x?x5xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<1x4x5xf32>}> : () -> tensor<1x4x5xf32>
  %y = tosa.matmul %x, %w, %zp, %zp : (tensor<1x?x4xf32>, tensor<1x4x5xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x5xf32>
  return %y : tensor<1x?x5xf32>
}

