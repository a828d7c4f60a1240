// RUN: tqt-opt %s -split-input-file --tqt-fuse-integer | FileCheck %s --enable-var-scope

// A legalized conv layer with a split-off bias and a ReLU6: int8 input
// codes, int8 weight constants, an i32 conv, requantization of the
// accumulator to the 16-bit layer exponent (shift -2 - (-6 + -7) = 11), an
// integer bias add, and one requantization to uint8 (raw bytes in i8) with the
// ReLU6 as clamp_max(6 / 2^-5 = 192).
// CHECK-LABEL: func.func @layer
// CHECK-SAME: (%[[X:.*]]: tensor<?x4x4x1xf32>) -> tensor<?x4x4x2xf32>
// CHECK: %[[XQ:.*]] = tqt.quantize %[[X]] exp(-6) bits(8) signed : tensor<?x4x4x1xf32> -> tensor<?x4x4x1xi8>
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{\[\[\[\[}}64]]], {{\[\[\[}}-128]]]]> : tensor<2x1x1x1xi8>}>
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<[4, -8]> : tensor<2xi16>}>
// CHECK: %[[ACC:.*]] = tosa.conv2d %[[XQ]], %[[W]], %{{.*}}, %{{.*}}, %{{.*}} {acc_type = i32, {{.*}}} : (tensor<?x4x4x1xi8>, tensor<2x1x1x1xi8>, tensor<2xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x4x4x2xi32>
// CHECK: %[[L:.*]] = tqt.requantize %[[ACC]] shift(11) bits(16) signed : tensor<?x4x4x2xi32> -> tensor<?x4x4x2xi32>
// CHECK: %[[B4:.*]] = tosa.reshape %[[B]]
// CHECK: %[[B32:.*]] = tosa.cast %[[B4]] : (tensor<1x1x1x2xi16>) -> tensor<1x1x1x2xi32>
// CHECK: %[[Y:.*]] = tosa.add %[[L]], %[[B32]]
// CHECK: %[[R:.*]] = tqt.requantize %[[Y]] shift(-3) bits(8) unsigned clamp_max(192) : tensor<?x4x4x2xi32> -> tensor<?x4x4x2xi8>
// CHECK: %[[OUT:.*]] = tqt.dequantize %[[R]] exp(-5) bits(8) unsigned : tensor<?x4x4x2xi8> -> tensor<?x4x4x2xf32>
// CHECK: return %[[OUT]]
func.func @layer(%x: tensor<?x4x4x1xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<[[[[0.5]]], [[[-1.0]]]]> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<[1.0, -2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %zero = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %xq = tqt.quantize %x exp(-6) bits(8) signed : tensor<?x4x4x1xf32> -> tensor<?x4x4x1xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) signed : tensor<?x4x4x1xi8> -> tensor<?x4x4x1xf32>
  %wq = tqt.quantize %w exp(-7) bits(8) signed : tensor<2x1x1x1xf32> -> tensor<2x1x1x1xi8>
  %wd = tqt.dequantize %wq exp(-7) bits(8) signed : tensor<2x1x1x1xi8> -> tensor<2x1x1x1xf32>
  %bq = tqt.quantize %b exp(-2) bits(16) signed : tensor<2xf32> -> tensor<2xi16>
  %bd = tqt.dequantize %bq exp(-2) bits(16) signed : tensor<2xi16> -> tensor<2xf32>
  %acc = tosa.conv2d %xd, %wd, %zero, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  %aq = tqt.quantize %acc exp(-2) bits(16) signed : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi16>
  %ad = tqt.dequantize %aq exp(-2) bits(16) signed : tensor<?x4x4x2xi16> -> tensor<?x4x4x2xf32>
  %s = tosa.const_shape {values = dense<[1, 1, 1, 2]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %b4 = tosa.reshape %bd, %s : (tensor<2xf32>, !tosa.shape<4>) -> tensor<1x1x1x2xf32>
  %y = tosa.add %ad, %b4 : (tensor<?x4x4x2xf32>, tensor<1x1x1x2xf32>) -> tensor<?x4x4x2xf32>
  %r = tosa.clamp %y {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
  %rq = tqt.quantize %r exp(-5) bits(8) unsigned : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi8>
  %rd = tqt.dequantize %rq exp(-5) bits(8) unsigned : tensor<?x4x4x2xi8> -> tensor<?x4x4x2xf32>
  return %rd : tensor<?x4x4x2xf32>
}

// -----

// A shape op after the last quantizer (the flattening reshape of a pooled
// output, as SqueezeNet ends): the result is its codes, dequantized. Codes
// quantized into i16 at the boundary are moved to the i8 storage.
// CHECK-LABEL: func.func @reshaped_result
// CHECK-SAME:    (%[[X:.*]]: tensor<?x1x1x4xf32>) -> tensor<?x4xf32>
// CHECK: %[[Q:.*]] = tqt.quantize %[[X]] exp(-4) bits(8) unsigned : tensor<?x1x1x4xf32> -> tensor<?x1x1x4xi16>
// CHECK: %[[N:.*]] = tqt.requantize %[[Q]] shift(0) bits(8) unsigned : tensor<?x1x1x4xi16> -> tensor<?x1x1x4xi8>
// CHECK: %[[R:.*]] = tosa.reshape %[[N]], %{{.*}} : (tensor<?x1x1x4xi8>, !tosa.shape<2>) -> tensor<?x4xi8>
// CHECK: %[[D:.*]] = tqt.dequantize %[[R]] exp(-4) bits(8) unsigned : tensor<?x4xi8> -> tensor<?x4xf32>
// CHECK: return %[[D]]
func.func @reshaped_result(%x: tensor<?x1x1x4xf32>) -> tensor<?x4xf32> {
  %q = tqt.quantize %x exp(-4) bits(8) unsigned : tensor<?x1x1x4xf32> -> tensor<?x1x1x4xi16>
  %d = tqt.dequantize %q exp(-4) bits(8) unsigned : tensor<?x1x1x4xi16> -> tensor<?x1x1x4xf32>
  %s = tosa.const_shape {values = dense<[-1, 4]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.reshape %d, %s : (tensor<?x1x1x4xf32>, !tosa.shape<2>) -> tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}

// -----

// Shifts beyond 63 (a threshold far below or above its input's range) are
// the shift of 63: the same codes (everything nonzero saturates; everything
// rounds to 0 or, under floor, -1).
// CHECK-LABEL: func.func @far_thresholds
// CHECK: tqt.requantize %{{.*}} shift(-63) bits(8) signed
// CHECK: tqt.requantize %{{.*}} shift(63) bits(8) signed rounding<floor>
func.func @far_thresholds(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %q = tqt.quantize %x exp(-7) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %d = tqt.dequantize %q exp(-7) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  %m = tosa.maximum %d, %d : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %fine = tqt.quantize %m exp(-120) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %fined = tqt.dequantize %fine exp(-120) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  %coarse = tqt.quantize %m exp(100) bits(8) signed rounding<floor> : tensor<4xf32> -> tensor<4xi8>
  %coarsed = tqt.dequantize %coarse exp(100) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  return %fined, %coarsed : tensor<4xf32>, tensor<4xf32>
}

// -----

// Unsigned 8-bit codes are raw bytes in i8. A convolution reads them through
// the zero-point view (xor 0x80 = u - 128, zero point -128) with an i32
// accumulator; max pooling selects in the view and turns the result back;
// a residual add reads them zero-extended (cast, mask 0xff); an average pool
// sums the view with zero point -128 (padding reads the zero point: 0).
// CHECK-LABEL: func.func @unsigned_bytes
// CHECK-SAME:    (%[[X:.*]]: tensor<?x4x4x2xf32>)
// CHECK: %[[U:.*]] = tqt.quantize %[[X]] exp(-4) bits(8) unsigned : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi8>
// CHECK: %[[M:.*]] = "tosa.const"() <{values = dense<-128> : tensor<1x1x1x1xi8>}>
// CHECK: %[[V:.*]] = tosa.bitwise_xor %[[U]], %[[M]] : (tensor<?x4x4x2xi8>, tensor<1x1x1x1xi8>) -> tensor<?x4x4x2xi8>
// CHECK: %[[ZP:.*]] = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}>
// CHECK: %[[ACC:.*]] = tosa.conv2d %[[V]], %{{.*}}, %{{.*}}, %[[ZP]], %{{.*}} {acc_type = i32, {{.*}}} : {{.*}} -> tensor<?x4x4x2xi32>
// CHECK: %[[R:.*]] = tqt.requantize %[[ACC]] shift(7) bits(8) unsigned : tensor<?x4x4x2xi32> -> tensor<?x4x4x2xi8>
// CHECK: %[[RW:.*]] = tosa.cast %[[R]] : (tensor<?x4x4x2xi8>) -> tensor<?x4x4x2xi32>
// CHECK: %[[FF:.*]] = "tosa.const"() <{values = dense<255> : tensor<1x1x1x1xi32>}>
// CHECK: %[[RZ:.*]] = tosa.bitwise_and %[[RW]], %[[FF]]
// CHECK: %[[UW:.*]] = tosa.cast %[[U]] : (tensor<?x4x4x2xi8>) -> tensor<?x4x4x2xi32>
// CHECK: %[[UZ:.*]] = tosa.bitwise_and %[[UW]],
// CHECK: %[[SUM:.*]] = tosa.add %[[RZ]], %[[UZ]]
// CHECK: %[[S16:.*]] = tosa.cast %[[SUM]] : (tensor<?x4x4x2xi32>) -> tensor<?x4x4x2xi16>
// CHECK: %[[A:.*]] = tqt.requantize %[[S16]] shift(1) bits(8) unsigned : tensor<?x4x4x2xi16> -> tensor<?x4x4x2xi8>
// CHECK: %[[AV:.*]] = tosa.bitwise_xor %[[A]],
// CHECK: %[[P:.*]] = tosa.max_pool2d %[[AV]] {{.*}} -> tensor<?x2x2x2xi8>
// CHECK: %[[PU:.*]] = tosa.bitwise_xor %[[P]],
// CHECK: %[[PV:.*]] = tosa.bitwise_xor %[[PU]],
// CHECK: %[[AZP:.*]] = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}>
// CHECK: tosa.depthwise_conv2d %[[PV]], %{{.*}}, %{{.*}}, %[[AZP]], %{{.*}} {acc_type = i32, {{.*}}} : {{.*}} -> tensor<?x1x1x2xi32>
func.func @unsigned_bytes(%x: tensor<?x4x4x2xf32>) -> tensor<?x1x1x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %zero = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<2x3x3x2xf32>}> : () -> tensor<2x3x3x2xf32>
  %u = tqt.quantize %x exp(-4) bits(8) unsigned : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi8>
  %ud = tqt.dequantize %u exp(-4) bits(8) unsigned : tensor<?x4x4x2xi8> -> tensor<?x4x4x2xf32>
  %wq = tqt.quantize %w exp(-7) bits(8) signed : tensor<2x3x3x2xf32> -> tensor<2x3x3x2xi8>
  %wd = tqt.dequantize %wq exp(-7) bits(8) signed : tensor<2x3x3x2xi8> -> tensor<2x3x3x2xf32>
  %c = tosa.conv2d %ud, %wd, %zero, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<?x4x4x2xf32>, tensor<2x3x3x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  %r = tosa.clamp %c {max_val = 3.4e38 : f32, min_val = 0.0 : f32} : (tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
  %rq = tqt.quantize %r exp(-4) bits(8) unsigned : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi8>
  %rd = tqt.dequantize %rq exp(-4) bits(8) unsigned : tensor<?x4x4x2xi8> -> tensor<?x4x4x2xf32>
  %s = tosa.add %rd, %ud : (tensor<?x4x4x2xf32>, tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
  %sq = tqt.quantize %s exp(-3) bits(8) unsigned : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi8>
  %sd = tqt.dequantize %sq exp(-3) bits(8) unsigned : tensor<?x4x4x2xi8> -> tensor<?x4x4x2xf32>
  %p = tosa.max_pool2d %sd {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<?x4x4x2xf32>) -> tensor<?x2x2x2xf32>
  %rc = "tosa.const"() <{values = dense<0.25> : tensor<2x2x2x1xf32>}> : () -> tensor<2x2x2x1xf32>
  %rcq = tqt.quantize %rc exp(-8) bits(8) unsigned : tensor<2x2x2x1xf32> -> tensor<2x2x2x1xi8>
  %rcd = tqt.dequantize %rcq exp(-8) bits(8) unsigned : tensor<2x2x2x1xi8> -> tensor<2x2x2x1xf32>
  %a = tosa.depthwise_conv2d %p, %rcd, %zero, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>, tqt.avgpool} : (tensor<?x2x2x2xf32>, tensor<2x2x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x1x1x2xf32>
  %aq = tqt.quantize %a exp(-3) bits(8) unsigned : tensor<?x1x1x2xf32> -> tensor<?x1x1x2xi8>
  %ad = tqt.dequantize %aq exp(-3) bits(8) unsigned : tensor<?x1x1x2xi8> -> tensor<?x1x1x2xf32>
  return %ad : tensor<?x1x1x2xf32>
}

// -----

// Per-channel weight exponents [-7, -5] (axis 0 of OHWI): the accumulator of
// output channel c is at -6 + e_c, so its requantization to the 16-bit layer
// exponent -2 shifts each channel by its own amount, [11, 9]; after it the
// layer is per tensor again.
// CHECK-LABEL: func.func @per_channel_layer
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{\[\[\[\[}}64]]], {{\[\[\[}}-32]]]]> : tensor<2x1x1x1xi8>}>
// CHECK: %[[ACC:.*]] = tosa.conv2d %{{.*}}, %[[W]], {{.*}} -> tensor<?x4x4x2xi32>
// CHECK: %[[L:.*]] = tqt.requantize %[[ACC]] shifts[11, 9] axis(3) bits(16) signed : tensor<?x4x4x2xi32> -> tensor<?x4x4x2xi32>
// CHECK: %[[Y:.*]] = tosa.add %[[L]], %{{.*}}
// CHECK: tqt.requantize %[[Y]] shift(-3) bits(8) unsigned clamp_max(192)
func.func @per_channel_layer(%x: tensor<?x4x4x1xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<[[[[0.5]]], [[[-1.0]]]]> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<[1.0, -2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %zero = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %xq = tqt.quantize %x exp(-6) bits(8) signed : tensor<?x4x4x1xf32> -> tensor<?x4x4x1xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) signed : tensor<?x4x4x1xi8> -> tensor<?x4x4x1xf32>
  %wq = tqt.quantize %w exps[-7, -5] axis(0) bits(8) signed : tensor<2x1x1x1xf32> -> tensor<2x1x1x1xi8>
  %wd = tqt.dequantize %wq exps[-7, -5] axis(0) bits(8) signed : tensor<2x1x1x1xi8> -> tensor<2x1x1x1xf32>
  %bq = tqt.quantize %b exp(-2) bits(16) signed : tensor<2xf32> -> tensor<2xi16>
  %bd = tqt.dequantize %bq exp(-2) bits(16) signed : tensor<2xi16> -> tensor<2xf32>
  %acc = tosa.conv2d %xd, %wd, %zero, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  %aq = tqt.quantize %acc exp(-2) bits(16) signed : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi16>
  %ad = tqt.dequantize %aq exp(-2) bits(16) signed : tensor<?x4x4x2xi16> -> tensor<?x4x4x2xf32>
  %s = tosa.const_shape {values = dense<[1, 1, 1, 2]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %b4 = tosa.reshape %bd, %s : (tensor<2xf32>, !tosa.shape<4>) -> tensor<1x1x1x2xf32>
  %y = tosa.add %ad, %b4 : (tensor<?x4x4x2xf32>, tensor<1x1x1x2xf32>) -> tensor<?x4x4x2xf32>
  %r = tosa.clamp %y {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
  %rq = tqt.quantize %r exp(-5) bits(8) unsigned : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi8>
  %rd = tqt.dequantize %rq exp(-5) bits(8) unsigned : tensor<?x4x4x2xi8> -> tensor<?x4x4x2xf32>
  return %rd : tensor<?x4x4x2xf32>
}

// -----

// Zero padding of codes: the same pad with code 0 in the codes' storage
// (raw unsigned bytes too: byte 0 is the value 0).
// CHECK-LABEL: func.func @zero_pad
// CHECK: %[[Q:.*]] = tqt.quantize %{{.*}} exp(-4) bits(8) unsigned : tensor<?x2x2x1xf32> -> tensor<?x2x2x1xi8>
// CHECK: %[[Z:.*]] = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
// CHECK: %[[P:.*]] = tosa.pad %[[Q]], %{{.*}}, %[[Z]] : (tensor<?x2x2x1xi8>, !tosa.shape<8>, tensor<1xi8>) -> tensor<?x4x4x1xi8>
// CHECK: tqt.dequantize %[[P]] exp(-4) bits(8) unsigned : tensor<?x4x4x1xi8> -> tensor<?x4x4x1xf32>
func.func @zero_pad(%x: tensor<?x2x2x1xf32>) -> tensor<?x4x4x1xf32> {
  %q = tqt.quantize %x exp(-4) bits(8) unsigned : tensor<?x2x2x1xf32> -> tensor<?x2x2x1xi8>
  %d = tqt.dequantize %q exp(-4) bits(8) unsigned : tensor<?x2x2x1xi8> -> tensor<?x2x2x1xf32>
  %s = tosa.const_shape {values = dense<[0, 0, 1, 1, 1, 1, 0, 0]> : tensor<8xindex>} : () -> !tosa.shape<8>
  %c = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %p = tosa.pad %d, %s, %c : (tensor<?x2x2x1xf32>, !tosa.shape<8>, tensor<1xf32>) -> tensor<?x4x4x1xf32>
  return %p : tensor<?x4x4x1xf32>
}

// -----

// A hard sigmoid between an int8 input (exp -5) and a uint8 output (exp -8)
// is a table of the 256 codes (entry i for the stored byte i - 128): codes up
// to -96 (x <= -3) give 0, -95 gives round(256 (1/32) / 6) = 1, -94 gives 3,
// code 0 gives 128 (0x80), 94 gives 253, codes from 95 saturate at 255 (raw
// byte 0xFF). Its product with the features is an i32 multiply (the unsigned
// gate zero-extended) at exponent -13, requantized to -5 (shift 8).
// CHECK-LABEL: func.func @table_and_product
// CHECK: %[[XQ:.*]] = tqt.quantize %{{.*}} exp(-5) bits(8) signed
// CHECK: %[[T:.*]] = "tosa.const"() <{values = dense<"0x{{(00){33}0103[0-9A-F]{186}80[0-9A-F]{186}FD(FF){33}"}}> : tensor<256xi8>}>
// CHECK: %[[H:.*]] = tosa.table %[[XQ]], %[[T]] : (tensor<?x4x4x2xi8>, tensor<256xi8>) -> tensor<?x4x4x2xi8>
// CHECK: %[[X32:.*]] = tosa.cast %[[XQ]] : (tensor<?x4x4x2xi8>) -> tensor<?x4x4x2xi32>
// CHECK: %[[H32:.*]] = tosa.cast %[[H]]
// CHECK: %[[HU:.*]] = tosa.bitwise_and %[[H32]]
// CHECK: %[[M:.*]] = tosa.mul %[[X32]], %[[HU]]
// CHECK: %[[R:.*]] = tqt.requantize %[[M]] shift(8) bits(8) signed
// CHECK: tqt.dequantize %[[R]] exp(-5) bits(8) signed
func.func @table_and_product(%x: tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32> {
  %xq = tqt.quantize %x exp(-5) bits(8) signed : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi8>
  %xd = tqt.dequantize %xq exp(-5) bits(8) signed : tensor<?x4x4x2xi8> -> tensor<?x4x4x2xf32>
  %h = tqt.activation hardsigmoid %xd : tensor<?x4x4x2xf32>
  %hq = tqt.quantize %h exp(-8) bits(8) unsigned : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi8>
  %hd = tqt.dequantize %hq exp(-8) bits(8) unsigned : tensor<?x4x4x2xi8> -> tensor<?x4x4x2xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.mul %xd, %hd, %shift : (tensor<?x4x4x2xf32>, tensor<?x4x4x2xf32>, tensor<1xi8>) -> tensor<?x4x4x2xf32>
  %mq = tqt.quantize %m exp(-5) bits(8) signed : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi8>
  %md = tqt.dequantize %mq exp(-5) bits(8) signed : tensor<?x4x4x2xi8> -> tensor<?x4x4x2xf32>
  return %md : tensor<?x4x4x2xf32>
}
