// RUN: tqt-opt %s --convert-tqt-to-quant --split-input-file | FileCheck %s

// A quantize keeps its rounding and saturation explicit (one linalg.generic
// onto the grid), then quant.qcast and a storage cast to the codes.
// CHECK-LABEL: func.func @quantize
// CHECK-SAME:    (%[[X:.*]]: tensor<?x4xf32>)
// CHECK:         %[[G:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<?x4xf32>)
// CHECK:           math.floor
// CHECK:           arith.minimumf {{.*}} : f32
// CHECK:           arith.maximumf {{.*}} : f32
// CHECK:         %[[Q:.*]] = quant.qcast %[[G]] : tensor<?x4xf32> to tensor<?x4x!quant.uniform<i8:f32, 1.562500e-02>>
// CHECK:         %[[C:.*]] = quant.scast %[[Q]] : tensor<?x4x!quant.uniform<i8:f32, 1.562500e-02>> to tensor<?x4xi8>
// CHECK:         return %[[C]]
// CHECK-NOT:     tqt.
func.func @quantize(%x: tensor<?x4xf32>) -> tensor<?x4xi8> {
  %q = tqt.quantize %x exp(-6) bits(8) signed rounding<floor> : tensor<?x4xf32> -> tensor<?x4xi8>
  return %q : tensor<?x4xi8>
}

// -----

// A dequantize is a storage cast and quant.dcast; unsigned 8-bit codes in
// i16 are u16 storage with the grid as its range.
// CHECK-LABEL: func.func @dequantize
// CHECK-SAME:    (%[[Q:.*]]: tensor<3xi16>)
// CHECK:         %[[S:.*]] = quant.scast %[[Q]] : tensor<3xi16> to tensor<3x!quant.uniform<u16<0:255>:f32, 2.000000e+00>>
// CHECK:         %[[F:.*]] = quant.dcast %[[S]] : tensor<3x!quant.uniform<u16<0:255>:f32, 2.000000e+00>> to tensor<3xf32>
// CHECK:         return %[[F]]
func.func @dequantize(%q: tensor<3xi16>) -> tensor<3xf32> {
  %f = tqt.dequantize %q exp(1) bits(8) unsigned : tensor<3xi16> -> tensor<3xf32>
  return %f : tensor<3xf32>
}

// -----

// The integer boundary of an integer-io program takes quantized types; the
// body keeps computing on the codes.
// CHECK-LABEL: func.func @boundary
// CHECK-SAME:    (%[[A:.*]]: tensor<2x!quant.uniform<i8<-8:7>:f32, 1.250000e-01>>)
// CHECK-SAME:    -> tensor<2x!quant.uniform<i32:f32, 3.125000e-02>>
// CHECK-NOT:     tqt.exp
// CHECK:         %[[C:.*]] = quant.scast %[[A]] : tensor<2x!quant.uniform<i8<-8:7>:f32, 1.250000e-01>> to tensor<2xi8>
// CHECK:         %[[E:.*]] = arith.extsi %[[C]]
// CHECK:         %[[R:.*]] = quant.scast %[[E]] : tensor<2xi32> to tensor<2x!quant.uniform<i32:f32, 3.125000e-02>>
// CHECK:         return %[[R]]
func.func @boundary(%a: tensor<2xi8> {tqt.exp = -3 : i64, tqt.bits = 4 : i64, tqt.is_signed = true}) -> (tensor<2xi32> {tqt.exp = -5 : i64, tqt.bits = 32 : i64, tqt.is_signed = true}) {
  %e = arith.extsi %a : tensor<2xi8> to tensor<2xi32>
  return %e : tensor<2xi32>
}

// -----

// Arguments and results without code attributes keep their types.
// CHECK-LABEL: func.func @float_boundary
// CHECK-SAME:    (%{{.*}}: tensor<2xf32>, %{{.*}}: tensor<2xi8>) -> tensor<2xi8>
func.func @float_boundary(%x: tensor<2xf32>, %y: tensor<2xi8>) -> tensor<2xi8> {
  return %y : tensor<2xi8>
}
