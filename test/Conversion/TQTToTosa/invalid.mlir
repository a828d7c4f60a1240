// RUN: tqt-opt %s -split-input-file --convert-tqt-to-tosa -verify-diagnostics

func.func @half_even(%a: tensor<4xi32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: rounding half_even is not half_up (tosa.rescale SINGLE_ROUND rounds ties toward +infinity)}}
  %0 = tqt.requantize %a shift(4) bits(8) signed : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @floor(%a: tensor<4xi32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: rounding floor is not half_up}}
  %0 = tqt.requantize %a shift(4) bits(8) signed rounding<floor> : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @shift_too_large(%a: tensor<4xi32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: shift 33 is outside [-28, 32] (multiplier 2^30 with a rescale shift in [2, 62])}}
  %0 = tqt.requantize %a shift(33) bits(8) signed rounding<half_up> : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @shift_too_small(%a: tensor<4xi8>) -> tensor<4xi32> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: shift -29 is outside [-28, 32]}}
  %0 = tqt.requantize %a shift(-29) bits(32) signed rounding<half_up> : tensor<4xi8> -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @left_shift_overflows_int32(%a: tensor<4xi32>) -> tensor<4xi16> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: left shift by 1 of 'i32' values can leave the int32 range of tosa.rescale (at most 0 for this input)}}
  %0 = tqt.requantize %a shift(-1) bits(16) signed rounding<half_up> : tensor<4xi32> -> tensor<4xi16>
  return %0 : tensor<4xi16>
}

// -----

func.func @i64_input(%a: tensor<4xi64>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: input 'i64' is not one of i8, i16, i32, i48}}
  %0 = tqt.requantize %a shift(4) bits(8) signed rounding<half_up> : tensor<4xi64> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @i64_output(%a: tensor<4xi32>) -> tensor<4xi64> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: output 'i64' is not one of i8, i16, i32}}
  %0 = tqt.requantize %a shift(4) bits(32) unsigned rounding<half_up> : tensor<4xi32> -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

func.func @unsigned_i32_input(%a: tensor<4xi32>) -> tensor<4xi8> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: unsigned i32 input (input_unsigned is for i8 and i16)}}
  %0 = tqt.requantize %a shift(4) bits(8) signed rounding<half_up> input_unsigned : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @uint16_from_i32(%a: tensor<4xi32>) -> tensor<4xi16> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: an unsigned 16-bit output from an i32 or unsigned input, or with clamp bounds, has no exact TOSA form}}
  %0 = tqt.requantize %a shift(4) bits(16) unsigned rounding<half_up> : tensor<4xi32> -> tensor<4xi16>
  return %0 : tensor<4xi16>
}

// -----

func.func @uint16_to_i32(%a: tensor<4xi16>) -> tensor<4xi32> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: an unsigned i16 input to an i32 output has no exact TOSA form}}
  %0 = tqt.requantize %a shift(4) bits(32) signed rounding<half_up> input_unsigned : tensor<4xi16> -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @unranked(%a: tensor<*xi32>) -> tensor<*xi8> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: unranked tensor}}
  %0 = tqt.requantize %a shift(4) bits(8) signed rounding<half_up> : tensor<*xi32> -> tensor<*xi8>
  return %0 : tensor<*xi8>
}

// -----

// Every unsupported op is reported, not only the first.
func.func @all_reported(%a: tensor<4xi32>) -> (tensor<4xi8>, tensor<4xi8>) {
  // expected-error @+1 {{rounding half_away is not half_up}}
  %0 = tqt.requantize %a shift(4) bits(8) signed rounding<half_away> : tensor<4xi32> -> tensor<4xi8>
  // expected-error @+1 {{shift 40 is outside [-28, 32]}}
  %1 = tqt.requantize %a shift(40) bits(8) signed rounding<half_up> : tensor<4xi32> -> tensor<4xi8>
  return %0, %1 : tensor<4xi8>, tensor<4xi8>
}

// -----

func.func @per_channel_not_last(%a: tensor<4x2xi32>) -> tensor<4x2xi8> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: per-channel shifts along axis 0; tosa.rescale's channels are the last dimension (1)}}
  %0 = tqt.requantize %a shifts[3, 4, 5, 6] axis(0) bits(8) signed rounding<half_up> : tensor<4x2xi32> -> tensor<4x2xi8>
  return %0 : tensor<4x2xi8>
}

// -----

func.func @per_channel_left_shift(%a: tensor<4x2xi32>) -> tensor<4x2xi8> {
  // expected-error @+1 {{'tqt.requantize' op cannot be expressed as tosa.rescale: left shift by 1 of 'i32' values can leave the int32 range of tosa.rescale (at most 0 for this input)}}
  %0 = tqt.requantize %a shifts[3, -1] axis(1) bits(8) signed rounding<half_up> : tensor<4x2xi32> -> tensor<4x2xi8>
  return %0 : tensor<4x2xi8>
}
