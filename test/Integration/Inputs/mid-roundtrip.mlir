func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = tqt.quantize %x exp(-4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %d = tqt.dequantize %q exp(-4) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  %q2 = tqt.quantize %d exp(-3) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %d2 = tqt.dequantize %q2 exp(-3) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  return %d2 : tensor<4xf32>
}
