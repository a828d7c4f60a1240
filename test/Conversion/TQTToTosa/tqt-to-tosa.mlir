// RUN: tqt-opt %s -split-input-file --convert-tqt-to-tosa | FileCheck %s

// A full-range output: one tosa.rescale, multiplier 2^30, shift 30 + k.
// CHECK-LABEL: func.func @int8_full
// CHECK-DAG: %[[M:.*]] = "tosa.const"() <{values = dense<1073741824> : tensor<1xi32>}>
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<39> : tensor<1xi8>}>
// CHECK-DAG: %[[IZP:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi32>}>
// CHECK-DAG: %[[OZP:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi8>}>
// CHECK: %[[R:.*]] = tosa.rescale %{{.*}}, %[[M]], %[[S]], %[[IZP]], %[[OZP]] {input_unsigned = false, output_unsigned = false, per_channel = false, rounding_mode = SINGLE_ROUND, scale32 = true} : (tensor<?x10xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<?x10xi8>
// CHECK-NOT: tosa.clamp
// CHECK: return %[[R]]
func.func @int8_full(%a: tensor<?x10xi32>) -> tensor<?x10xi8> {
  %0 = tqt.requantize %a shift(9) bits(8) signed rounding<half_up> : tensor<?x10xi32> -> tensor<?x10xi8>
  return %0 : tensor<?x10xi8>
}

// -----

// A signed grid narrower than the type: rescale, then clamp at the output.
// CHECK-LABEL: func.func @int4_in_i8
// CHECK: %[[R:.*]] = tosa.rescale
// CHECK-SAME: -> tensor<4xi8>
// CHECK: %[[C:.*]] = tosa.clamp %[[R]] {max_val = 7 : i8, min_val = -8 : i8} : (tensor<4xi8>) -> tensor<4xi8>
// CHECK: return %[[C]]
func.func @int4_in_i8(%a: tensor<4xi32>) -> tensor<4xi8> {
  %0 = tqt.requantize %a shift(2) bits(4) signed rounding<half_up> : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Left shift: shift 30 + k < 30 with the same multiplier.
// CHECK-LABEL: func.func @left_shift
// CHECK-DAG: "tosa.const"() <{values = dense<27> : tensor<1xi8>}>
// CHECK: tosa.rescale
func.func @left_shift(%a: tensor<4xi16>) -> tensor<4xi16> {
  %0 = tqt.requantize %a shift(-3) bits(16) signed rounding<half_up> : tensor<4xi16> -> tensor<4xi16>
  return %0 : tensor<4xi16>
}

// -----

// uint8 from an i32 accumulator with a fused ReLU6: TOSA has no unsigned
// output from i32 nor an unsigned clamp, so rescale to i16, clamp there,
// then an identity rescale (shift 30) into the unsigned output.
// CHECK-LABEL: func.func @uint8_relu6
// CHECK: %[[R:.*]] = tosa.rescale %{{.*}} {input_unsigned = false, output_unsigned = false, {{.*}}} : (tensor<4xi32>, {{.*}}) -> tensor<4xi16>
// CHECK: %[[C:.*]] = tosa.clamp %[[R]] {max_val = 192 : i16, min_val = 0 : i16}
// CHECK: "tosa.const"() <{values = dense<30> : tensor<1xi8>}>
// CHECK: %[[U:.*]] = tosa.rescale %[[C]], {{.*}} {input_unsigned = false, output_unsigned = true, {{.*}}} : (tensor<4xi16>, {{.*}}) -> tensor<4xi8>
// CHECK: return %[[U]]
func.func @uint8_relu6(%a: tensor<4xi32>) -> tensor<4xi8> {
  %0 = tqt.requantize %a shift(9) bits(8) unsigned clamp_max(192) rounding<half_up> : tensor<4xi32> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// An unsigned input to an unsigned output also goes through i16.
// CHECK-LABEL: func.func @uint8_to_uint8
// CHECK: tosa.rescale %{{.*}} {input_unsigned = true, output_unsigned = false, {{.*}}} : ({{.*}}) -> tensor<4xi16>
// CHECK: tosa.rescale %{{.*}} {input_unsigned = false, output_unsigned = true, {{.*}}} : ({{.*}}) -> tensor<4xi8>
func.func @uint8_to_uint8(%a: tensor<4xi8>) -> tensor<4xi8> {
  %0 = tqt.requantize %a shift(1) bits(8) unsigned rounding<half_up> input_unsigned : tensor<4xi8> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Other tqt ops are left for --convert-tqt-to-linalg.
// CHECK-LABEL: func.func @others_untouched
// CHECK: tqt.quantize
// CHECK: tosa.rescale
func.func @others_untouched(%x: tensor<4xf32>) -> tensor<4xi8> {
  %q = tqt.quantize %x exp(-4) bits(16) signed : tensor<4xf32> -> tensor<4xi16>
  %0 = tqt.requantize %q shift(4) bits(8) signed rounding<half_up> : tensor<4xi16> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// i48 accumulators (i16 x i8 convolutions) take a 16-bit multiplier: 2^14,
// shift 14 + k, scale32 = false.
// CHECK-LABEL: func.func @i48_input
// CHECK-DAG: "tosa.const"() <{values = dense<16384> : tensor<1xi16>}>
// CHECK-DAG: "tosa.const"() <{values = dense<20> : tensor<1xi8>}>
// CHECK: tosa.rescale {{.*}}scale32 = false{{.*}} : (tensor<4xi48>, {{.*}}) -> tensor<4xi8>
func.func @i48_input(%a: tensor<4xi48>) -> tensor<4xi8> {
  %0 = tqt.requantize %a shift(6) bits(8) signed rounding<half_up> : tensor<4xi48> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// A 16-bit grid in i32 storage: rescale to i16 (saturating exactly to the
// grid), then a sign-extending cast; no i32 clamp (outside the integer
// profile).
// CHECK-LABEL: func.func @int16_in_i32
// CHECK: %[[R:.*]] = tosa.rescale {{.*}} -> tensor<4xi16>
// CHECK-NOT: tosa.clamp
// CHECK: tosa.cast %[[R]] : (tensor<4xi16>) -> tensor<4xi32>
func.func @int16_in_i32(%a: tensor<4xi32>) -> tensor<4xi32> {
  %0 = tqt.requantize %a shift(3) bits(16) signed rounding<half_up> : tensor<4xi32> -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// An unsigned 8-bit grid in i16 storage is a signed i16 output plus a clamp.
// CHECK-LABEL: func.func @uint8_in_i16
// CHECK: %[[R:.*]] = tosa.rescale {{.*}}output_unsigned = false{{.*}} -> tensor<4xi16>
// CHECK: tosa.clamp %[[R]] {max_val = 255 : i16, min_val = 0 : i16}
func.func @uint8_in_i16(%a: tensor<4xi32>) -> tensor<4xi16> {
  %0 = tqt.requantize %a shift(3) bits(8) unsigned rounding<half_up> : tensor<4xi32> -> tensor<4xi16>
  return %0 : tensor<4xi16>
}
