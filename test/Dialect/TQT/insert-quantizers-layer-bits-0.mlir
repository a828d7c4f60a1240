// RUN: tqt-opt %s --tqt-insert-quantizers="layer-bits=0" | FileCheck %s
// RUN: tqt-opt %s --tqt-insert-quantizers="layer-bits=0" | tqt-opt --tqt-legalize-pow2 | FileCheck %s --check-prefix=LEGAL

// layer-bits=0: no accumulator quantizer; the bias is quantized to 32 bits
// at the accumulator's scale, its threshold ceil(t_x) + ceil(t_w) +
// (31 - 7 - 7) computed from the input's and weights' thresholds.
// CHECK-LABEL: func.func @layer
// CHECK-NOT: @q.conv2d_0.acc
// CHECK: tqt.fake_quant %{{.*}}, %{{.*}} bits(8) signed : tensor<2x1x1x1xf32>
// CHECK: %[[TX:.*]] = ml_program.global_load @q.input0
// CHECK: %[[TW:.*]] = ml_program.global_load @q.conv2d_0.weight
// CHECK: %[[CX:.*]] = math.ceil %[[TX]] : tensor<f32>
// CHECK: %[[CW:.*]] = math.ceil %[[TW]] : tensor<f32>
// CHECK: %[[S:.*]] = arith.addf %[[CX]], %[[CW]] : tensor<f32>
// CHECK: %[[K:.*]] = arith.constant dense<1.700000e+01> : tensor<f32>
// CHECK: %[[TB:.*]] = arith.addf %[[S]], %[[K]] : tensor<f32>
// CHECK: %[[BQ:.*]] = tqt.fake_quant %{{.*}}, %[[TB]] bits(32) signed : tensor<2xf32>
// CHECK: %[[ACC:.*]] = tosa.conv2d
// CHECK: %[[B4:.*]] = tosa.reshape %[[BQ]]
// CHECK: tosa.add %[[ACC]], %[[B4]]
// With both thresholds at 0 the accumulator exponent is -14: the derived
// threshold evaluates to 17 and the bias quantizes at 2^(17 - 31).
// LEGAL-LABEL: func.func @layer
// LEGAL: tqt.quantize %{{.*}} exp(-14) bits(32) signed : tensor<2xf32> -> tensor<2xi32>
// LEGAL-NOT: math.ceil
// LEGAL-NOT: arith.addf
func.func @layer(%x: tensor<?x4x4x1xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<[0.1, 0.2]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  return %c : tensor<?x4x4x2xf32>
}
