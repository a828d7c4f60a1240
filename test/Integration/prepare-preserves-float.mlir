// --tqt-prepare keeps the float function: batch norm folded into a
// depthwise layer, a spatial mean and an average pooling turned into
// depthwise reciprocals give the same values up to float rounding.
// RUN: rm -rf %t && mkdir -p %t
// RUN: tqt-opt %s --tqt-prepare -o %t/prep.mlir
// RUN: tqt-run %s --random-inputs --seed 3 --dynamic-size 5 --dump-inputs %t/in --output-dir %t/float
// RUN: tqt-run %t/prep.mlir -i %t/in/input0.npy --output-dir %t/prep
// RUN: %npytool within %t/float/result0.npy %t/prep/result0.npy 1e-4 | FileCheck %s
// RUN: %npytool within %t/float/result1.npy %t/prep/result1.npy 1e-4 | FileCheck %s
// CHECK: within

func.func @f(%x: tensor<?x4x4x3xf32>) -> (tensor<?x1x1x3xf32>, tensor<?x2x2x3xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %w = "tosa.const"() <{values = dense<[[[[0.5], [-0.25], [1.0]]]]> : tensor<1x1x3x1xf32>}> : () -> tensor<1x1x3x1xf32>
  %b = "tosa.const"() <{values = dense<[0.1, 0.0, -0.1]> : tensor<3xf32>}> : () -> tensor<3xf32>
  %d = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x3xf32>, tensor<1x1x3x1xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x3xf32>
  %s = "tosa.const"() <{values = dense<[[[[1.5, 0.75, 2.0]]]]> : tensor<1x1x1x3xf32>}> : () -> tensor<1x1x1x3xf32>
  %t = "tosa.const"() <{values = dense<[[[[0.3, -0.2, 0.1]]]]> : tensor<1x1x1x3xf32>}> : () -> tensor<1x1x1x3xf32>
  %m = tosa.mul %d, %s, %shift : (tensor<?x4x4x3xf32>, tensor<1x1x1x3xf32>, tensor<1xi8>) -> tensor<?x4x4x3xf32>
  %a = tosa.add %m, %t : (tensor<?x4x4x3xf32>, tensor<1x1x1x3xf32>) -> tensor<?x4x4x3xf32>
  %s1 = tosa.reduce_sum %a {axis = 1 : i32} : (tensor<?x4x4x3xf32>) -> tensor<?x1x4x3xf32>
  %s2 = tosa.reduce_sum %s1 {axis = 2 : i32} : (tensor<?x1x4x3xf32>) -> tensor<?x1x1x3xf32>
  %c = "tosa.const"() <{values = dense<0.0625> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %mean = tosa.mul %s2, %c, %shift : (tensor<?x1x1x3xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<?x1x1x3xf32>
  %p = tosa.avg_pool2d %x, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<?x4x4x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x2x2x3xf32>
  return %mean, %p : tensor<?x1x1x3xf32>, tensor<?x2x2x3xf32>
}
