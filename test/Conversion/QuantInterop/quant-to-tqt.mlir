// RUN: tqt-opt %s --convert-quant-to-tqt --split-input-file | FileCheck %s
// RUN: tqt-opt %s --convert-quant-to-tqt=rounding=floor --split-input-file | FileCheck %s --check-prefix=FLOOR

// quant.qcast is a tqt.quantize in the rounding mode the option names;
// quant.dcast a tqt.dequantize; the storage casts between them cancel.
// CHECK-LABEL: func.func @roundtrip
// CHECK-SAME:    (%[[X:.*]]: tensor<8xf32>)
// CHECK:         %[[Q:.*]] = tqt.quantize %[[X]] exp(-4) bits(8) signed : tensor<8xf32> -> tensor<8xi8>
// CHECK:         %[[F:.*]] = tqt.dequantize %[[Q]] exp(-4) bits(8) signed : tensor<8xi8> -> tensor<8xf32>
// CHECK:         return %[[F]]
// CHECK-NOT:     quant.
// FLOOR-LABEL: func.func @roundtrip
// FLOOR:         tqt.quantize {{.*}} rounding<floor>
func.func @roundtrip(%x: tensor<8xf32>) -> tensor<8xf32> {
  %q = quant.qcast %x : tensor<8xf32> to tensor<8x!quant.uniform<i8:f32, 0.0625>>
  %f = quant.dcast %q : tensor<8x!quant.uniform<i8:f32, 0.0625>> to tensor<8xf32>
  return %f : tensor<8xf32>
}

// -----

// Quantized arguments and results become integer codes with tqt.exp,
// tqt.bits and tqt.is_signed (the integer-io boundary).
// CHECK-LABEL: func.func @boundary
// CHECK-SAME:    (%[[A:.*]]: tensor<4xi16> {tqt.bits = 8 : i64, tqt.exp = 2 : i64, tqt.is_signed = false})
// CHECK-SAME:    -> (tensor<4xi8> {tqt.bits = 4 : i64, tqt.exp = -1 : i64, tqt.is_signed = true})
// CHECK:         %[[D:.*]] = tqt.dequantize %[[A]] exp(2) bits(8) unsigned : tensor<4xi16> -> tensor<4xf32>
// CHECK:         %[[Q:.*]] = tqt.quantize %[[D]] exp(-1) bits(4) signed : tensor<4xf32> -> tensor<4xi8>
// CHECK:         return %[[Q]]
func.func @boundary(%a: tensor<4x!quant.uniform<u16<0:255>:f32, 4.0>>) -> tensor<4x!quant.uniform<i8<-8:7>:f32, 0.5>> {
  %f = quant.dcast %a : tensor<4x!quant.uniform<u16<0:255>:f32, 4.0>> to tensor<4xf32>
  %q = quant.qcast %f : tensor<4xf32> to tensor<4x!quant.uniform<i8<-8:7>:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<i8<-8:7>:f32, 0.5>>
}

// -----

// A narrow grid inside the body.
// CHECK-LABEL: func.func @narrow
// CHECK:         tqt.quantize %{{.*}} exp(0) bits(8) signed narrow : tensor<2xf32> -> tensor<2xi8>
func.func @narrow(%x: tensor<2xf32>) -> tensor<2xf32> {
  %q = quant.qcast %x : tensor<2xf32> to tensor<2x!quant.uniform<i8<-127:127>:f32, 1.0>>
  %f = quant.dcast %q : tensor<2x!quant.uniform<i8<-127:127>:f32, 1.0>> to tensor<2xf32>
  return %f : tensor<2xf32>
}
