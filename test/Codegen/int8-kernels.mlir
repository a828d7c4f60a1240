// RUN: tqt-opt %s --split-input-file --tqt-int8-kernels=isa=avx512-vnni | FileCheck %s --enable-var-scope
// RUN: tqt-opt %s --split-input-file --tqt-int8-kernels=isa=avx2 | FileCheck %s --enable-var-scope --check-prefix=AVX2
// RUN: tqt-opt %s --split-input-file --tqt-int8-kernels=isa=avx-vnni | FileCheck %s --enable-var-scope --check-prefix=AVXVNNI
// RUN: tqt-opt %s --split-input-file --tqt-int8-kernels=isa=none | FileCheck %s --enable-var-scope --check-prefix=NONE

// A 3x3 convolution of signed 8-bit codes (K = 27, N = 2): packed weights
// [1][7][64][4] bytes, initial accumulators bias - 128 * sum(w) = 5 - 128 * 27
// (VNNI reads the codes + 128 as unsigned), the chain of two requantizations
// and a bias add in the epilogue, u8 codes stored as raw bytes in i8.

// CHECK-LABEL: memref.global "private" constant @__tqt_avx512_vnni_gemm_weights : memref<1792xi8> = dense<
// CHECK-SAME:    {alignment = 64 : i64}
// CHECK:       memref.global "private" constant @__tqt_avx512_vnni_gemm_init : memref<64xi32> = dense<[-3451, -3451, 0,
// CHECK:       memref.global "private" constant @__tqt_avx512_vnni_gemm_channel0 : memref<64xi32> = dense<[7, -7, 0,
// CHECK-LABEL: func.func private @__tqt_avx512_vnni_gemm(
// CHECK-SAME:      %[[SRC:[^:]*]]: memref<?x5x6x3xi8>, %[[W:[^:]*]]: memref<1792xi8>, %[[INIT:[^:]*]]: memref<64xi32>,
// CHECK-SAME:      %[[CH0:[^:]*]]: memref<64xi32>, %[[OUT:[^:]*]]: memref<?x3x3x2xi8>)
// CHECK-NOT:     memref.get_global
// CHECK-NOT:     bufferization
// CHECK:         %[[AP:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x28xi8>
// CHECK:         vector.maskedload %[[SRC]]
// CHECK:         arith.xori
// CHECK:         vector.maskedstore %[[AP]]
// CHECK:         vector.load %[[INIT]]
// CHECK:         vector.load %[[CH0]]
// CHECK:         scf.for
// CHECK:         vector.load %[[W]]
// CHECK-COUNT-24: tqt.dot_step %{{.*}} : vector<16xi32>, vector<64xi8>
// CHECK:         arith.shrsi
// CHECK:         vector.maskedstore
// The rows left over, one at a time, their N tiles in parallel.
// CHECK:         scf.parallel
// CHECK:           scf.for
// CHECK:             scf.for
// CHECK-COUNT-4:       tqt.dot_step
// CHECK:         return
// The caller allocates the result (batch x 3 x 3 x 2, the activations'
// batch).
// CHECK-LABEL: func.func @conv_signed(
// CHECK-SAME:      %[[IN:.*]]: tensor<?x5x6x3xi8>)
// CHECK-NEXT:    %[[INM:.*]] = bufferization.to_buffer %[[IN]] read_only : tensor<?x5x6x3xi8> to memref<?x5x6x3xi8>
// CHECK-NEXT:    %[[GW:.*]] = memref.get_global @__tqt_avx512_vnni_gemm_weights : memref<1792xi8>
// CHECK-NEXT:    %[[GI:.*]] = memref.get_global @__tqt_avx512_vnni_gemm_init : memref<64xi32>
// CHECK-NEXT:    %[[GC:.*]] = memref.get_global @__tqt_avx512_vnni_gemm_channel0 : memref<64xi32>
// CHECK:         %[[N:.*]] = tensor.dim %[[IN]], %c0
// CHECK-NEXT:    %[[Y:.*]] = memref.alloc(%[[N]]) {alignment = 64 : i64} : memref<?x3x3x2xi8>
// CHECK-NEXT:    call @__tqt_avx512_vnni_gemm(%[[INM]], %[[GW]], %[[GI]], %[[GC]], %[[Y]]) : (memref<?x5x6x3xi8>, memref<1792xi8>, memref<64xi32>, memref<64xi32>, memref<?x3x3x2xi8>) -> ()
// CHECK-NEXT:    %[[T:.*]] = bufferization.to_tensor %[[Y]] restrict writable
// CHECK-NEXT:    return %[[T]]

