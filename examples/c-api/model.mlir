// A small fixed-point classifier head, compiled ahead of time and called
// from C by main.c (see docs/CAPI.md and test/Integration/c-api.mlir):
// int8 input at 2^-6, an int8 x int8 -> int32 matmul against constant
// weights at 2^-7, requantized (half_even) to a uint8 ReLU output at 2^-5,
// and dequantized to float logits. The batch dimension is dynamic.
func.func @classify(%x: tensor<?x4xf32>) -> (tensor<?x3xf32>, tensor<?x3xi8>) {
  %xq = tqt.quantize %x exp(-6) bits(8) signed : tensor<?x4xf32> -> tensor<?x4xi8>
  %shape3 = tosa.const_shape {values = dense<[1, -1, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %x3 = tosa.reshape %xq, %shape3 : (tensor<?x4xi8>, !tosa.shape<3>) -> tensor<1x?x4xi8>
  %w = "tosa.const"() <{values = dense<[[[64, -32, 16], [-128, 127, 0], [8, 8, -8], [1, 2, 3]]]> : tensor<1x4x3xi8>}> : () -> tensor<1x4x3xi8>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc3 = tosa.matmul %x3, %w, %zp, %zp : (tensor<1x?x4xi8>, tensor<1x4x3xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x?x3xi32>
  %shape2 = tosa.const_shape {values = dense<[-1, 3]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %acc = tosa.reshape %acc3, %shape2 : (tensor<1x?x3xi32>, !tosa.shape<2>) -> tensor<?x3xi32>
  // acc is at 2^(-6-7) = 2^-13; the output at 2^-5 needs a shift of 8.
  %y = tqt.requantize %acc shift(8) bits(8) unsigned : tensor<?x3xi32> -> tensor<?x3xi8>
  %logits = tqt.dequantize %y exp(-5) bits(8) unsigned : tensor<?x3xi8> -> tensor<?x3xf32>
  return %logits, %y : tensor<?x3xf32>, tensor<?x3xi8>
}
