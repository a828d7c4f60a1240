// RUN: tqt-opt %s -split-input-file -verify-diagnostics

// The tqt attributes that passes leave on other dialects' ops are verified
// by the dialect (TQTDialect::verifyOperationAttribute).

// expected-error @+1 {{'tqt.log2_threshold' must be a unit attribute}}
ml_program.global private @t(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold = 1 : i64}

// -----

// expected-error @+1 {{'tqt.log2_threshold' marks a threshold global, which holds log2 t as tensor<f32> (or tensor<Cxf32>, one per channel)}}
ml_program.global private @t(dense<0.0> : tensor<2x2xf32>) : tensor<2x2xf32> {tqt.log2_threshold}

// -----

// expected-error @+1 {{'tqt.log2_threshold' marks a threshold global, which holds log2 t as tensor<f32> (or tensor<Cxf32>, one per channel)}}
ml_program.global private @t(dense<0.0> : tensor<2xf64>) : tensor<2xf64> {tqt.log2_threshold}

// -----

func.func @f() {
  // expected-error @+1 {{'tqt.log2_threshold' is only valid on an ml_program.global}}
  %c = arith.constant {tqt.log2_threshold} dense<0.0> : tensor<f32>
  return
}

// -----

// expected-error @+1 {{'tqt.role' must be "weight" (the role of a weight quantizer's threshold; other thresholds have none), got "bias"}}
ml_program.global private @t(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold, tqt.role = "bias"}

// -----

// expected-error @+1 {{'tqt.role' must be a string attribute}}
ml_program.global private @t(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold, tqt.role}

// -----

// expected-error @+1 {{'tqt.calibration' must be a string attribute}}
ml_program.global private @t(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.calibration = 3 : i64}

// -----

func.func @f() {
  // expected-error @+1 {{'tqt.promoted' is only valid on an ml_program.global}}
  %c = arith.constant {tqt.promoted} dense<0.0> : tensor<f32>
  return
}

// -----

// expected-error @+1 {{'tqt.promoted' must be a unit attribute}}
ml_program.global private @w(dense<0.0> : tensor<2xf32>) : tensor<2xf32> {tqt.promoted = "yes"}

// -----

func.func @f(%x: tensor<1x4x4x2xf32>, %w: tensor<3x3x2x1xf32>, %b: tensor<2xf32>, %zp: tensor<1xf32>) -> tensor<1x4x4x2xf32> {
  // expected-error @+1 {{'tqt.avgpool' is only valid on the tosa.depthwise_conv2d that --tqt-prepare makes of an average pooling}}
  %y = tosa.add %x, %x {tqt.avgpool} : (tensor<1x4x4x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

func.func @f(%x: tensor<1x4x4x2xf32>, %w: tensor<3x3x2x1xf32>, %b: tensor<2xf32>, %zp: tensor<1xf32>) -> tensor<1x4x4x2xf32> {
  // expected-error @+1 {{'tqt.avgpool' must be a unit attribute}}
  %y = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, tqt.avgpool = 1 : i64} : (tensor<1x4x4x2xf32>, tensor<3x3x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  return %y : tensor<1x4x4x2xf32>
}

// -----

func.func @f(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.trace' must be a non-negative i64 integer}}
  %q = tqt.quantize %x exp(-4) bits(8) signed {tqt.trace = -1 : i64} : tensor<4xf32> -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.trace' must be on an op with one result (the codes)}}
  "func.return"(%x) {tqt.trace = 0 : i64} : (tensor<4xf32>) -> ()
}

// -----

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{unknown attribute 'tqt.threshold' (the tqt dialect's attributes on other ops are tqt.avgpool, tqt.log2_threshold, tqt.role, tqt.calibration, tqt.promoted, tqt.trace and tqt.noalias_pointers)}}
  %y = arith.addf %x, %x {tqt.threshold} : tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// expected-error @+1 {{'tqt.noalias_pointers' must be an array<i64> of parameter positions}}
func.func private @f(%x: memref<4xf32>) attributes {tqt.noalias_pointers = 1 : i64}

// -----

// expected-error @+1 {{'tqt.noalias_pointers' must list increasing non-negative positions}}
func.func private @f(%x: memref<4xf32>, %y: memref<4xf32>) attributes {tqt.noalias_pointers = array<i64: 6, 1>}

// -----

// expected-error @+1 {{'tqt.noalias_pointers' must list increasing non-negative positions}}
func.func private @f(%x: memref<4xf32>) attributes {tqt.noalias_pointers = array<i64: -1>}

// -----

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.noalias_pointers' is only valid on a func.func or an llvm.func}}
  %y = arith.addf %x, %x {tqt.noalias_pointers = array<i64: 1>} : tensor<4xf32>
  return %y : tensor<4xf32>
}
