// RUN: tqt-opt %s -split-input-file --tqt-legalize-pow2 -verify-diagnostics

func.func @argument(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op threshold must be a constant (arith.constant or a load of an ml_program.global with an initial value) to be legalized to a power of 2, but it is a block argument}}
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @computed(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<4xf32> {
  %u = arith.mulf %t, %t : tensor<f32>
  // expected-error @+1 {{'tqt.fake_quant' op threshold must be a constant (arith.constant or a load of an ml_program.global with an initial value) to be legalized to a power of 2, but it is computed by 'arith.mulf'}}
  %0 = tqt.fake_quant %x, %u bits(8) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

ml_program.global private mutable @t : tensor<f32>
func.func @no_initial_value(%x: tensor<4xf32>) -> tensor<4xf32> {
  %t = ml_program.global_load @t : tensor<f32>
  // expected-error @+1 {{'tqt.fake_quant' op threshold global @t has no initial value; a threshold must be known to be legalized}}
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @nan(%x: tensor<4xf32>) -> tensor<4xf32> {
  %t = arith.constant dense<0x7FC00000> : tensor<f32>
  // expected-error @+1 {{'tqt.fake_quant' op threshold is NaN}}
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @training_graph(%x: tensor<4xf32>, %dy: tensor<4xf32>) -> (tensor<4xf32>, tensor<f32>) {
  %t = arith.constant dense<1.0> : tensor<f32>
  // expected-error @+1 {{'tqt.fake_quant_grad' op is part of a training graph; only inference graphs (tqt.fake_quant with constant thresholds) can be legalized}}
  %dx, %dt = tqt.fake_quant_grad %x, %t, %dy bits(8) signed : tensor<4xf32>
  return %dx, %dt : tensor<4xf32>, tensor<f32>
}

// -----

// A derived threshold (ceil / add of thresholds) must bottom out in constants.
func.func @derived_from_argument(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<4xf32> {
  %c = math.ceil %t : tensor<f32>
  %k = arith.constant dense<17.0> : tensor<f32>
  %u = arith.addf %c, %k : tensor<f32>
  // expected-error @+1 {{'tqt.fake_quant' op threshold must be a constant (arith.constant or a load of an ml_program.global with an initial value) to be legalized to a power of 2, but it is a block argument}}
  %0 = tqt.fake_quant %x, %u bits(32) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @vector_threshold_constant(%x: tensor<4xf32>) -> tensor<4xf32> {
  %t = arith.constant dense<1.0> : tensor<f64>
  %c = arith.truncf %t : tensor<f64> to tensor<f32>
  // expected-error @+1 {{'tqt.fake_quant' op threshold must be a constant (arith.constant or a load of an ml_program.global with an initial value) to be legalized to a power of 2, but it is computed by 'arith.truncf'}}
  %0 = tqt.fake_quant %x, %c bits(8) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

ml_program.global private @t(dense<[1.0, 2.0]> : tensor<2xf32>) : tensor<2xf32>
func.func @non_scalar_global(%x: tensor<4xf32>) -> tensor<4xf32> {
  %t = ml_program.global_load @t : tensor<2xf32>
  %s = tensor.extract_slice %t[0] [1] [1] : tensor<2xf32> to tensor<1xf32>
  %c = tensor.collapse_shape %s [] : tensor<1xf32> into tensor<f32>
  // expected-error @+1 {{but it is computed by 'tensor.collapse_shape'}}
  %0 = tqt.fake_quant %x, %c bits(8) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @positive_infinity(%x: tensor<4xf32>) -> tensor<4xf32> {
  %t = arith.constant dense<0x7F800000> : tensor<f32>
  // expected-error @+1 {{'tqt.fake_quant' op threshold is +inf; calibrate on finite data (tqt-calibrate reports non-finite values) or set the threshold}}
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

ml_program.global private mutable @t(dense<0xFF800000> : tensor<f32>) : tensor<f32>
func.func @negative_infinity_global(%x: tensor<4xf32>) -> tensor<4xf32> {
  %t = ml_program.global_load @t : tensor<f32>
  // expected-error @+1 {{'tqt.fake_quant' op threshold is -inf; calibrate on finite data (tqt-calibrate reports non-finite values) or set the threshold}}
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

ml_program.global private mutable @w_t(dense<[0.5, 0x7F800000]> : tensor<2xf32>) : tensor<2xf32> {tqt.log2_threshold}
func.func @per_channel_inf(%w: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %t = ml_program.global_load @w_t : tensor<2xf32>
  // expected-error @+1 {{'tqt.fake_quant' op threshold of channel 1 is +inf; calibrate on finite data (tqt-calibrate reports non-finite values) or set the threshold}}
  %0 = tqt.fake_quant %w, %t bits(8) signed axis(0) : tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
