// RUN: tqt-opt %s --tqt-fuse-integer="integer-io" -verify-diagnostics

// expected-error @+1 {{'func.func' op argument #0 is not quantized exactly once; integer-io needs every input to enter through one tqt.quantize}}
func.func @twice(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %a = tqt.quantize %x exp(-4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %ad = tqt.dequantize %a exp(-4) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  %b = tqt.quantize %x exp(-3) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %bd = tqt.dequantize %b exp(-3) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  return %ad, %bd : tensor<4xf32>, tensor<4xf32>
}
