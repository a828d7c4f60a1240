// RUN: not tqt-opt %s --tqt-insert-quantizers="layer-bits=1" 2>&1 | FileCheck %s --check-prefix=LAYER1
// LAYER1: error: --tqt-insert-quantizers: layer-bits=1 is outside [2, 24]
// RUN: not tqt-opt %s --tqt-insert-quantizers="weight-bits=9" 2>&1 | FileCheck %s --check-prefix=WBITS
// WBITS: error: --tqt-insert-quantizers: weight-bits=9 is outside [2, 8]
// RUN: not tqt-opt %s --tqt-insert-quantizers="rounding=nearest" 2>&1 | FileCheck %s --check-prefix=ROUND
// ROUND: for the --rounding option: Cannot find option named 'nearest'!
// RUN: tqt-opt %s --tqt-insert-quantizers="act-bits=6 rounding=floor" | FileCheck %s --check-prefix=ACT
// ACT: tqt.fake_quant %{{.*}}, %{{.*}} bits(6) signed rounding<floor>
// relu-bits sets the unsigned ReLU grid; first-last-bits the weights of the
// first and last layers when weight-bits is lower (here the only layer).
// RUN: tqt-opt %s --tqt-insert-quantizers="relu-bits=4 weight-bits=2 first-last-bits=6" | FileCheck %s --check-prefix=BITS
// BITS-LABEL: func.func @relu_layer
// BITS: tqt.fake_quant %{{.*}}, %{{.*}} bits(6) signed : tensor<2x1x1x1xf32>
// BITS: tqt.fake_quant %{{.*}}, %{{.*}} bits(4) unsigned : tensor<?x2x2x2xf32>
// RUN: not tqt-opt %s --tqt-insert-quantizers="first-last-bits=9" 2>&1 | FileCheck %s --check-prefix=FLBITS
// FLBITS: error: --tqt-insert-quantizers: first-last-bits=9 is outside [2, 8]
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
func.func @relu_layer(%x: tensor<?x2x2x1xf32>) -> tensor<?x2x2x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x2x2x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x2x2x2xf32>
  %r = tosa.clamp %c {max_val = 3.4e38 : f32, min_val = 0.0 : f32} : (tensor<?x2x2x2xf32>) -> tensor<?x2x2x2xf32>
  return %r : tensor<?x2x2x2xf32>
}

// A lookup table takes at most 8-bit codes: with act-bits=16 the input of an
// activation is requantized to 8 bits first.
// RUN: tqt-opt %s --tqt-insert-quantizers="act-bits=16" | FileCheck %s --check-prefix=TABLE
// TABLE-LABEL: func.func @activation_table_input
// TABLE: %[[XQ:.*]] = tqt.fake_quant %{{.*}}, %{{.*}} bits(16) signed
// TABLE: %[[T:.*]] = ml_program.global_load @q.tanh_0.table_in
// TABLE: %[[X8:.*]] = tqt.fake_quant %[[XQ]], %[[T]] bits(8) signed
// TABLE: %[[A:.*]] = tqt.activation tanh %[[X8]]
// TABLE: tqt.fake_quant %[[A]], %{{.*}} bits(16) signed
func.func @activation_table_input(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %a = tqt.activation tanh %x : tensor<?x4xf32>
  return %a : tensor<?x4xf32>
}
