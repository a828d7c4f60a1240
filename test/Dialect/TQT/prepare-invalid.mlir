// RUN: tqt-opt %s --tqt-prepare -verify-diagnostics

func.func @padded_avgpool(%x: tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-error @+1 {{'tosa.avg_pool2d' op with padding divides border windows by their number of valid elements; a constant reciprocal cannot express that (pad the input explicitly instead)}}
  %p = tosa.avg_pool2d %x, %zp, %zp {acc_type = f32, kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<?x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  return %p : tensor<?x4x4x2xf32>
}
