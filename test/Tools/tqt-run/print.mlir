// The JIT-compiled ops print exactly the values worked out by hand from
// docs/Numerics.md (independent of the reference implementation).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %npytool write %t/x.npy f32 "[0.03125, 0.09375, -0.03125, 7.96875, -8.03125, 0.15625, nan, inf, -inf, -0.0]"
// RUN: %npytool write %t/t.npy f32 "[3.0]" --shape ""
// RUN: %npytool write %t/a.npy i32 "[24, 40, -24, -40, 100000, -100000, 2147483647, -2147483648]"
// RUN: tqt-run %s -e fake_quant -i %t/x.npy -i %t/t.npy | FileCheck %s --check-prefix=FQ
// RUN: tqt-run %s -e requantize -i %t/a.npy | FileCheck %s --check-prefix=RQ
// RUN: tqt-run %s -e grad -i %t/x.npy -i %t/t.npy -i %t/x.npy | FileCheck %s --check-prefix=GRAD
// RUN: %npytool write %t/xf.npy f32 "[0.03125, 0.09375, -0.03125, 7.96875, -8.03125, 0.15625]"
// RUN: %npytool write %t/ones.npy f32 "[1, 1, 1, 1, 1, 1]"
// RUN: tqt-run %s -e grad -i %t/xf.npy -i %t/t.npy -i %t/ones.npy | FileCheck %s --check-prefix=GRAD1

// x/s = [0.5, 1.5, -0.5, 127.5, -128.5, 2.5, NaN, inf, -inf, -0] at s = 1/16.
// FQ: result0: f32 (10,) = [0, 0.125, 0, 7.9375, -8, 0.125, 0, 7.9375, -8, 0]
// FQ: result1: f32 (10,) = [0.0625, 0.125, 0, 7.9375, -8, 0.1875, 0, 7.9375, -8, 0]
// FQ: result2: f32 (10,) = [0.0625, 0.125, -0.0625, 7.9375, -8, 0.1875, 0, 7.9375, -8, 0]
// FQ: result3: f32 (10,) = [0, 0.0625, -0.0625, 7.9375, -8, 0.125, 0, 7.9375, -8, 0]
// FQ: result4: int8 (10,) = [0, 2, 0, 127, -128, 2, 0, 127, -128, 0]
func.func @fake_quant(%x: tensor<?xf32>, %t: tensor<f32>) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xi8>) {
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<?xf32>
  %1 = tqt.fake_quant %x, %t bits(8) signed rounding<half_up> : tensor<?xf32>
  %2 = tqt.fake_quant %x, %t bits(8) signed rounding<half_away> : tensor<?xf32>
  %3 = tqt.fake_quant %x, %t bits(8) signed rounding<floor> : tensor<?xf32>
  %4 = tqt.quantize %x exp(-4) bits(8) signed : tensor<?xf32> -> tensor<?xi8>
  return %0, %1, %2, %3, %4 : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xi8>
}

// a/16 = [1.5, 2.5, -1.5, -2.5, 6250, -6250, ...]; uint8 codes print as int8.
// RQ: result0: int8 (8,) = [2, 2, -2, -2, 127, -128, 127, -128]
// RQ: result1: int8 (8,) = [2, 3, -1, -2, 127, -128, 127, -128]
// RQ: result2: int8 (8,) = [2, 3, -2, -3, 127, -128, 127, -128]
// RQ: result3: int8 (8,) = [1, 2, -2, -3, 127, -128, 127, -128]
// RQ: result4: int8 (8,) = [2, 3, 0, 0, 96, 0, 96, 0]
// RQ: result5: int16 (8,) = [192, 320, -192, -320, 32767, -32768, 32767, -32768]
func.func @requantize(%a: tensor<8xi32>) -> (tensor<8xi8>, tensor<8xi8>, tensor<8xi8>, tensor<8xi8>, tensor<8xi8>, tensor<8xi16>) {
  %0 = tqt.requantize %a shift(4) bits(8) signed : tensor<8xi32> -> tensor<8xi8>
  %1 = tqt.requantize %a shift(4) bits(8) signed rounding<half_up> : tensor<8xi32> -> tensor<8xi8>
  %2 = tqt.requantize %a shift(4) bits(8) signed rounding<half_away> : tensor<8xi32> -> tensor<8xi8>
  %3 = tqt.requantize %a shift(4) bits(8) signed rounding<floor> : tensor<8xi32> -> tensor<8xi8>
  %4 = tqt.requantize %a shift(4) bits(8) unsigned clamp_max(96) rounding<half_up> : tensor<8xi32> -> tensor<8xi8>
  %5 = tqt.requantize %a shift(-3) bits(16) signed : tensor<8xi32> -> tensor<8xi16>
  return %0, %1, %2, %3, %4, %5 : tensor<8xi8>, tensor<8xi8>, tensor<8xi8>, tensor<8xi8>, tensor<8xi8>, tensor<8xi16>
}

// dy = x: inside elements pass dy, 127.5 (above) and -inf/inf/NaN give 0;
// -128.5 is inside under half_even.
// GRAD: result0: f32 (10,) = [0.03125, 0.09375, -0.03125, 0, -8.03125, 0.15625, 0, 0, 0, -0]
// The infinite dy of the clipped inf/-inf elements makes dlog2_t infinite.
// GRAD: result1: f32 () = [inf]
// With dy = 1: terms -0.5, 0.5, 0.5, p = 127, 0.5, -0.5 sum to 127.5, times
// s ln2 = ln2 / 16 gives 5.5235165951 (5.52351665 as the nearest f32).
// GRAD1: result0: f32 (6,) = [1, 1, 1, 0, 1, 1]
// GRAD1: result1: f32 () = [5.52351665]
func.func @grad(%x: tensor<?xf32>, %t: tensor<f32>, %dy: tensor<?xf32>) -> (tensor<?xf32>, tensor<f32>) {
  %dx, %dt = tqt.fake_quant_grad %x, %t, %dy bits(8) signed : tensor<?xf32>
  return %dx, %dt : tensor<?xf32>, tensor<f32>
}
