// RUN: tqt-opt %s --tqt-expand-training | FileCheck %s

// A float model with constant weights: promoted to globals marked
// tqt.promoted (the convolution's zero bias stays a constant), then
// trained as weights; the gradient reaches the weights through the strided
// convolution, ReLU, reshape and matmul.
func.func @float(%x: tensor<?x6x6x1xf32>) -> tensor<?x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w1 = "tosa.const"() <{values = dense<[[[[0.5], [-0.25]], [[0.75], [0.1]]]]> : tensor<1x2x2x1xf32>}> : () -> tensor<1x2x2x1xf32>
  %b1 = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %c1 = tosa.conv2d %x, %w1, %b1, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>} : (tensor<?x6x6x1xf32>, tensor<1x2x2x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x1xf32>
  %r = tosa.clamp %c1 {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<?x4x4x1xf32>) -> tensor<?x4x4x1xf32>
  %s1 = tosa.const_shape {values = dense<[1, -1, 16]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %r, %s1 : (tensor<?x4x4x1xf32>, !tosa.shape<3>) -> tensor<1x?x16xf32>
  %w3 = "tosa.const"() <{values = dense<0.3> : tensor<1x16x3xf32>}> : () -> tensor<1x16x3xf32>
  %mm = tosa.matmul %f, %w3, %zp, %zp : (tensor<1x?x16xf32>, tensor<1x16x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x3xf32>
  %s2 = tosa.const_shape {values = dense<[-1, 3]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %l = tosa.reshape %mm, %s2 : (tensor<1x?x3xf32>, !tosa.shape<2>) -> tensor<?x3xf32>
  %b3 = "tosa.const"() <{values = dense<[[0.1, 0.2, 0.3]]> : tensor<1x3xf32>}> : () -> tensor<1x3xf32>
  %y = tosa.add %l, %b3 : (tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// CHECK: ml_program.global private @float.conv2d_0.weight(dense<{{.*}}> : tensor<1x2x2x1xf32>) : tensor<1x2x2x1xf32> {tqt.promoted}
// CHECK: ml_program.global private @float.matmul_1.weight(dense<3.000000e-01> : tensor<1x16x3xf32>) : tensor<1x16x3xf32> {tqt.promoted}
// CHECK: ml_program.global private @float.add_2.bias(dense<{{.*}}> : tensor<1x3xf32>) : tensor<1x3xf32> {tqt.promoted}
// CHECK-LABEL: func.func @float(
// CHECK: ml_program.global_load @float.conv2d_0.weight
// CHECK: "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}>
// CHECK-LABEL: func.func @float_train_step(
// CHECK-NOT: tqt.train.role = "frozen"
// CHECK-SAME: tqt.train.role = "step"
// CHECK: tensor.insert_slice %arg10 into {{.*}}[0, 1, 1, 0]
// CHECK: linalg.generic
