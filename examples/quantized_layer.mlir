// A tiny fixed-point layer on constant data, to see the tqt ops at work.
// `tqt-opt --canonicalize` folds every op with the numerics reference
// (include/tqt/Support/FixedPoint.h); scripts/demo.sh runs it.
//
// Input x at an int8 threshold of 2^1 (s = 2^-6), weights w at 2^-1
// (s = 2^-8), their integer product accumulated elsewhere as `acc` at
// 2^-14, requantized to a uint8 ReLU output at 2^-5 with a fused clamp.
func.func @layer() -> (tensor<4xf32>, tensor<4xi8>, tensor<4xi8>, tensor<4xi8>, tensor<4xf32>, tensor<f32>) {
  %x = arith.constant dense<[0.1, -0.7, 1.99, -2.5]> : tensor<4xf32>
  %t_x = arith.constant dense<1.0> : tensor<f32>

  // Float simulation of the input quantizer.
  %x_sim = tqt.fake_quant %x, %t_x bits(8) signed : tensor<4xf32>

  // The integer view of the same quantizer: same codes, same rounding.
  %x_q = tqt.quantize %x exp(-6) bits(8) signed : tensor<4xf32> -> tensor<4xi8>

  // int32 accumulators at exponent -14, requantized to uint8 at -5 (shift 9),
  // half_even rounding, ReLU6 fused as clamp_max(6 / 2^-5 = 192).
  %acc = arith.constant dense<[1280, -5000, 120000, 256]> : tensor<4xi32>
  %y_q = tqt.requantize %acc shift(9) bits(8) unsigned clamp_max(192) : tensor<4xi32> -> tensor<4xi8>
  %y_up = tqt.requantize %acc shift(9) bits(8) unsigned clamp_max(192) rounding<half_up> : tensor<4xi32> -> tensor<4xi8>
  %y = tqt.dequantize %y_q exp(-5) bits(8) unsigned : tensor<4xi8> -> tensor<4xf32>

  // The TQT threshold gradient of the input quantizer for an upstream
  // gradient of ones.
  %ones = arith.constant dense<1.0> : tensor<4xf32>
  %dx, %dt = tqt.fake_quant_grad %x, %t_x, %ones bits(8) signed : tensor<4xf32>

  return %x_sim, %x_q, %y_q, %y_up, %y, %dt : tensor<4xf32>, tensor<4xi8>, tensor<4xi8>, tensor<4xi8>, tensor<4xf32>, tensor<f32>
}