// AVX2-LABEL: func.func private @__tqt_avx2_gemm(
// AVX2:         memref<?x28xi16>
// AVX2:         arith.extsi %{{.*}} : vector<16xi8> to vector<16xi16>
// AVX2-NOT:     arith.xori
// AVX2:         tqt.dot_step %{{.*}} : vector<8xi32>, vector<16xi16>
// AVX2-LABEL: func.func @conv_signed(
// AVX2:         call @__tqt_avx2_gemm

// AVXVNNI-LABEL: memref.global "private" constant @__tqt_avx_vnni_gemm_weights : memref<448xi8>
// AVXVNNI-LABEL: func.func private @__tqt_avx_vnni_gemm(
// AVXVNNI:         arith.xori
// AVXVNNI-COUNT-12: tqt.dot_step %{{.*}} : vector<8xi32>, vector<32xi8>

// NONE-LABEL: func.func @conv_signed(
// NONE:         tosa.conv2d
// NONE-NOT:     call
func.func @conv_signed(%x: tensor<?x5x6x3xi8>) -> tensor<?x3x3x2xi8> {
  %w = "tosa.const"() <{values = dense<1> : tensor<2x3x3x3xi8>}> : () -> tensor<2x3x3x3xi8>
  %b = "tosa.const"() <{values = dense<5> : tensor<2xi32>}> : () -> tensor<2xi32>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 2>, pad = array<i64: 1, 1, 0, 1>, stride = array<i64: 2, 1>} : (tensor<?x5x6x3xi8>, tensor<2x3x3x3xi8>, tensor<2xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x3x3x2xi32>
  %r = tqt.requantize %acc shift(2) bits(16) signed : tensor<?x3x3x2xi32> -> tensor<?x3x3x2xi32>
  %c = "tosa.const"() <{values = dense<[[[[7, -7]]]]> : tensor<1x1x1x2xi32>}> : () -> tensor<1x1x1x2xi32>
  %s = tosa.add %r, %c : (tensor<?x3x3x2xi32>, tensor<1x1x1x2xi32>) -> tensor<?x3x3x2xi32>
  %y = tqt.requantize %s shift(3) bits(8) unsigned clamp_max(192) rounding<half_up> : tensor<?x3x3x2xi32> -> tensor<?x3x3x2xi8>
  return %y : tensor<?x3x3x2xi8>
}

// -----

// A fully connected layer on unsigned 8-bit codes held in i16 (hand-written
// IR; --tqt-fuse-integer stores them in i8): no +128 offset, the codes are
// narrowed to bytes while packing; the reshape inside the chain keeps the
// channel dimension.

