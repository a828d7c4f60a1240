// RUN: tqt-opt %s -split-input-file --tqt-legalize-pow2=trace=true | FileCheck %s --check-prefix=LEGAL
// RUN: tqt-opt %s -split-input-file --tqt-legalize-pow2=trace=true --tqt-fuse-integer | FileCheck %s --check-prefix=FUSED
// RUN: tqt-opt %s -split-input-file --tqt-legalize-pow2 --tqt-fuse-integer | FileCheck %s --check-prefix=UNTAGGED

// --tqt-legalize-pow2=trace=true numbers every tqt.quantize in program
// order; --tqt-fuse-integer moves each tag to the op that computes the same
// codes (Trace.h), which tqt-run --compare-layers relies on.

// LEGAL-LABEL: func.func @layer
// LEGAL: tqt.quantize %{{.*}} exp(-7) bits(8) signed {tqt.trace = 0 : i64}
// LEGAL: tqt.quantize %{{.*}} exp(-7) bits(8) signed {tqt.trace = 1 : i64}
// LEGAL: tqt.quantize %{{.*}} exp(-8) bits(8) unsigned {tqt.trace = 2 : i64}
// FUSED-LABEL: func.func @layer
// The signed input boundary keeps its tag; the weights' tag goes to their
// folded constant, the ReLU output's to its requantization.
// FUSED: tqt.quantize %{{.*}} {tqt.trace = 0 : i64}
// FUSED: "tosa.const"() <{values = dense<{{.*}}> : tensor<2x1x1x2xi8>}> {tqt.trace = 1 : i64}
// FUSED: tosa.conv2d
// FUSED: tqt.requantize %{{.*}} shift(6) bits(8) unsigned {tqt.trace = 2 : i64}
// FUSED-NOT: tqt.trace
// UNTAGGED-LABEL: func.func @layer
// UNTAGGED-NOT: tqt.trace
func.func @layer(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %tx = arith.constant dense<0.0> : tensor<f32>
  %tw = arith.constant dense<0.0> : tensor<f32>
  %ty = arith.constant dense<0.0> : tensor<f32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %w = "tosa.const"() <{values = dense<[[[[0.5, -0.25]]], [[[0.75, 1.0]]]]> : tensor<2x1x1x2xf32>}> : () -> tensor<2x1x1x2xf32>
  %xq = tqt.fake_quant %x, %tx bits(8) signed : tensor<1x2x2x2xf32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<2x1x1x2xf32>
  %c = tosa.conv2d %xq, %wq, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %r = tosa.clamp %c {max_val = 3.4e38 : f32, min_val = 0.0 : f32} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %y = tqt.fake_quant %r, %ty bits(8) unsigned : tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}

// -----

// An unsigned input boundary: its codes are the quantize's raw bytes, so the
// tag stays there; the maximum reads them zero-extended.
// FUSED-LABEL: func.func @unsigned_input
// FUSED: %[[Q:.*]] = tqt.quantize %{{.*}} exp(-8) bits(8) unsigned {tqt.trace = 0 : i64} : tensor<4xf32> -> tensor<4xi8>
// FUSED: %[[C:.*]] = tosa.cast %[[Q]] : (tensor<4xi8>) -> tensor<4xi32>
// FUSED: %[[U:.*]] = tosa.bitwise_and %[[C]],
// FUSED: tosa.maximum %[[U]], %[[U]]
// FUSED: tqt.requantize %{{.*}} shift(0) bits(8) unsigned {tqt.trace = 1 : i64}
func.func @unsigned_input(%x: tensor<4xf32>) -> tensor<4xf32> {
  %t = arith.constant dense<0.0> : tensor<f32>
  %q = tqt.fake_quant %x, %t bits(8) unsigned : tensor<4xf32>
  %m = tosa.maximum %q, %q : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %y = tqt.fake_quant %m, %t bits(8) unsigned : tensor<4xf32>
  return %y : tensor<4xf32>
}
