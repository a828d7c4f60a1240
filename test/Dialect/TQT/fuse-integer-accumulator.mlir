// RUN: tqt-opt %s -split-input-file --tqt-fuse-integer -verify-diagnostics | FileCheck %s --enable-var-scope

// 2^17 products of int8 codes (128 * 128 * 2^17 = 2^31) overflow i32: the
// layer is computed on codes widened to i16 with TOSA's i48 accumulator.
// CHECK-LABEL: func.func @overflow
// CHECK: %[[W:.*]] = tosa.cast %{{.*}} : (tensor<1x1x131072xi8>) -> tensor<1x1x131072xi16>
// CHECK: tosa.matmul %[[W]], {{.*}} : (tensor<1x1x131072xi16>, tensor<1x131072x1xi16>, tensor<1xi16>, tensor<1xi16>) -> tensor<1x1x1xi48>
func.func @overflow(%x: tensor<1x1x131072xf32>) -> tensor<1x1x1xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<1x131072x1xf32>}> : () -> tensor<1x131072x1xf32>
  %xq = tqt.quantize %x exp(-6) bits(8) signed : tensor<1x1x131072xf32> -> tensor<1x1x131072xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) signed : tensor<1x1x131072xi8> -> tensor<1x1x131072xf32>
  %wq = tqt.quantize %w exp(-7) bits(8) signed : tensor<1x131072x1xf32> -> tensor<1x131072x1xi8>
  %wd = tqt.dequantize %wq exp(-7) bits(8) signed : tensor<1x131072x1xi8> -> tensor<1x131072x1xf32>
  // expected-warning @+2 {{beyond 2^24}}
  // expected-warning @+1 {{accumulator can reach 2147483648 (131072 products of 8-bit and 8-bit codes), beyond i32: the codes are widened to 16 bits and summed in i48 (no int8 kernel for this layer)}}
  %acc = tosa.matmul %xd, %wd, %zp, %zp : (tensor<1x1x131072xf32>, tensor<1x131072x1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1xf32>
  %aq = tqt.quantize %acc exp(-2) bits(16) signed : tensor<1x1x1xf32> -> tensor<1x1x1xi16>
  %ad = tqt.dequantize %aq exp(-2) bits(16) signed : tensor<1x1x1xi16> -> tensor<1x1x1xf32>
  return %ad : tensor<1x1x1xf32>
}

// -----

// 2^11 products reach 2^25: exact in i32, but the float simulation may round.
// CHECK-LABEL: func.func @beyond_f32
// CHECK: tosa.matmul {{.*}} -> tensor<1x1x1xi32>
func.func @beyond_f32(%x: tensor<1x1x2048xf32>) -> tensor<1x1x1xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<1x2048x1xf32>}> : () -> tensor<1x2048x1xf32>
  %xq = tqt.quantize %x exp(-6) bits(8) signed : tensor<1x1x2048xf32> -> tensor<1x1x2048xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) signed : tensor<1x1x2048xi8> -> tensor<1x1x2048xf32>
  %wq = tqt.quantize %w exp(-7) bits(8) signed : tensor<1x2048x1xf32> -> tensor<1x2048x1xi8>
  %wd = tqt.dequantize %wq exp(-7) bits(8) signed : tensor<1x2048x1xi8> -> tensor<1x2048x1xf32>
  // expected-warning @+1 {{accumulator can reach 33554432, beyond 2^24: the float simulation graph may round its sums where this integer program is exact}}
  %acc = tosa.matmul %xd, %wd, %zp, %zp : (tensor<1x1x2048xf32>, tensor<1x2048x1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1xf32>
  %aq = tqt.quantize %acc exp(-2) bits(16) signed : tensor<1x1x1xf32> -> tensor<1x1x1xi16>
  %ad = tqt.dequantize %aq exp(-2) bits(16) signed : tensor<1x1x1xi16> -> tensor<1x1x1xf32>
  return %ad : tensor<1x1x1xf32>
}

