// RUN: tqt-opt %s -split-input-file --tqt-fuse-integer -verify-diagnostics

// 2^17 products of int8 codes (128 * 128 * 2^17 = 2^31) overflow i32.
func.func @overflow(%x: tensor<1x1x131072xf32>) -> tensor<1x1x1xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<1x131072x1xf32>}> : () -> tensor<1x131072x1xf32>
  %xq = tqt.quantize %x exp(-6) bits(8) signed : tensor<1x1x131072xf32> -> tensor<1x1x131072xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) signed : tensor<1x1x131072xi8> -> tensor<1x1x131072xf32>
  %wq = tqt.quantize %w exp(-7) bits(8) signed : tensor<1x131072x1xf32> -> tensor<1x131072x1xi8>
  %wd = tqt.dequantize %wq exp(-7) bits(8) signed : tensor<1x131072x1xi8> -> tensor<1x131072x1xf32>
  // expected-error @+1 {{'tosa.matmul' op accumulator can reach 2147483648 (131072 products of 8-bit and 8-bit codes), beyond the i32 accumulator}}
  %acc = tosa.matmul %xd, %wd, %zp, %zp : (tensor<1x1x131072xf32>, tensor<1x131072x1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1xf32>
  %aq = tqt.quantize %acc exp(-2) bits(16) signed : tensor<1x1x1xf32> -> tensor<1x1x1xi16>
  %ad = tqt.dequantize %aq exp(-2) bits(16) signed : tensor<1x1x1xi16> -> tensor<1x1x1xf32>
  return %ad : tensor<1x1x1xf32>
}

// -----

// 2^11 products reach 2^25: exact in i32, but the float simulation may round.
func.func @beyond_f32(%x: tensor<1x1x2048xf32>) -> tensor<1x1x1xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<1x2048x1xf32>}> : () -> tensor<1x2048x1xf32>
  %xq = tqt.quantize %x exp(-6) bits(8) signed : tensor<1x1x2048xf32> -> tensor<1x1x2048xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) signed : tensor<1x1x2048xi8> -> tensor<1x1x2048xf32>
  %wq = tqt.quantize %w exp(-7) bits(8) signed : tensor<1x2048x1xf32> -> tensor<1x2048x1xi8>
  %wd = tqt.dequantize %wq exp(-7) bits(8) signed : tensor<1x2048x1xi8> -> tensor<1x2048x1xf32>
  // expected-warning @+1 {{accumulator can reach 33554432, beyond 2^24: the float simulation graph may round its sums where this integer program is exact}}
  %acc = tosa.matmul %xd, %wd, %zp, %zp : (tensor<1x1x2048xf32>, tensor<1x2048x1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1xf32>
  %aq = tqt.quantize %acc exp(-2) bits(16) signed : tensor<1x1x1xf32> -> tensor<1x1x1xi16>
  %ad = tqt.dequantize %aq exp(-2) bits(16) signed : tensor<1x1x1xi16> -> tensor<1x1x1xf32>
  return %ad : tensor<1x1x1xf32>
}
