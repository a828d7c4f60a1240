// RUN: tqt-opt %s -split-input-file --tqt-prepare --tqt-insert-quantizers | FileCheck %s --enable-var-scope

// Zero padding keeps its input's scale: the average pool after it reads the
// input quantizer's codes (no quantizer on the pad).
// CHECK-LABEL: func.func @zero_pad
// CHECK: %[[Q:.*]] = tqt.fake_quant %{{.*}} bits(8) signed : tensor<?x4x4x2xf32>
// CHECK: %[[P:.*]] = tosa.pad %[[Q]]
// CHECK-NOT: tqt.fake_quant %[[P]]
// CHECK: tosa.depthwise_conv2d %[[P]]
func.func @zero_pad(%x: tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32> {
  %s = tosa.const_shape {values = dense<[0, 0, 1, 1, 1, 1, 0, 0]> : tensor<8xindex>} : () -> !tosa.shape<8>
  %c = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %p = tosa.pad %x, %s, %c : (tensor<?x4x4x2xf32>, !tosa.shape<8>, tensor<1xf32>) -> tensor<?x6x6x2xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.avg_pool2d %p, %zp, %zp {acc_type = f32, kernel = array<i64: 3, 3>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x6x6x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  return %y : tensor<?x4x4x2xf32>
}

// -----

// A fully connected layer without bias or reshapes: the accumulator
// quantizer comes first, then the layer output's.
// CHECK-LABEL: func.func @fc_no_bias
// CHECK: %[[MM:.*]] = tosa.matmul
// CHECK: %[[ACC:.*]] = tqt.fake_quant %[[MM]], %{{.*}} bits(16) signed
// CHECK: %[[OUT:.*]] = tqt.fake_quant %[[ACC]], %{{.*}} bits(8) signed
// CHECK: return %[[OUT]]
func.func @fc_no_bias(%x: tensor<1x?x4xf32>) -> tensor<1x?x5xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<1x4x5xf32>}> : () -> tensor<1x4x5xf32>
  %y = tosa.matmul %x, %w, %zp, %zp : (tensor<1x?x4xf32>, tensor<1x4x5xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x5xf32>
  return %y : tensor<1x?x5xf32>
}