// CHECK-LABEL: memref.global "private" constant @__tqt_avx512_vnni_gemm_init : memref<64xi32> = dense<0>
// CHECK-LABEL: func.func private @__tqt_avx512_vnni_gemm(
// CHECK-SAME:      memref<1x?x8xi16>, %{{.*}}: memref<?x3xi8>)
// CHECK:         arith.trunci %{{.*}} : vector<16xi16> to vector<16xi8>
// CHECK-NOT:     arith.xori
// CHECK:         tqt.dot_step
// CHECK-LABEL: func.func @fc_unsigned(
// CHECK:         %[[A:.*]] = tqt.requantize
// CHECK-NEXT:    %[[AM:.*]] = bufferization.to_buffer %[[A]] read_only
// CHECK:         %[[M:.*]] = tensor.dim %[[A]], %c1
// CHECK-NEXT:    %[[Y:.*]] = memref.alloc(%[[M]]) {alignment = 64 : i64} : memref<?x3xi8>
// CHECK-NEXT:    call @__tqt_avx512_vnni_gemm(%[[AM]], %{{.*}}, %{{.*}}, %{{.*}}, %[[Y]]) : (memref<1x?x8xi16>, memref<512xi8>, memref<64xi32>, memref<64xi32>, memref<?x3xi8>) -> ()
// CHECK-NEXT:    %[[T:.*]] = bufferization.to_tensor %[[Y]] restrict writable : memref<?x3xi8> to tensor<?x3xi8>
// CHECK-NEXT:    return %[[T]]
func.func @fc_unsigned(%x: tensor<1x?x8xi32>) -> tensor<?x3xi8> {
  %a = tqt.requantize %x shift(1) bits(8) unsigned : tensor<1x?x8xi32> -> tensor<1x?x8xi16>
  %w = "tosa.const"() <{values = dense<-3> : tensor<1x8x3xi8>}> : () -> tensor<1x8x3xi8>
  %zp8 = "tosa.const"() <{values = dense<0> : tensor<1xi16>}> : () -> tensor<1xi16>
  %zpw = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.matmul %a, %w, %zp8, %zpw : (tensor<1x?x8xi16>, tensor<1x8x3xi8>, tensor<1xi16>, tensor<1xi8>) -> tensor<1x?x3xi48>
  %r = tqt.requantize %acc shift(4) bits(16) signed : tensor<1x?x3xi48> -> tensor<1x?x3xi32>
  %shape = tosa.const_shape {values = dense<[-1, 3]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %f = tosa.reshape %r, %shape : (tensor<1x?x3xi32>, !tosa.shape<2>) -> tensor<?x3xi32>
  %bias16 = "tosa.const"() <{values = dense<[[1, 2, 3]]> : tensor<1x3xi16>}> : () -> tensor<1x3xi16>
  %bias = tosa.cast %bias16 : (tensor<1x3xi16>) -> tensor<1x3xi32>
  %s = tosa.add %f, %bias : (tensor<?x3xi32>, tensor<1x3xi32>) -> tensor<?x3xi32>
  %y = tqt.requantize %s shift(2) bits(8) signed narrow : tensor<?x3xi32> -> tensor<?x3xi8>
  return %y : tensor<?x3xi8>
}

// -----

// A depthwise convolution (multiplier 1, 20 channels: one whole and one
// masked register of 16 lanes; 8 with AVX2): weights widened to i32 per tap,
// activations copied into a zero-padded i16 buffer, 4 output pixels per
// register tile, then one at a time.

// CHECK-LABEL: memref.global "private" constant @__tqt_avx512_vnni_depthwise_weights : memref<288xi32>
// CHECK:       memref.global "private" constant @__tqt_avx512_vnni_depthwise_bias : memref<32xi32> = dense<[3, 3,
// CHECK-LABEL: func.func private @__tqt_avx512_vnni_depthwise(
// CHECK-SAME:      memref<?x6x7x20xi8>, %{{.*}}: memref<?x6x7x20xi16>)
// CHECK:         memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x8x9x32xi16>
// CHECK:         arith.extsi %{{.*}} : vector<16xi8> to vector<16xi16>
// CHECK:         scf.for
// CHECK-COUNT-36: arith.muli %{{.*}} : vector<16xi32>
// CHECK:         vector.maskedstore
// CHECK-LABEL: func.func @depthwise(
// CHECK:         call @__tqt_avx512_vnni_depthwise(

// AVX2-LABEL: func.func private @__tqt_avx2_depthwise(
// AVX2:         arith.muli %{{.*}} : vector<8xi32>
func.func @depthwise(%x: tensor<?x6x7x20xi8>) -> tensor<?x6x7x20xi16> {
  %w = "tosa.const"() <{values = dense<-2> : tensor<3x3x20x1xi8>}> : () -> tensor<3x3x20x1xi8>
  %b = "tosa.const"() <{values = dense<3> : tensor<20xi32>}> : () -> tensor<20xi32>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<?x6x7x20xi8>, tensor<3x3x20x1xi8>, tensor<20xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x6x7x20xi32>
  %y = tqt.requantize %acc shift(2) bits(8) unsigned clamp_max(96) : tensor<?x6x7x20xi32> -> tensor<?x6x7x20xi16>
  return %y : tensor<?x6x7x20xi16>
}

// -----

// The fused program's form of unsigned 8-bit codes: raw bytes in i8, read by
// TOSA through the zero-point view (xor 0x80, zero point -128). The kernel
// reads the raw bytes themselves (no +128 offset, no compensation: the
// initial accumulators are the bias) and the view is dropped.

// CHECK-LABEL: memref.global "private" constant @__tqt_avx512_vnni_gemm_init : memref<64xi32> = dense<[5, 5, 0,
// CHECK-LABEL: func.func private @__tqt_avx512_vnni_gemm(
// CHECK-SAME:      memref<?x4x4x8xi8>, %{{.*}}: memref<?x4x4x2xi8>)
// CHECK-NOT:     arith.xori
// CHECK:         tqt.dot_step
// CHECK-LABEL: func.func @conv_unsigned_view(
// CHECK:         %[[A:.*]] = tqt.requantize
// CHECK-NEXT:    %[[AM:.*]] = bufferization.to_buffer %[[A]] read_only
// CHECK:         %[[Y:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x4x4x2xi8>
// CHECK-NEXT:    call @__tqt_avx512_vnni_gemm(%[[AM]], %{{.*}}, %{{.*}}, %[[Y]]) : (memref<?x4x4x8xi8>, memref<4608xi8>, memref<64xi32>, memref<?x4x4x2xi8>) -> ()
// CHECK-NEXT:    %[[T:.*]] = bufferization.to_tensor %[[Y]] restrict writable
// CHECK-NEXT:    return %[[T]]

// AVX2-LABEL: func.func private @__tqt_avx2_gemm(
// AVX2:         arith.extui %{{.*}} : vector<16xi8> to vector<16xi16>
// AVX2-NOT:     arith.xori
// AVX2:         tqt.dot_step %{{.*}} : vector<8xi32>, vector<16xi16>

// NONE-LABEL: func.func @conv_unsigned_view(
// NONE:         tosa.bitwise_xor
// NONE:         tosa.conv2d
func.func @conv_unsigned_view(%x: tensor<?x4x4x8xi32>) -> tensor<?x4x4x2xi8> {
  %a = tqt.requantize %x shift(1) bits(8) unsigned : tensor<?x4x4x8xi32> -> tensor<?x4x4x8xi8>
  %m = "tosa.const"() <{values = dense<-128> : tensor<1x1x1x1xi8>}> : () -> tensor<1x1x1x1xi8>
  %v = tosa.bitwise_xor %a, %m : (tensor<?x4x4x8xi8>, tensor<1x1x1x1xi8>) -> tensor<?x4x4x8xi8>
  %w = "tosa.const"() <{values = dense<3> : tensor<2x3x3x8xi8>}> : () -> tensor<2x3x3x8xi8>
  %b = "tosa.const"() <{values = dense<5> : tensor<2xi32>}> : () -> tensor<2xi32>
  %zpx = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}> : () -> tensor<1xi8>
  %zpw = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.conv2d %v, %w, %b, %zpx, %zpw {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<?x4x4x8xi8>, tensor<2x3x3x8xi8>, tensor<2xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x4x4x2xi32>
  %y = tqt.requantize %acc shift(5) bits(8) unsigned : tensor<?x4x4x2xi32> -> tensor<?x4x4x2xi8>
  return %y : tensor<?x4x4x2xi8>
}

// -----

// A depthwise convolution on the view of unsigned codes: the kernel copies the
// raw bytes zero-extended into its i16 buffer.

// CHECK-LABEL: func.func private @__tqt_avx512_vnni_depthwise(
// CHECK-SAME:      memref<?x5x5x16xi8>, %{{.*}}: memref<?x5x5x16xi8>)
// CHECK:         arith.extui %{{.*}} : vector<16xi8> to vector<16xi16>
// CHECK-LABEL: func.func @depthwise_unsigned_view(
// CHECK:         call @__tqt_avx512_vnni_depthwise(
// CHECK-NOT:     tosa.bitwise_xor
func.func @depthwise_unsigned_view(%x: tensor<?x5x5x16xi32>) -> tensor<?x5x5x16xi8> {
  %a = tqt.requantize %x shift(1) bits(8) unsigned : tensor<?x5x5x16xi32> -> tensor<?x5x5x16xi8>
  %m = "tosa.const"() <{values = dense<-128> : tensor<1x1x1x1xi8>}> : () -> tensor<1x1x1x1xi8>
  %v = tosa.bitwise_xor %a, %m : (tensor<?x5x5x16xi8>, tensor<1x1x1x1xi8>) -> tensor<?x5x5x16xi8>
  %w = "tosa.const"() <{values = dense<-2> : tensor<3x3x16x1xi8>}> : () -> tensor<3x3x16x1xi8>
  %b = "tosa.const"() <{values = dense<0> : tensor<16xi32>}> : () -> tensor<16xi32>
  %zpx = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}> : () -> tensor<1xi8>
  %zpw = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.depthwise_conv2d %v, %w, %b, %zpx, %zpw {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<?x5x5x16xi8>, tensor<3x3x16x1xi8>, tensor<16xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x5x5x16xi32>
  %y = tqt.requantize %acc shift(3) bits(8) signed : tensor<?x5x5x16xi32> -> tensor<?x5x5x16xi8>
  return %y : tensor<?x5x5x16xi8>
}

// -----

// A depthwise convolution with channel multiplier 3 (5 input channels, 15
// output channels c * 3 + m): the copy widens each code once and stores it in
// its 3 output lanes (scalars), zeroing the lanes beyond 15; the weights are
// [tap][c * 3 + m] as the kernel reads them.

// CHECK-LABEL: memref.global "private" constant @__tqt_avx512_vnni_depthwise_weights : memref<64xi32> = dense<[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0,
// CHECK-LABEL: func.func private @__tqt_avx512_vnni_depthwise(
// CHECK-SAME:      memref<?x4x4x5xi8>, %{{.*}}: memref<?x4x4x15xi8>)
// CHECK:         memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x5x5x16xi16>
// CHECK:         scf.for %[[Z:.*]] = %c15 to %{{.*}} step
// CHECK:           memref.store %{{.*}}, %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %[[Z]]] : memref<?x5x5x16xi16>
// CHECK:         scf.for %[[C:.*]] = %{{.*}} to %c5_{{.*}} step
// CHECK:           %[[V:.*]] = memref.load %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %[[C]]]
// CHECK:           %[[W:.*]] = arith.extsi %[[V]] : i8 to i16
// CHECK-COUNT-3:   memref.store %[[W]]
// CHECK-LABEL: func.func @depthwise_multiplier(
// CHECK:         call @__tqt_avx512_vnni_depthwise(
func.func @depthwise_multiplier(%x: tensor<?x4x4x5xi8>) -> tensor<?x4x4x15xi8> {
  %w = "tosa.const"() <{values = dense<[[[[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12], [13, 14, 15]], [[-1, -2, -3], [-4, -5, -6], [-7, -8, -9], [-10, -11, -12], [-13, -14, -15]]], [[[2, 2, 2], [2, 2, 2], [2, 2, 2], [2, 2, 2], [2, 2, 2]], [[3, 3, 3], [3, 3, 3], [3, 3, 3], [3, 3, 3], [3, 3, 3]]]]> : tensor<2x2x5x3xi8>}> : () -> tensor<2x2x5x3xi8>
  %b = "tosa.const"() <{values = dense<1> : tensor<15xi32>}> : () -> tensor<15xi32>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x5xi8>, tensor<2x2x5x3xi8>, tensor<15xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x4x4x15xi32>
  %y = tqt.requantize %acc shift(2) bits(8) signed : tensor<?x4x4x15xi32> -> tensor<?x4x4x15xi8>
  return %y : tensor<?x4x4x15xi8>
}

// -----

// 17 output channels: the second register of a tile has one active lane,
// which is stored as a scalar (LLVM 22.1 widens a single-lane truncating
// masked store to 4 bytes, past the row: llvm/llvm-project#179489).
// CHECK-LABEL: func.func private @__tqt_avx512_vnni_gemm(
// CHECK-SAME:      %{{.*}}: memref<1x?x17xi8>)
// CHECK:         %[[ONE:.*]] = arith.cmpi eq, %{{.*}}, %c1
// CHECK-NEXT:    scf.if %[[ONE]] {
// CHECK-NEXT:      %[[LANE:.*]] = vector.extract %{{.*}}[0] : i8 from vector<16xi8>
// CHECK-NEXT:      memref.store %[[LANE]], %{{.*}}[%{{.*}}, %{{.*}}] : memref<?x17xi8>
// CHECK-NEXT:    } else {
// CHECK-NEXT:      vector.maskedstore %{{.*}}[%{{.*}}, %{{.*}}], %{{.*}}, %{{.*}} : memref<?x17xi8>, vector<16xi1>, vector<16xi8>
func.func @fc_17(%x: tensor<1x?x8xi8>) -> tensor<?x17xi8> {
  %w = "tosa.const"() <{values = dense<5> : tensor<1x8x17xi8>}> : () -> tensor<1x8x17xi8>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.matmul %x, %w, %zp, %zp : (tensor<1x?x8xi8>, tensor<1x8x17xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x?x17xi32>
  %shape = tosa.const_shape {values = dense<[-1, 17]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tqt.requantize %acc shift(4) bits(8) signed : tensor<1x?x17xi32> -> tensor<1x?x17xi8>
  %y = tosa.reshape %r, %shape : (tensor<1x?x17xi8>, !tosa.shape<2>) -> tensor<?x17xi8>
  return %y : tensor<?x17xi8>
}

// -----

// Per-channel shifts (a layer with per-channel weight exponents): the shifts
// are one more per-channel global; each lane computes the requantization by
// every distinct shift (here 2 and 5) and selects its channel's.
// CHECK:       memref.global "private" constant @__tqt_avx512_vnni_gemm_channel0 : memref<64xi32> = dense<[5, 2, 5, 0,
// CHECK:       memref.global "private" constant @__tqt_avx512_vnni_gemm_channel1 : memref<64xi32> = dense<[7, -7, 1, 0,
// CHECK-LABEL: func.func private @__tqt_avx512_vnni_gemm(
// CHECK-SAME:      %[[G:[^:]*]]: memref<64xi32>, %{{[^:]*}}: memref<64xi32>, %{{[^:]*}}: memref<?x3x3x3xi8>)
// CHECK:         %[[SH:.*]] = vector.load %[[G]][%{{.*}}] : memref<64xi32>, vector<16xi32>
// CHECK:         %[[TWO:.*]] = arith.constant dense<2> : vector<16xi32>
// CHECK:         %[[IS2:.*]] = arith.cmpi eq, %[[SH]], %[[TWO]] : vector<16xi32>
// CHECK:         arith.select %[[IS2]], %{{.*}}, %{{.*}} : vector<16xi1>, vector<16xi32>
// CHECK-LABEL: func.func @per_channel_shifts(
// CHECK:         call @__tqt_avx512_vnni_gemm
// NONE-LABEL: func.func @per_channel_shifts(
// NONE:         tqt.requantize %{{.*}} shifts[5, 2, 5] axis(3)
func.func @per_channel_shifts(%x: tensor<?x5x6x3xi8>) -> tensor<?x3x3x3xi8> {
  %w = "tosa.const"() <{values = dense<1> : tensor<3x3x3x3xi8>}> : () -> tensor<3x3x3x3xi8>
  %b = "tosa.const"() <{values = dense<5> : tensor<3xi32>}> : () -> tensor<3xi32>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 2>, pad = array<i64: 1, 1, 0, 1>, stride = array<i64: 2, 1>} : (tensor<?x5x6x3xi8>, tensor<3x3x3x3xi8>, tensor<3xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x3x3x3xi32>
  %r = tqt.requantize %acc shifts[5, 2, 5] axis(3) bits(16) signed : tensor<?x3x3x3xi32> -> tensor<?x3x3x3xi32>
  %c = "tosa.const"() <{values = dense<[[[[7, -7, 1]]]]> : tensor<1x1x1x3xi32>}> : () -> tensor<1x1x1x3xi32>
  %s = tosa.add %r, %c : (tensor<?x3x3x3xi32>, tensor<1x1x1x3xi32>) -> tensor<?x3x3x3xi32>
  %y = tqt.requantize %s shift(3) bits(8) signed : tensor<?x3x3x3xi32> -> tensor<?x3x3x3xi8>
  return %y : tensor<?x3x3x3xi8>
}

// -----

// Layers whose kernels are the same code share one: @a and @b differ only in
// their weights and bias (constants, passed as arguments); @c requantizes by
// another shift, a kernel of its own. Each layer keeps its own constants.
// CHECK-LABEL: memref.global "private" constant @__tqt_avx512_vnni_gemm_weights : memref<1792xi8>
// CHECK:       memref.global "private" constant @__tqt_avx512_vnni_gemm_init : memref<64xi32> = dense<[-3451, -3451, 0,
// CHECK-LABEL: func.func private @__tqt_avx512_vnni_gemm(
// CHECK:       memref.global "private" constant @__tqt_avx512_vnni_gemm_weights_1 : memref<1792xi8>
// CHECK:       memref.global "private" constant @__tqt_avx512_vnni_gemm_init_1 : memref<64xi32> = dense<[-6905, -6905, 0,
// CHECK:       memref.global "private" constant @__tqt_avx512_vnni_gemm_weights_2 : memref<1792xi8>
// CHECK-LABEL: func.func private @__tqt_avx512_vnni_gemm_1(
// CHECK-NOT:   func.func private
// CHECK-LABEL: func.func @shared(
// CHECK:         %[[W0:.*]] = memref.get_global @__tqt_avx512_vnni_gemm_weights :
// CHECK:         call @__tqt_avx512_vnni_gemm(%{{.*}}, %[[W0]],
// CHECK:         %[[W1:.*]] = memref.get_global @__tqt_avx512_vnni_gemm_weights_1 :
// CHECK:         call @__tqt_avx512_vnni_gemm(%{{.*}}, %[[W1]],
// CHECK:         %[[W2:.*]] = memref.get_global @__tqt_avx512_vnni_gemm_weights_2 :
// CHECK:         call @__tqt_avx512_vnni_gemm_1(%{{.*}}, %[[W2]],
func.func @shared(%x: tensor<?x5x6x3xi8>) -> (tensor<?x3x3x2xi8>, tensor<?x3x3x2xi8>, tensor<?x3x3x2xi8>) {
  %w1 = "tosa.const"() <{values = dense<1> : tensor<2x3x3x3xi8>}> : () -> tensor<2x3x3x3xi8>
  %w2 = "tosa.const"() <{values = dense<2> : tensor<2x3x3x3xi8>}> : () -> tensor<2x3x3x3xi8>
  %b5 = "tosa.const"() <{values = dense<5> : tensor<2xi32>}> : () -> tensor<2xi32>
  %b7 = "tosa.const"() <{values = dense<7> : tensor<2xi32>}> : () -> tensor<2xi32>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %a = tosa.conv2d %x, %w1, %b5, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 2>, pad = array<i64: 1, 1, 0, 1>, stride = array<i64: 2, 1>} : (tensor<?x5x6x3xi8>, tensor<2x3x3x3xi8>, tensor<2xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x3x3x2xi32>
  %ya = tqt.requantize %a shift(4) bits(8) signed : tensor<?x3x3x2xi32> -> tensor<?x3x3x2xi8>
  %b = tosa.conv2d %x, %w2, %b7, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 2>, pad = array<i64: 1, 1, 0, 1>, stride = array<i64: 2, 1>} : (tensor<?x5x6x3xi8>, tensor<2x3x3x3xi8>, tensor<2xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x3x3x2xi32>
  %yb = tqt.requantize %b shift(4) bits(8) signed : tensor<?x3x3x2xi32> -> tensor<?x3x3x2xi8>
  %c = tosa.conv2d %x, %w1, %b5, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 2>, pad = array<i64: 1, 1, 0, 1>, stride = array<i64: 2, 1>} : (tensor<?x5x6x3xi8>, tensor<2x3x3x3xi8>, tensor<2xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x3x3x2xi32>
  %yc = tqt.requantize %c shift(6) bits(8) signed : tensor<?x3x3x2xi32> -> tensor<?x3x3x2xi8>
  return %ya, %yb, %yc : tensor<?x3x3x2xi8>, tensor<?x3x3x2xi8>, tensor<?x3x3x2xi8>
}