// -----

// Unsigned 8-bit codes (255 * 128 per product): 65,793 products fit i32 and
// are read through the zero-point view; 65,794 do not, and are zero-extended
// (cast and mask) to i16 for an i48 accumulator.
// CHECK-LABEL: func.func @unsigned_fits
// CHECK: %[[V:.*]] = tosa.bitwise_xor %{{.*}}, %{{.*}} : (tensor<1x1x65793xi8>, tensor<1x1x1xi8>)
// CHECK: %[[ZP:.*]] = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}>
// CHECK: tosa.matmul %[[V]], %{{.*}}, %[[ZP]], %{{.*}} : {{.*}} -> tensor<1x1x1xi32>
func.func @unsigned_fits(%x: tensor<1x1x65793xf32>) -> tensor<1x1x1xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<-1.0> : tensor<1x65793x1xf32>}> : () -> tensor<1x65793x1xf32>
  %xq = tqt.quantize %x exp(-6) bits(8) unsigned : tensor<1x1x65793xf32> -> tensor<1x1x65793xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) unsigned : tensor<1x1x65793xi8> -> tensor<1x1x65793xf32>
  %wq = tqt.quantize %w exp(-7) bits(8) signed : tensor<1x65793x1xf32> -> tensor<1x65793x1xi8>
  %wd = tqt.dequantize %wq exp(-7) bits(8) signed : tensor<1x65793x1xi8> -> tensor<1x65793x1xf32>
  // expected-warning @+1 {{beyond 2^24}}
  %acc = tosa.matmul %xd, %wd, %zp, %zp : (tensor<1x1x65793xf32>, tensor<1x65793x1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1xf32>
  %aq = tqt.quantize %acc exp(-2) bits(16) signed : tensor<1x1x1xf32> -> tensor<1x1x1xi16>
  %ad = tqt.dequantize %aq exp(-2) bits(16) signed : tensor<1x1x1xi16> -> tensor<1x1x1xf32>
  return %ad : tensor<1x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @unsigned_widened
// CHECK: %[[C:.*]] = tosa.cast %{{.*}} : (tensor<1x1x65794xi8>) -> tensor<1x1x65794xi16>
// CHECK: %[[M:.*]] = "tosa.const"() <{values = dense<255> : tensor<1x1x1xi16>}>
// CHECK: %[[U:.*]] = tosa.bitwise_and %[[C]], %[[M]]
// CHECK: tosa.matmul %[[U]], {{.*}} -> tensor<1x1x1xi48>
func.func @unsigned_widened(%x: tensor<1x1x65794xf32>) -> tensor<1x1x1xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<-1.0> : tensor<1x65794x1xf32>}> : () -> tensor<1x65794x1xf32>
  %xq = tqt.quantize %x exp(-6) bits(8) unsigned : tensor<1x1x65794xf32> -> tensor<1x1x65794xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) unsigned : tensor<1x1x65794xi8> -> tensor<1x1x65794xf32>
  %wq = tqt.quantize %w exp(-7) bits(8) signed : tensor<1x65794x1xf32> -> tensor<1x65794x1xi8>
  %wd = tqt.dequantize %wq exp(-7) bits(8) signed : tensor<1x65794x1xi8> -> tensor<1x65794x1xf32>
  // expected-warning @+2 {{beyond 2^24}}
  // expected-warning @+1 {{accumulator can reach 2147516160 (65794 products of 8-bit and 8-bit codes), beyond i32}}
  %acc = tosa.matmul %xd, %wd, %zp, %zp : (tensor<1x1x65794xf32>, tensor<1x65794x1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1xf32>
  %aq = tqt.quantize %acc exp(-2) bits(16) signed : tensor<1x1x1xf32> -> tensor<1x1x1xi16>
  %ad = tqt.dequantize %aq exp(-2) bits(16) signed : tensor<1x1x1xi16> -> tensor<1x1x1xf32>
  return %ad : tensor<1x1x1xf32>
}
