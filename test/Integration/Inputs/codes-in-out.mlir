// Helpers for fuse-integer-io.mlir: the boundary quantization and
// dequantization of Inputs/legal-layer.mlir, done outside the model.
func.func @quantize_input(%x: tensor<?x4x4x1xf32>) -> tensor<?x4x4x1xi8> {
  %q = tqt.quantize %x exp(-6) bits(8) signed : tensor<?x4x4x1xf32> -> tensor<?x4x4x1xi8>
  return %q : tensor<?x4x4x1xi8>
}
func.func @dequantize_output(%q: tensor<?x4x4x2xi8>) -> tensor<?x4x4x2xf32> {
  %y = tqt.dequantize %q exp(-5) bits(8) unsigned : tensor<?x4x4x2xi8> -> tensor<?x4x4x2xf32>
  return %y : tensor<?x4x4x2xf32>
}
