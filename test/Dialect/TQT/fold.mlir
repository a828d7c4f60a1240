// RUN: tqt-opt %s -split-input-file -canonicalize | FileCheck %s

// int8, theta = 3 (s = 1/16): x/s = [0.5, 1.5, -0.5, 127.5, -128.5, 2.5].
// CHECK-LABEL: func.func @fake_quant_ties_half_even
// CHECK: %[[C:.*]] = arith.constant dense<[0.000000e+00, 1.250000e-01, 0.000000e+00, 7.937500e+00, -8.000000e+00, 1.250000e-01]> : tensor<6xf32>
// CHECK-NOT: tqt.fake_quant
// CHECK: return %[[C]]
func.func @fake_quant_ties_half_even() -> tensor<6xf32> {
  %x = arith.constant dense<[0.03125, 0.09375, -0.03125, 7.96875, -8.03125, 0.15625]> : tensor<6xf32>
  %t = arith.constant dense<3.0> : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// CHECK-LABEL: func.func @fake_quant_ties_half_up
// CHECK: arith.constant dense<[6.250000e-02, 1.250000e-01, 0.000000e+00, 7.937500e+00, -8.000000e+00, 1.875000e-01]> : tensor<6xf32>
func.func @fake_quant_ties_half_up() -> tensor<6xf32> {
  %x = arith.constant dense<[0.03125, 0.09375, -0.03125, 7.96875, -8.03125, 0.15625]> : tensor<6xf32>
  %t = arith.constant dense<3.0> : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed rounding<half_up> : tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// CHECK-LABEL: func.func @fake_quant_ties_half_away
// CHECK: arith.constant dense<[6.250000e-02, 1.250000e-01, -6.250000e-02, 7.937500e+00, -8.000000e+00, 1.875000e-01]> : tensor<6xf32>
func.func @fake_quant_ties_half_away() -> tensor<6xf32> {
  %x = arith.constant dense<[0.03125, 0.09375, -0.03125, 7.96875, -8.03125, 0.15625]> : tensor<6xf32>
  %t = arith.constant dense<3.0> : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed rounding<half_away> : tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// CHECK-LABEL: func.func @fake_quant_ties_floor
// CHECK: arith.constant dense<[0.000000e+00, 6.250000e-02, -6.250000e-02, 7.937500e+00, -8.000000e+00, 1.250000e-01]> : tensor<6xf32>
func.func @fake_quant_ties_floor() -> tensor<6xf32> {
  %x = arith.constant dense<[0.03125, 0.09375, -0.03125, 7.96875, -8.03125, 0.15625]> : tensor<6xf32>
  %t = arith.constant dense<3.0> : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed rounding<floor> : tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// narrow int8: -128 is not a code, -8.03125 saturates to -127/16.
// CHECK-LABEL: func.func @fake_quant_narrow
// CHECK: arith.constant dense<[-7.937500e+00, 7.937500e+00]> : tensor<2xf32>
func.func @fake_quant_narrow() -> tensor<2xf32> {
  %x = arith.constant dense<[-8.03125, 7.96875]> : tensor<2xf32>
  %t = arith.constant dense<3.0> : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed narrow : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// TV2 (uint8, theta = 2.0 exactly: ceil 2, s = 1/64) on a splat: saturates at 255/64.
// CHECK-LABEL: func.func @fake_quant_splat_unsigned
// CHECK: arith.constant dense<3.984375> : tensor<2x3xf32>
func.func @fake_quant_splat_unsigned() -> tensor<2x3xf32> {
  %x = arith.constant dense<100.0> : tensor<2x3xf32>
  %t = arith.constant dense<2.0> : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) unsigned : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// TV2 rows: -0.3 -> 0, 1.0 -> 1.0, 1.01 -> 65/64, 4.0 -> 255/64.
// CHECK-LABEL: func.func @fake_quant_tv2
// CHECK: arith.constant dense<[0.000000e+00, 1.000000e+00, 1.015625, 3.984375]> : tensor<4xf32>
func.func @fake_quant_tv2() -> tensor<4xf32> {
  %x = arith.constant dense<[-0.3, 1.0, 1.01, 4.0]> : tensor<4xf32>
  %t = arith.constant dense<2.0> : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) unsigned : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A NaN threshold makes the result NaN; a NaN input becomes 0.
// CHECK-LABEL: func.func @fake_quant_nan
// CHECK-DAG: arith.constant dense<0x7FC00000> : tensor<2xf32>
// CHECK-DAG: arith.constant dense<[0.000000e+00, 1.000000e+00]> : tensor<2xf32>
func.func @fake_quant_nan() -> (tensor<2xf32>, tensor<2xf32>) {
  %x = arith.constant dense<[0x7FC00000, 1.0]> : tensor<2xf32>
  %t = arith.constant dense<3.0> : tensor<f32>
  %tn = arith.constant dense<0x7FC00000> : tensor<f32>
  %0 = tqt.fake_quant %x, %tn bits(8) signed : tensor<2xf32>
  %1 = tqt.fake_quant %x, %t bits(8) signed : tensor<2xf32>
  return %0, %1 : tensor<2xf32>, tensor<2xf32>
}

// -----

// TV3 (int4, theta = -1.2): dx = [1, 1, 0, 1, 0], dlog2_t = -0.006931471806 for the
// decimal inputs; the f32 inputs (0.1f, 0.44f, ...) give -0.0069314912.
// CHECK-LABEL: func.func @fake_quant_grad_tv3
// CHECK-DAG: %[[DX:.*]] = arith.constant dense<[1.000000e+00, 1.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00]> : tensor<5xf32>
// CHECK-DAG: %[[DT:.*]] = arith.constant dense<-0.0069314912> : tensor<f32>
// CHECK-NOT: tqt.fake_quant_grad
// CHECK: return %[[DX]], %[[DT]]
func.func @fake_quant_grad_tv3() -> (tensor<5xf32>, tensor<f32>) {
  %x = arith.constant dense<[0.1, 0.44, 0.47, -0.53, -0.6]> : tensor<5xf32>
  %dy = arith.constant dense<1.0> : tensor<5xf32>
  %t = arith.constant dense<-1.2> : tensor<f32>
  %dx, %dt = tqt.fake_quant_grad %x, %t, %dy bits(4) signed : tensor<5xf32>
  return %dx, %dt : tensor<5xf32>, tensor<f32>
}

// -----

// Clip edges: int8 at s = 1/16, x/s = 127.5 (above: p * s ln2 = 127 * 0.04332169878)
// and -128.5 (inside for half_even: r - v = 0.5), dy = [1, 2]: (127 + 2 * 0.5) * s ln2 = 5.545177.
// CHECK-LABEL: func.func @fake_quant_grad_edges
// CHECK-DAG: arith.constant dense<[0.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: arith.constant dense<5.54517746> : tensor<f32>
func.func @fake_quant_grad_edges() -> (tensor<2xf32>, tensor<f32>) {
  %x = arith.constant dense<[7.96875, -8.03125]> : tensor<2xf32>
  %dy = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %t = arith.constant dense<3.0> : tensor<f32>
  %dx, %dt = tqt.fake_quant_grad %x, %t, %dy bits(8) signed : tensor<2xf32>
  return %dx, %dt : tensor<2xf32>, tensor<f32>
}

// -----

// CHECK-LABEL: func.func @quantize_signed
// CHECK: arith.constant dense<[0, 2, 2, 0, -2, 127, -128, 0, 127, -128]> : tensor<10xi8>
func.func @quantize_signed() -> tensor<10xi8> {
  %x = arith.constant dense<[0.5, 1.5, 2.5, -0.5, -1.5, 1000.0, -1000.0, 0x7FC00000, 0x7F800000, 0xFF800000]> : tensor<10xf32>
  %0 = tqt.quantize %x exp(0) bits(8) signed : tensor<10xf32> -> tensor<10xi8>
  return %0 : tensor<10xi8>
}

// -----

// Unsigned codes live in signless i8: 200 prints as -56 and 255 as -1.
// CHECK-LABEL: func.func @quantize_unsigned
// CHECK: arith.constant dense<[-56, -1, 0, 3]> : tensor<4xi8>
func.func @quantize_unsigned() -> tensor<4xi8> {
  %x = arith.constant dense<[50.0, 300.0, -7.0, 0.75]> : tensor<4xf32>
  %0 = tqt.quantize %x exp(-2) bits(8) unsigned rounding<half_up> : tensor<4xf32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// int4 in i8 storage.
// CHECK-LABEL: func.func @quantize_int4
// CHECK: arith.constant dense<[7, -8, 2, -2]> : tensor<4xi8>
func.func @quantize_int4() -> tensor<4xi8> {
  %x = arith.constant dense<[0.47, -0.6, 0.1, -0.09375]> : tensor<4xf32>
  %0 = tqt.quantize %x exp(-4) bits(4) signed : tensor<4xf32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// CHECK-LABEL: func.func @dequantize_unsigned_zero_extends
// CHECK: arith.constant dense<[7.812500e-01, 0.99609375, 0.000000e+00]> : tensor<3xf32>
func.func @dequantize_unsigned_zero_extends() -> tensor<3xf32> {
  %q = arith.constant dense<[-56, -1, 0]> : tensor<3xi8>
  %0 = tqt.dequantize %q exp(-8) bits(8) unsigned : tensor<3xi8> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @dequantize_signed
// CHECK: arith.constant dense<[-1.000000e+00, -7.812500e-03, 5.000000e-01]> : tensor<3xf32>
func.func @dequantize_signed() -> tensor<3xf32> {
  %q = arith.constant dense<[-128, -1, 64]> : tensor<3xi8>
  %0 = tqt.dequantize %q exp(-7) bits(8) signed : tensor<3xi8> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// a/16 = [1.5, 2.5, -1.5, -2.5, 6250, -6250].
// CHECK-LABEL: func.func @requantize_modes
// CHECK-DAG: arith.constant dense<[2, 2, -2, -2, 127, -128]> : tensor<6xi8>
// CHECK-DAG: arith.constant dense<[2, 3, -1, -2, 127, -128]> : tensor<6xi8>
// CHECK-DAG: arith.constant dense<[2, 3, -2, -3, 127, -128]> : tensor<6xi8>
// CHECK-DAG: arith.constant dense<[1, 2, -2, -3, 127, -128]> : tensor<6xi8>
func.func @requantize_modes() -> (tensor<6xi8>, tensor<6xi8>, tensor<6xi8>, tensor<6xi8>) {
  %a = arith.constant dense<[24, 40, -24, -40, 100000, -100000]> : tensor<6xi32>
  %0 = tqt.requantize %a shift(4) bits(8) signed : tensor<6xi32> -> tensor<6xi8>
  %1 = tqt.requantize %a shift(4) bits(8) signed rounding<half_up> : tensor<6xi32> -> tensor<6xi8>
  %2 = tqt.requantize %a shift(4) bits(8) signed rounding<half_away> : tensor<6xi32> -> tensor<6xi8>
  %3 = tqt.requantize %a shift(4) bits(8) signed rounding<floor> : tensor<6xi32> -> tensor<6xi8>
  return %0, %1, %2, %3 : tensor<6xi8>, tensor<6xi8>, tensor<6xi8>, tensor<6xi8>
}

// -----

// Left shift by 3 with saturation, and INT32 extremes.
// CHECK-LABEL: func.func @requantize_left_shift
// CHECK: arith.constant dense<[24, -24, 32767, -32768, 32767, -32768]> : tensor<6xi16>
func.func @requantize_left_shift() -> tensor<6xi16> {
  %a = arith.constant dense<[3, -3, 5000, -5000, 2147483647, -2147483648]> : tensor<6xi32>
  %0 = tqt.requantize %a shift(-3) bits(16) signed : tensor<6xi32> -> tensor<6xi16>
  return %0 : tensor<6xi16>
}

// -----

// Fused ReLU6 at 16 codes per unit: clamp to [0, 96] on a uint8 output.
// CHECK-LABEL: func.func @requantize_relu6_clamp
// CHECK: arith.constant dense<[0, 0, 96, 50]> : tensor<4xi8>
func.func @requantize_relu6_clamp() -> tensor<4xi8> {
  %a = arith.constant dense<[-300, 0, 9000, 800]> : tensor<4xi32>
  %0 = tqt.requantize %a shift(4) bits(8) unsigned clamp_min(0) clamp_max(96) : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// 0xFF read with zero extension is 255 (255/2 = 127.5 -> 128 -> saturates to 127);
// read signed it is -1 (-0.5 -> 0 under half_even).
// CHECK-LABEL: func.func @requantize_input_unsigned
// CHECK-DAG: arith.constant dense<127> : tensor<2xi8>
// CHECK-DAG: arith.constant dense<0> : tensor<2xi8>
func.func @requantize_input_unsigned() -> (tensor<2xi8>, tensor<2xi8>) {
  %a = arith.constant dense<-1> : tensor<2xi8>
  %0 = tqt.requantize %a shift(1) bits(8) signed input_unsigned : tensor<2xi8> -> tensor<2xi8>
  %1 = tqt.requantize %a shift(1) bits(8) signed : tensor<2xi8> -> tensor<2xi8>
  return %0, %1 : tensor<2xi8>, tensor<2xi8>
}

// -----

// Canonicalization never removes quantization error: non-constant chains stay.
// CHECK-LABEL: func.func @no_cancellation
// CHECK: %[[Q:.*]] = tqt.quantize
// CHECK: %[[D:.*]] = tqt.dequantize %[[Q]]
// CHECK: %[[F1:.*]] = tqt.fake_quant %[[D]]
// CHECK: %[[F2:.*]] = tqt.fake_quant %[[F1]]
// CHECK: %[[R1:.*]] = tqt.requantize
// CHECK: %[[R2:.*]] = tqt.requantize %[[R1]]
func.func @no_cancellation(%x: tensor<?xf32>, %t: tensor<f32>, %a: tensor<?xi32>) -> (tensor<?xf32>, tensor<?xi32>) {
  %q = tqt.quantize %x exp(-4) bits(8) signed : tensor<?xf32> -> tensor<?xi8>
  %d = tqt.dequantize %q exp(-4) bits(8) signed : tensor<?xi8> -> tensor<?xf32>
  %f1 = tqt.fake_quant %d, %t bits(8) signed : tensor<?xf32>
  %f2 = tqt.fake_quant %f1, %t bits(8) signed : tensor<?xf32>
  %r1 = tqt.requantize %a shift(0) bits(32) signed : tensor<?xi32> -> tensor<?xi32>
  %r2 = tqt.requantize %r1 shift(0) bits(32) signed : tensor<?xi32> -> tensor<?xi32>
  return %f2, %r2 : tensor<?xf32>, tensor<?xi32>
}

// -----

// A constant threshold with a non-constant input does not fold.
// CHECK-LABEL: func.func @partial_constants
// CHECK: tqt.fake_quant
// CHECK: tqt.fake_quant_grad
func.func @partial_constants(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<f32>) {
  %t = arith.constant dense<3.0> : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<4xf32>
  %dx, %dt = tqt.fake_quant_grad %x, %t, %0 bits(8) signed : tensor<4xf32>
  return %dx, %dt : tensor<4xf32>, tensor<f32>
}

// -----

// Per channel (axis 1): channel 0 at theta 3 (s = 1/16), channel 1 at
// theta 0 (s = 1/128): the same inputs round on each channel's own grid.
// CHECK-LABEL: func.func @fake_quant_per_channel
// CHECK: arith.constant dense<{{\[}}[0.000000e+00, 3.125000e-02], [1.250000e-01, 9.375000e-02], [7.937500e+00, 0.9921875]]> : tensor<3x2xf32>
// CHECK-NOT: tqt.fake_quant
func.func @fake_quant_per_channel() -> tensor<3x2xf32> {
  %x = arith.constant dense<[[0.03125, 0.03125], [0.09375, 0.09375], [7.96875, 7.96875]]> : tensor<3x2xf32>
  %t = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = tqt.fake_quant %x, %t bits(8) signed axis(1) : tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// Per-channel codes: rows at exponents -4 and -7 (read back at -4 and -3);
// shifts 1 and 3 on the columns (ties: half_even).
// CHECK-LABEL: func.func @codes_per_channel
// CHECK-DAG: arith.constant dense<{{\[}}[0, 2], [12, 96]]> : tensor<2x2xi8>
// CHECK-DAG: arith.constant dense<{{\[}}[0.000000e+00, 1.250000e-01], [1.500000e+00, 1.200000e+01]]> : tensor<2x2xf32>
// CHECK-DAG: arith.constant dense<{{\[}}[2, 2], [-2, 12]]> : tensor<2x2xi8>
// CHECK-NOT: tqt.
func.func @codes_per_channel() -> (tensor<2x2xi8>, tensor<2x2xf32>, tensor<2x2xi8>) {
  %x = arith.constant dense<[[0.03125, 0.09375], [0.09375, 0.75]]> : tensor<2x2xf32>
  %q = tqt.quantize %x exps[-4, -7] axis(0) bits(8) signed : tensor<2x2xf32> -> tensor<2x2xi8>
  %d = tqt.dequantize %q exps[-4, -3] axis(0) bits(8) signed : tensor<2x2xi8> -> tensor<2x2xf32>
  %a = arith.constant dense<[[3, 20], [-5, 100]]> : tensor<2x2xi32>
  %r = tqt.requantize %a shifts[1, 3] axis(1) bits(8) signed : tensor<2x2xi32> -> tensor<2x2xi8>
  return %q, %d, %r : tensor<2x2xi8>, tensor<2x2xf32>, tensor<2x2xi8>
}

// -----

// Activations of constants fold to Activations.h's values: sigmoid(0) = 1/2,
// sigmoid(-100) is 1 / (1 + e^87) (exp saturates, no underflow to 0),
// tanh(+-inf) is +-1, NaN stays NaN, hardswish at the kinks is exact
// (-3 -> -0, 3 -> 3).
// CHECK-LABEL: func.func @activations
// CHECK-DAG: arith.constant dense<[5.000000e-01, 1.000000e+00, 6.05460149E-39]> : tensor<3xf32>
// CHECK-DAG: arith.constant dense<[1.000000e+00, -1.000000e+00, 0x7FC00000]> : tensor<3xf32>
// CHECK-DAG: arith.constant dense<[-0.000000e+00, 3.000000e+00, 0.000000e+00]> : tensor<3xf32>
// CHECK-DAG: arith.constant dense<[0.000000e+00, 1.000000e+00, 5.000000e-01]> : tensor<3xf32>
// CHECK-NOT: tqt.
func.func @activations() -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %s = arith.constant dense<[0.0, 100.0, -100.0]> : tensor<3xf32>
  %0 = tqt.activation sigmoid %s : tensor<3xf32>
  %t = arith.constant dense<[0x7F800000, 0xFF800000, 0x7FC00000]> : tensor<3xf32>
  %1 = tqt.activation tanh %t : tensor<3xf32>
  %h = arith.constant dense<[-3.0, 3.0, 0.0]> : tensor<3xf32>
  %2 = tqt.activation hardswish %h : tensor<3xf32>
  %g = arith.constant dense<[-3.0, 3.0, 0.0]> : tensor<3xf32>
  %3 = tqt.activation hardsigmoid %g : tensor<3xf32>
  return %0, %1, %2, %3 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}
