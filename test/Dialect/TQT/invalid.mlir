// RUN: tqt-opt %s -split-input-file -verify-diagnostics

func.func @bits_too_small(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op 'bits' must be in [2, 32], got 1}}
  %0 = tqt.fake_quant %x, %t bits(1) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @bits_too_large(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op 'bits' must be in [2, 32], got 33}}
  %0 = tqt.fake_quant %x, %t bits(33) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @narrow_unsigned(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op 'narrow' requires a signed grid (is_signed = true)}}
  %0 = tqt.fake_quant %x, %t bits(8) unsigned narrow : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @non_scalar_threshold(%x: tensor<4xf32>, %t: tensor<1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op 'log2_t' must be a 0-d tensor (one threshold) without 'axis'; per-channel thresholds need 'axis', got 'tensor<1xf32>'}}
  %0 = "tqt.fake_quant"(%x, %t) <{bits = 8 : i64, is_signed = true}> : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @f64_threshold(%x: tensor<4xf32>, %t: tensor<f64>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op operand #1 must be 0-d or 1-d tensor of f32 (log2 thresholds), but got 'tensor<f64>'}}
  %0 = "tqt.fake_quant"(%x, %t) <{bits = 8 : i64, is_signed = true}> : (tensor<4xf32>, tensor<f64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @fake_quant_not_f32(%x: tensor<4xf16>, %t: tensor<f32>) -> tensor<4xf16> {
  // expected-error @+1 {{'tqt.fake_quant' op operand #0 must be tensor of 32-bit float values, but got 'tensor<4xf16>'}}
  %0 = "tqt.fake_quant"(%x, %t) <{bits = 8 : i64, is_signed = true}> : (tensor<4xf16>, tensor<f32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @fake_quant_result_mismatch(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<5xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op failed to verify that all of {x, output} have same type}}
  %0 = "tqt.fake_quant"(%x, %t) <{bits = 8 : i64, is_signed = true}> : (tensor<4xf32>, tensor<f32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @missing_bits(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op requires attribute 'bits'}}
  %0 = "tqt.fake_quant"(%x, %t) <{is_signed = true}> : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @bits_wrong_attr_type(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op attribute 'bits' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = "tqt.fake_quant"(%x, %t) <{bits = 8 : i32, is_signed = true}> : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @bad_sign_keyword(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{expected 'signed' or 'unsigned', got 'sign'}}
  %0 = tqt.fake_quant %x, %t bits(8) sign : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @bad_rounding(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+2 {{expected ::mlir::tqt::RoundingMode to be one of: half_even, half_up, half_away, floor}}
  // expected-error @+1 {{failed to parse TQT_RoundingAttr parameter 'value' which is to be a `::mlir::tqt::RoundingMode`}}
  %0 = tqt.fake_quant %x, %t bits(8) signed rounding<half_down> : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @grad_dy_mismatch(%x: tensor<4xf32>, %t: tensor<f32>, %dy: tensor<5xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant_grad' op failed to verify that all of {x, dy, dx} have same type}}
  %0:2 = "tqt.fake_quant_grad"(%x, %t, %dy) <{bits = 8 : i64, is_signed = true}> : (tensor<4xf32>, tensor<f32>, tensor<5xf32>) -> (tensor<4xf32>, tensor<f32>)
  return %0#0 : tensor<4xf32>
}

// -----

func.func @grad_dlog2t_not_scalar(%x: tensor<4xf32>, %t: tensor<f32>, %dy: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant_grad' op 'dlog2_t' type 'tensor<4xf32>' must equal the 'log2_t' type 'tensor<f32>'}}
  %0:2 = "tqt.fake_quant_grad"(%x, %t, %dy) <{bits = 8 : i64, is_signed = true}> : (tensor<4xf32>, tensor<f32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0 : tensor<4xf32>
}

// -----

func.func @grad_bits(%x: tensor<4xf32>, %t: tensor<f32>, %dy: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant_grad' op 'bits' must be in [2, 32], got 0}}
  %dx, %dt = tqt.fake_quant_grad %x, %t, %dy bits(0) signed : tensor<4xf32>
  return %dx : tensor<4xf32>
}

// -----

func.func @grad_narrow_unsigned(%x: tensor<4xf32>, %t: tensor<f32>, %dy: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant_grad' op 'narrow' requires a signed grid (is_signed = true)}}
  %dx, %dt = tqt.fake_quant_grad %x, %t, %dy bits(8) unsigned narrow : tensor<4xf32>
  return %dx : tensor<4xf32>
}

// -----

func.func @quantize_exp_low(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.quantize' op 'exp' must be in [-126, 127] (2^exp must be a normal f32), got -127}}
  %0 = tqt.quantize %x exp(-127) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @quantize_exp_high(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.quantize' op 'exp' must be in [-126, 127] (2^exp must be a normal f32), got 128}}
  %0 = tqt.quantize %x exp(128) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @quantize_float_storage(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.quantize' op result #0 must be tensor of signless integer values, but got 'tensor<4xf32>'}}
  %0 = tqt.quantize %x exp(0) bits(8) signed : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @quantize_signed_storage(%x: tensor<4xf32>) -> tensor<4xsi8> {
  // expected-error @+1 {{'tqt.quantize' op result #0 must be tensor of signless integer values, but got 'tensor<4xsi8>'}}
  %0 = tqt.quantize %x exp(0) bits(8) signed : tensor<4xf32> -> tensor<4xsi8>
  return %0 : tensor<4xsi8>
}

// -----

func.func @quantize_bits_exceed_storage(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.quantize' op 'bits' = 16 does not fit the result element type 'i8'}}
  %0 = tqt.quantize %x exp(0) bits(16) signed : tensor<4xf32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @quantize_storage_too_wide(%x: tensor<4xf32>) -> tensor<4xi128> {
  // expected-error @+1 {{'tqt.quantize' op the result element type 'i128' is wider than 64 bits}}
  %0 = tqt.quantize %x exp(0) bits(8) signed : tensor<4xf32> -> tensor<4xi128>
  return %0 : tensor<4xi128>
}

// -----

func.func @quantize_shape_mismatch(%x: tensor<4xf32>) -> tensor<5xi8> {
  // expected-error @+1 {{'tqt.quantize' op result shape [5] must equal the input shape [4]}}
  %0 = tqt.quantize %x exp(0) bits(8) signed : tensor<4xf32> -> tensor<5xi8>
  return %0 : tensor<5xi8>
}

// -----

func.func @quantize_dynamic_vs_static(%x: tensor<?x4xf32>) -> tensor<2x4xi8> {
  // expected-error @+1 {{'tqt.quantize' op result shape [2, 4] must equal the input shape [?, 4]}}
  %0 = tqt.quantize %x exp(0) bits(8) signed : tensor<?x4xf32> -> tensor<2x4xi8>
  return %0 : tensor<2x4xi8>
}

// -----

func.func @quantize_rank_mismatch(%x: tensor<*xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.quantize' op result shape [4] must equal the input shape *}}
  %0 = tqt.quantize %x exp(0) bits(8) signed : tensor<*xf32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @quantize_narrow_unsigned(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.quantize' op 'narrow' requires a signed grid (is_signed = true)}}
  %0 = tqt.quantize %x exp(0) bits(8) unsigned narrow : tensor<4xf32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @dequantize_bits_exceed_storage(%q: tensor<4xi8>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.dequantize' op 'bits' = 9 does not fit the input element type 'i8'}}
  %0 = tqt.dequantize %q exp(0) bits(9) unsigned : tensor<4xi8> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @dequantize_bits_range(%q: tensor<4xi64>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.dequantize' op 'bits' must be in [2, 32], got 40}}
  %0 = tqt.dequantize %q exp(0) bits(40) signed : tensor<4xi64> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @dequantize_exp(%q: tensor<4xi8>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.dequantize' op 'exp' must be in [-126, 127] (2^exp must be a normal f32), got 200}}
  %0 = tqt.dequantize %q exp(200) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @dequantize_shape_mismatch(%q: tensor<4xi8>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'tqt.dequantize' op result shape [2, 2] must equal the input shape [4]}}
  %0 = tqt.dequantize %q exp(0) bits(8) signed : tensor<4xi8> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @dequantize_float_input(%q: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.dequantize' op operand #0 must be tensor of signless integer values, but got 'tensor<4xf32>'}}
  %0 = tqt.dequantize %q exp(0) bits(8) signed : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @dequantize_to_f64(%q: tensor<4xi8>) -> tensor<4xf64> {
  // expected-error @+1 {{'tqt.dequantize' op result #0 must be tensor of 32-bit float values, but got 'tensor<4xf64>'}}
  %0 = tqt.dequantize %q exp(0) bits(8) signed : tensor<4xi8> -> tensor<4xf64>
  return %0 : tensor<4xf64>
}

// -----

func.func @requantize_shift_high(%a: tensor<4xi32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op 'shift' must be in [-63, 63], got 64}}
  %0 = tqt.requantize %a shift(64) bits(8) signed : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @requantize_shift_low(%a: tensor<4xi32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op 'shift' must be in [-63, 63], got -64}}
  %0 = tqt.requantize %a shift(-64) bits(8) signed : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @requantize_clamp_min_outside(%a: tensor<4xi32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op 'clamp_min' = -1 is outside the output range [0, 255]}}
  %0 = tqt.requantize %a shift(4) bits(8) unsigned clamp_min(-1) : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @requantize_clamp_max_outside(%a: tensor<4xi32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op 'clamp_max' = 128 is outside the output range [-128, 127]}}
  %0 = tqt.requantize %a shift(4) bits(8) signed clamp_max(128) : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @requantize_clamp_narrow(%a: tensor<4xi32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op 'clamp_min' = -128 is outside the output range [-127, 127]}}
  %0 = tqt.requantize %a shift(4) bits(8) signed narrow clamp_min(-128) : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @requantize_clamp_inverted(%a: tensor<4xi32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op 'clamp_min' = 10 must not exceed 'clamp_max' = 5}}
  %0 = tqt.requantize %a shift(4) bits(8) unsigned clamp_min(10) clamp_max(5) : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @requantize_input_too_wide(%a: tensor<4xi128>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op the input element type 'i128' is wider than 64 bits}}
  %0 = tqt.requantize %a shift(4) bits(8) signed : tensor<4xi128> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @requantize_bits_exceed_storage(%a: tensor<4xi32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op 'bits' = 16 does not fit the result element type 'i8'}}
  %0 = tqt.requantize %a shift(4) bits(16) signed : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @requantize_shape_mismatch(%a: tensor<4x2xi32>) -> tensor<8xi8> {
  // expected-error @+1 {{'tqt.requantize' op result shape [8] must equal the input shape [4, 2]}}
  %0 = tqt.requantize %a shift(4) bits(8) signed : tensor<4x2xi32> -> tensor<8xi8>
  return %0 : tensor<8xi8>
}

// -----

func.func @requantize_bits_range(%a: tensor<4xi32>) -> tensor<4xi64> {
  // expected-error @+1 {{'tqt.requantize' op 'bits' must be in [2, 32], got 48}}
  %0 = tqt.requantize %a shift(4) bits(48) signed : tensor<4xi32> -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

func.func @requantize_float_input(%a: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op operand #0 must be tensor of signless integer values, but got 'tensor<4xf32>'}}
  %0 = tqt.requantize %a shift(4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @requantize_narrow_unsigned(%a: tensor<4xi32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op 'narrow' requires a signed grid (is_signed = true)}}
  %0 = tqt.requantize %a shift(4) bits(8) unsigned narrow : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @matrix_threshold(%x: tensor<4xf32>, %t: tensor<2x2xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op operand #1 must be 0-d or 1-d tensor of f32 (log2 thresholds), but got 'tensor<2x2xf32>'}}
  %0 = "tqt.fake_quant"(%x, %t) <{bits = 8 : i64, is_signed = true}> : (tensor<4xf32>, tensor<2x2xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @axis_out_of_range(%x: tensor<2x4xf32>, %t: tensor<4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op 'axis' = 2 is not a dimension of the rank-2 tensor 'tensor<2x4xf32>'}}
  %0 = "tqt.fake_quant"(%x, %t) <{bits = 8 : i64, is_signed = true, axis = 2 : i64}> : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @negative_axis(%x: tensor<2x4xf32>, %t: tensor<4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  %0 = "tqt.fake_quant"(%x, %t) <{bits = 8 : i64, is_signed = true, axis = -1 : i64}> : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @scalar_threshold_with_axis(%x: tensor<2x4xf32>, %t: tensor<f32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op 'log2_t' must be a 1-d tensor (a threshold per channel) with 'axis', got 'tensor<f32>'}}
  %0 = "tqt.fake_quant"(%x, %t) <{bits = 8 : i64, is_signed = true, axis = 1 : i64}> : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @threshold_count(%x: tensor<2x4xf32>, %t: tensor<3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op has 3 log2 thresholds for 4 channels along axis 1}}
  %0 = "tqt.fake_quant"(%x, %t) <{bits = 8 : i64, is_signed = true, axis = 1 : i64}> : (tensor<2x4xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @grad_threshold_types(%x: tensor<2x4xf32>, %t: tensor<4xf32>, %dy: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'tqt.fake_quant_grad' op 'dlog2_t' type 'tensor<f32>' must equal the 'log2_t' type 'tensor<4xf32>'}}
  %0, %1 = "tqt.fake_quant_grad"(%x, %t, %dy) <{bits = 8 : i64, is_signed = true, axis = 1 : i64}> : (tensor<2x4xf32>, tensor<4xf32>, tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<f32>)
  return %0 : tensor<2x4xf32>
}

// -----

func.func @grad_threshold_count(%x: tensor<2x4xf32>, %t: tensor<2xf32>, %dy: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'tqt.fake_quant_grad' op has 2 log2 thresholds for 4 channels along axis 1}}
  %0, %1 = "tqt.fake_quant_grad"(%x, %t, %dy) <{bits = 8 : i64, is_signed = true, axis = 1 : i64}> : (tensor<2x4xf32>, tensor<2xf32>, tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2xf32>)
  return %0 : tensor<2x4xf32>
}

// -----

func.func @quantize_both_exps(%x: tensor<2x4xf32>) -> tensor<2x4xi8> {
  // expected-error @+1 {{'tqt.quantize' op needs either 'exp' (per tensor) or 'channel_exps' with 'axis' (per channel), not both}}
  %0 = "tqt.quantize"(%x) <{exp = -3 : i64, channel_exps = array<i64: -3, -3, -3, -3>, axis = 1 : i64, bits = 8 : i64, is_signed = true}> : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return %0 : tensor<2x4xi8>
}

// -----

func.func @quantize_no_exp(%x: tensor<2x4xf32>) -> tensor<2x4xi8> {
  // expected-error @+1 {{'tqt.quantize' op needs either 'exp' (per tensor) or 'channel_exps' with 'axis' (per channel), not neither}}
  %0 = "tqt.quantize"(%x) <{bits = 8 : i64, is_signed = true}> : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return %0 : tensor<2x4xi8>
}

// -----

func.func @quantize_exps_without_axis(%x: tensor<2x4xf32>) -> tensor<2x4xi8> {
  // expected-error @+1 {{'tqt.quantize' op 'channel_exps' and 'axis' go together}}
  %0 = "tqt.quantize"(%x) <{channel_exps = array<i64: -3, -3, -3, -3>, bits = 8 : i64, is_signed = true}> : (tensor<2x4xf32>) -> tensor<2x4xi8>
  return %0 : tensor<2x4xi8>
}

// -----

func.func @quantize_exps_count(%x: tensor<2x4xf32>) -> tensor<2x4xi8> {
  // expected-error @+1 {{'tqt.quantize' op has 2 exps for 4 channels along axis 1}}
  %0 = tqt.quantize %x exps[-3, -4] axis(1) bits(8) signed : tensor<2x4xf32> -> tensor<2x4xi8>
  return %0 : tensor<2x4xi8>
}

// -----

func.func @quantize_channel_exp_range(%x: tensor<2x2xf32>) -> tensor<2x2xi8> {
  // expected-error @+1 {{'tqt.quantize' op 'exp' must be in [-126, 127] (2^exp must be a normal f32), got 128}}
  %0 = tqt.quantize %x exps[-3, 128] axis(1) bits(8) signed : tensor<2x2xf32> -> tensor<2x2xi8>
  return %0 : tensor<2x2xi8>
}

// -----

func.func @dequantize_axis_range(%q: tensor<2x2xi8>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'tqt.dequantize' op 'axis' = 3 is not a dimension of the rank-2 tensor 'tensor<2x2xi8>'}}
  %0 = tqt.dequantize %q exps[-3, -2] axis(3) bits(8) signed : tensor<2x2xi8> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @requantize_channel_shift_range(%a: tensor<2x2xi32>) -> tensor<2x2xi8> {
  // expected-error @+1 {{'tqt.requantize' op 'shift' must be in [-63, 63], got 64}}
  %0 = tqt.requantize %a shifts[3, 64] axis(1) bits(8) signed : tensor<2x2xi32> -> tensor<2x2xi8>
  return %0 : tensor<2x2xi8>
}

// -----

func.func @requantize_shift_count(%a: tensor<2x2xi32>) -> tensor<2x2xi8> {
  // expected-error @+1 {{'tqt.requantize' op has 3 shifts for 2 channels along axis 1}}
  %0 = tqt.requantize %a shifts[3, 4, 5] axis(1) bits(8) signed : tensor<2x2xi32> -> tensor<2x2xi8>
  return %0 : tensor<2x2xi8>
}

// -----

func.func @requantize_no_shift(%a: tensor<2x2xi32>) -> tensor<2x2xi8> {
  // expected-error @+1 {{'tqt.requantize' op needs either 'shift' (per tensor) or 'channel_shifts' with 'axis' (per channel), not neither}}
  %0 = "tqt.requantize"(%a) <{bits = 8 : i64, is_signed = true}> : (tensor<2x2xi32>) -> tensor<2x2xi8>
  return %0 : tensor<2x2xi8>
}

// -----

func.func @per_channel_unranked(%q: tensor<*xi8>) -> tensor<*xf32> {
  // expected-error @+1 {{'tqt.dequantize' op per-channel parameters need a ranked tensor, got 'tensor<*xi8>'}}
  %0 = tqt.dequantize %q exps[-3, -2] axis(0) bits(8) signed : tensor<*xi8> -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @empty_exps(%x: tensor<0x4xf32>) -> tensor<0x4xi8> {
  // expected-error @+1 {{'tqt.quantize' op 'channel_exps' is empty; a tensor without channels has nothing to quantize per channel}}
  %0 = tqt.quantize %x exps[] axis(0) bits(8) signed : tensor<0x4xf32> -> tensor<0x4xi8>
  return %0 : tensor<0x4xi8>
}

// -----

func.func @empty_shifts(%a: tensor<2x0xi32>) -> tensor<2x0xi8> {
  // expected-error @+1 {{'tqt.requantize' op 'channel_shifts' is empty; a tensor without channels has nothing to quantize per channel}}
  %0 = tqt.requantize %a shifts[] axis(1) bits(8) signed : tensor<2x0xi32> -> tensor<2x0xi8>
  return %0 : tensor<2x0xi8>
}

// -----

func.func @activation_type_mismatch(%x: tensor<4xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'tqt.activation' op failed to verify that all of {x, output} have same type}}
  %0 = "tqt.activation"(%x) <{kind = 0 : i32}> : (tensor<4xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @activation_integer(%x: tensor<4xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.activation' op operand #0 must be tensor of 32-bit float values}}
  %0 = tqt.activation sigmoid %x : tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @activation_kind_out_of_range(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{invalid properties {kind = 7 : i32} for op tqt.activation: Invalid attribute `kind` in property conversion: 7 : i32}}
  %0 = "tqt.activation"(%x) <{kind = 7 : i32}> : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @activation_unknown_kind(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{custom op 'tqt.activation' expected string or keyword containing one of the following enum values for attribute 'kind' [sigmoid, tanh, hardsigmoid, hardswish, silu]}}
  %0 = tqt.activation gelu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
