// RUN: tqt-opt %s --split-input-file --tqt-float-kernels="isa=avx512-vnni" | FileCheck %s --enable-var-scope
// RUN: tqt-opt %s --split-input-file --tqt-float-kernels="isa=avx2" | FileCheck %s --enable-var-scope --check-prefix=YMM
// RUN: tqt-opt %s --split-input-file --tqt-float-kernels=isa=none | FileCheck %s --enable-var-scope --check-prefix=NONE

// Each kernel is a private function and the layer a call that passes the
// result buffer it allocated (destination-passing style).

// A 3x3 convolution with padding and stride: im2col rows of K = 27 (masked
// copies of the 3 channels per tap, zeros at padding taps), the weights
// transposed at run time into panels [N/NR * K][NR] (one panel here,
// NR = 32: two zmm of 16 columns, zero columns past N = 20), a tile of 8
// rows x 2 vectors accumulating
// from the bias with FMA, masked stores of the 20 columns.

// CHECK-LABEL: func.func private @__tqt_f32_zmm_gemm(
// CHECK-SAME:      %[[XM:[^:]*]]: memref<?x6x6x3xf32>, %[[WM:[^:]*]]: memref<20x3x3x3xf32>, %[[BM:[^:]*]]: memref<20xf32>, %[[OUT:[^:]*]]: memref<?x3x3x20xf32>)
// CHECK-SAME:      llvm.linkage = #llvm.linkage<internal>
// CHECK:         %[[A:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x27xf32>
// CHECK:         scf.parallel
// CHECK:           scf.if
// CHECK:             vector.maskedload %[[XM]]{{.*}} : memref<?x6x6x3xf32>, vector<16xi1>, vector<16xf32> into vector<16xf32>
// CHECK:             vector.maskedstore %[[A]]
// CHECK:           } else {
// CHECK:             vector.maskedstore %[[A]]
// CHECK:         %[[WK:.*]] = memref.collapse_shape %[[WM]] {{\[}}[0], [1, 2, 3]] : memref<20x3x3x3xf32> into memref<20x27xf32>
// CHECK:         %[[P:.*]] = memref.alloc() {alignment = 64 : i64} : memref<27x32xf32>
// CHECK:         scf.parallel
// CHECK:           %[[E:.*]] = memref.load %[[WK]]
// CHECK:           memref.store %[[E]], %[[P]]
// CHECK:         %[[O2:.*]] = memref.collapse_shape %[[OUT]] {{\[}}[0, 1, 2], [3]]
// CHECK:         scf.parallel
// CHECK:           vector.maskedload %[[BM]]
// CHECK:           %{{.*}}:16 = scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
// CHECK:             vector.load %[[P]]
// CHECK:             vector.load %[[P]]
// CHECK:             %[[AK:.*]] = memref.load %[[A]]
// CHECK:             %[[BC:.*]] = vector.broadcast %[[AK]] : f32 to vector<16xf32>
// CHECK:             vector.fma %[[BC]], %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK-COUNT-15:    vector.fma
// CHECK:           vector.maskedstore %[[O2]]
// The rows left over, one at a time.
// CHECK:         scf.parallel
// CHECK:           scf.for
// CHECK:             scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>) {
// CHECK-COUNT-2:       vector.fma
// CHECK:         return
// The caller passes the buffers of its tensors and allocates the result.
// CHECK-LABEL: func.func @conv(
// CHECK:         %[[X0:.*]] = bufferization.to_buffer %arg0 read_only
// CHECK:         %[[W0:.*]] = bufferization.to_buffer %arg1 read_only
// CHECK:         %[[B0:.*]] = bufferization.to_buffer %arg2 read_only
// CHECK:         %[[Y:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x3x3x20xf32>
// CHECK:         call @__tqt_f32_zmm_gemm(%[[X0]], %[[W0]], %[[B0]], %[[Y]])
// CHECK:         bufferization.to_tensor %[[Y]] restrict writable
// CHECK-NOT:     tosa.conv2d

// On ymm registers: 2 vectors of 8 columns, 6 rows (2 x 6 accumulators,
// 2 weight vectors and a broadcast in 16 registers), two N tiles of 16:
// two panels of 27 x 16, the second's columns past N = 20 zero.
// YMM-LABEL: func.func private @__tqt_f32_ymm_gemm(
// YMM:         %[[YP:.*]] = memref.alloc() {alignment = 64 : i64} : memref<54x16xf32>
// YMM:         scf.parallel
// YMM:           memref.store %{{.*}}, %[[YP]]
// YMM:         scf.for %{{.*}} = %c27{{.*}} to %c54
// YMM:           scf.for %{{.*}} = %c4{{.*}} to %c16
// YMM:             memref.store %{{.*}}, %[[YP]]
// YMM:         scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// YMM-COUNT-12: vector.fma {{.*}} : vector<8xf32>
// YMM-LABEL: func.func @conv(
// YMM:         call @__tqt_f32_ymm_gemm

// NONE-NOT: __tqt_
// NONE-LABEL: func.func @conv(
// NONE:         tosa.conv2d
func.func @conv(%x: tensor<?x6x6x3xf32>, %w: tensor<20x3x3x3xf32>, %b: tensor<20xf32>) -> tensor<?x3x3x20xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>} : (tensor<?x6x6x3xf32>, tensor<20x3x3x3xf32>, tensor<20xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x3x3x20xf32>
  return %y : tensor<?x3x3x20xf32>
}

// -----

// A 1x1 convolution with stride 1 and no padding reads its activations in
// place as [M][C] rows; one bias value is broadcast to every column.

// CHECK-LABEL: func.func private @__tqt_f32_zmm_gemm(
// CHECK-SAME:      %[[XM:[^:]*]]: memref<2x4x4x8xf32>, %{{.*}}: memref<16x1x1x8xf32>, %[[BM:[^:]*]]: memref<1xf32>, %{{.*}}: memref<2x4x4x16xf32>)
// CHECK-NOT:     memref.alloc({{.*}}) {alignment = 64 : i64} : memref<?x8xf32>
// CHECK:         %[[A:.*]] = memref.collapse_shape %[[XM]] {{\[}}[0, 1, 2], [3]] : memref<2x4x4x8xf32> into memref<32x8xf32>
// CHECK:         %[[B0:.*]] = memref.load %[[BM]][%{{.*}}] : memref<1xf32>
// CHECK:         vector.broadcast %[[B0]] : f32 to vector<16xf32>
// CHECK:         memref.load %[[A]]
// CHECK-LABEL: func.func @pointwise(
// CHECK:         call @__tqt_f32_zmm_gemm
func.func @pointwise(%x: tensor<2x4x4x8xf32>, %w: tensor<16x1x1x8xf32>, %b: tensor<1xf32>) -> tensor<2x4x4x16xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<2x4x4x8xf32>, tensor<16x1x1x8xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x4x4x16xf32>
  return %y : tensor<2x4x4x16xf32>
}

// -----

// A matmul reads both operands in place; N = 21 is not a whole number of
// tiles, so the weight loads are masked; no bias (the accumulators start
// at 0). Its K may be dynamic (a weight gradient's sum over the batch).

// CHECK-LABEL: func.func private @__tqt_f32_zmm_gemm(
// CHECK-SAME:      %{{.*}}: memref<1x?x37xf32>, %{{.*}}: memref<1x37x21xf32>, %{{.*}}: memref<1x?x21xf32>)
// CHECK:         %[[A:.*]] = memref.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : memref<1x?x37xf32> into memref<?x37xf32>
// CHECK:         %[[B:.*]] = memref.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : memref<1x37x21xf32> into memref<37x21xf32>
// CHECK:         scf.for
// CHECK:           vector.maskedload %[[B]]
// CHECK:           memref.load %[[A]]
// CHECK-LABEL: func.func private @__tqt_f32_zmm_gemm_1(
// CHECK-SAME:      %{{.*}}: memref<1x5x?xf32>, %{{.*}}: memref<1x?x19xf32>, %{{.*}}: memref<1x5x19xf32>)
// CHECK:         %[[B:.*]] = memref.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : memref<1x?x19xf32> into memref<?x19xf32>
// CHECK:         %[[K:.*]] = memref.dim %[[B]], %{{.*}} : memref<?x19xf32>
// CHECK:         scf.for %{{.*}} = %{{.*}} to %[[K]]
// CHECK-LABEL: func.func @fc(
// CHECK:         call @__tqt_f32_zmm_gemm(
// CHECK:         call @__tqt_f32_zmm_gemm_1(
func.func @fc(%x: tensor<1x?x37xf32>, %w: tensor<1x37x21xf32>, %a: tensor<1x5x?xf32>, %g: tensor<1x?x19xf32>) -> (tensor<1x?x21xf32>, tensor<1x5x19xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.matmul %x, %w, %zp, %zp : (tensor<1x?x37xf32>, tensor<1x37x21xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x21xf32>
  %z = tosa.matmul %a, %g, %zp, %zp : (tensor<1x5x?xf32>, tensor<1x?x19xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x5x19xf32>
  return %y, %z : tensor<1x?x21xf32>, tensor<1x5x19xf32>
}

// -----

// Layers of the same types and window share one kernel function; another
// stride gets its own.

// CHECK-LABEL: func.func private @__tqt_f32_zmm_gemm(
// CHECK-LABEL: func.func private @__tqt_f32_zmm_gemm_1(
// CHECK-NOT:   func.func private
// CHECK-LABEL: func.func @shared(
// CHECK:         %[[W1:.*]] = bufferization.to_buffer %arg1
// CHECK:         %[[Y1:.*]] = memref.alloc() {{.*}} : memref<1x8x8x4xf32>
// CHECK:         call @__tqt_f32_zmm_gemm(%{{.*}}, %[[W1]], %{{.*}}, %[[Y1]])
// CHECK:         %[[T1:.*]] = bufferization.to_tensor %[[Y1]]
// CHECK:         bufferization.to_buffer %[[T1]] read_only
// CHECK:         %[[W2:.*]] = bufferization.to_buffer %arg2
// CHECK:         %[[Y2:.*]] = memref.alloc() {{.*}} : memref<1x8x8x4xf32>
// CHECK:         call @__tqt_f32_zmm_gemm(%{{.*}}, %[[W2]], %{{.*}}, %[[Y2]])
// CHECK:         call @__tqt_f32_zmm_gemm_1(
func.func @shared(%x: tensor<1x8x8x4xf32>, %w1: tensor<4x3x3x4xf32>, %w2: tensor<4x3x3x4xf32>) -> tensor<1x4x4x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %b = "tosa.const"() <{values = dense<0.5> : tensor<4xf32>}> : () -> tensor<4xf32>
  %y1 = tosa.conv2d %x, %w1, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x4xf32>, tensor<4x3x3x4xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  %y2 = tosa.conv2d %y1, %w2, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x4xf32>, tensor<4x3x3x4xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  %y3 = tosa.conv2d %y2, %w2, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x4xf32>, tensor<4x3x3x4xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x4xf32>
  return %y3 : tensor<1x4x4x4xf32>
}

// -----

// A depthwise convolution (f32): the activations copied into a zero-padded
// [N][H + 2][W + 2][16] buffer, the 9 tap vectors read from the weights in
// place ([KH][KW][C][M] as [tap * 8 + channel], masked past the 8 channels),
// 8 output pixels a tile on zmm (4 on ymm) (their accumulators start at 0, FMA per tap in
// order), the bias added last; integer layers are --tqt-int8-kernels'
// business.

// CHECK-LABEL: func.func private @__tqt_f32_zmm_depthwise(
// CHECK-SAME:      %[[X:[^:]*]]: memref<1x4x8x8xf32>, %[[W:[^:]*]]: memref<3x3x8x1xf32>, %[[B:[^:]*]]: memref<8xf32>, %[[OUT:[^:]*]]: memref<1x4x8x8xf32>)
// CHECK:         %[[XP:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x6x10x16xf32>
// CHECK:         vector.maskedload %[[X]]
// CHECK:         vector.store %{{.*}}, %[[XP]]
// CHECK:         %[[WT:.*]] = memref.collapse_shape %[[W]] {{\[}}[0, 1, 2, 3]] : memref<3x3x8x1xf32> into memref<72xf32>
// CHECK:         scf.parallel
// CHECK:           scf.for
// CHECK-COUNT-9:     vector.maskedload %[[WT]]
// CHECK:             %[[BV:.*]] = vector.maskedload %[[B]]
// CHECK:             scf.for
// CHECK:               %[[X0:.*]] = vector.load %[[XP]]
// CHECK:               vector.fma %[[X0]], %{{.*}}, %{{.*}} : vector<16xf32>
// CHECK-COUNT-71:      vector.fma
// CHECK:               arith.addf %[[BV]], %{{.*}} : vector<16xf32>
// CHECK-LABEL: func.func @others(
// CHECK:         call @__tqt_f32_zmm_depthwise(
// CHECK:         tosa.conv2d
// CHECK-SAME:      acc_type = i32
// YMM-LABEL: func.func private @__tqt_f32_ymm_depthwise(
// YMM:         memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x6x10x8xf32>
// YMM-COUNT-36: vector.fma {{.*}} : vector<8xf32>
func.func @others(%x: tensor<1x4x8x8xf32>, %w: tensor<3x3x8x1xf32>, %b: tensor<8xf32>, %xi: tensor<1x4x4x8xi8>, %wi: tensor<16x1x1x8xi8>, %bi: tensor<16xi32>) -> (tensor<1x4x8x8xf32>, tensor<1x4x4x16xi32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<3x3x8x1xf32>, tensor<8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x8x8xf32>
  %zi = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %yi = tosa.conv2d %xi, %wi, %bi, %zi, %zi {acc_type = i32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x4x4x8xi8>, tensor<16x1x1x8xi8>, tensor<16xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4x16xi32>
  return %y, %yi : tensor<1x4x8x8xf32>, tensor<1x4x4x16xi32>
}

// -----

// Constant weights (a float model's) are packed at compile time into a
// global of panels [N/NR * K][NR] (here one panel, K = 2, N = 3 padded to
// 16: column n holds output channel n's weights), which the layer passes to the kernel after the
// activations and the bias. A second layer with other constant weights of the
// same shape is the same code: it calls the same kernel with its own global.

// CHECK-LABEL: func.func private @__tqt_f32_zmm_gemm(
// CHECK-SAME:      %{{.*}}: memref<1x2x2x2xf32>, %{{.*}}: memref<3xf32>, %[[W:[^:]*]]: memref<2x16xf32>, %{{.*}}: memref<1x2x2x3xf32>)
// CHECK-NOT:     memref.get_global
// CHECK:         vector.load %[[W]]
// CHECK-LABEL: memref.global "private" constant @__tqt_f32_zmm_gemm_weights : memref<2x16xf32> = dense<{{\[}}[1.000000e+00, 3.000000e+00, 5.000000e+00, 0.000000e+00{{.*}}], [2.000000e+00, 4.000000e+00, 6.000000e+00, 0.000000e+00{{.*}}]]> {alignment = 64 : i64}
// CHECK:       memref.global "private" constant @__tqt_f32_zmm_gemm_weights_1 : memref<2x16xf32> = dense<{{\[}}[-1.000000e+00, -3.000000e+00, -5.000000e+00, 0.000000e+00
// CHECK-NOT:   func.func private
// CHECK-LABEL: func.func @constant_weights(
// CHECK-NOT:     tosa.const
// CHECK:         %[[G0:.*]] = memref.get_global @__tqt_f32_zmm_gemm_weights : memref<2x16xf32>
// CHECK:         call @__tqt_f32_zmm_gemm(%{{[^,]*}}, %{{[^,]*}}, %[[G0]], %{{[^,]*}}) : (memref<1x2x2x2xf32>, memref<3xf32>, memref<2x16xf32>, memref<1x2x2x3xf32>) -> ()
// CHECK:         %[[G1:.*]] = memref.get_global @__tqt_f32_zmm_gemm_weights_1 : memref<2x16xf32>
// CHECK:         call @__tqt_f32_zmm_gemm(%{{[^,]*}}, %{{[^,]*}}, %[[G1]], %{{[^,]*}})
func.func @constant_weights(%x: tensor<1x2x2x2xf32>, %b: tensor<3xf32>) -> tensor<1x2x2x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<[[[[1.0, 2.0]]], [[[3.0, 4.0]]], [[[5.0, 6.0]]]]> : tensor<3x1x1x2xf32>}> : () -> tensor<3x1x1x2xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x3xf32>
  %w2 = "tosa.const"() <{values = dense<[[[[-1.0, -2.0]]], [[[-3.0, -4.0]]], [[[-5.0, -6.0]]]]> : tensor<3x1x1x2xf32>}> : () -> tensor<3x1x1x2xf32>
  %y2 = tosa.conv2d %x, %w2, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x3xf32>
  %s = tosa.add %y, %y2 : (tensor<1x2x2x3xf32>, tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  return %s : tensor<1x2x2x3xf32>
}

// -----

// A convolution without padding (3x3, stride 2, one output channel: a
// training step's input gradient of a stem) reads its activations through
// the windows: no im2col buffer; the k loop runs over (kh, kw, c) and row
// r's A value is x[n][oh * 2 + kh][ow * 2 + kw][c].

// CHECK-LABEL: func.func private @__tqt_f32_zmm_gemm(
// CHECK-SAME:      %[[X:[^:]*]]: memref<?x9x9x4xf32>
// CHECK-NOT:     memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?x36xf32>
// CHECK:         memref.alloc() {alignment = 64 : i64} : memref<36x16xf32>
// CHECK:         scf.parallel
// CHECK:           scf.for %[[KH:.*]] = %{{.*}} to %c3{{.*}} step %{{.*}} iter_args(
// CHECK:             scf.for %[[KW:.*]] = %{{.*}} to %c3{{.*}} step %{{.*}} iter_args(
// CHECK:               scf.for %[[C:.*]] = %{{.*}} to %c4{{.*}} step %{{.*}} iter_args(
// CHECK:                 vector.load
// CHECK:                 %[[A:.*]] = memref.load %[[X]][%{{.*}}, %{{.*}}, %{{.*}}, %[[C]]] : memref<?x9x9x4xf32>
// CHECK:                 vector.broadcast %[[A]] : f32 to vector<16xf32>
// CHECK-LABEL: func.func @unpadded(
// CHECK:         call @__tqt_f32_zmm_gemm(
func.func @unpadded(%x: tensor<?x9x9x4xf32>, %w: tensor<1x3x3x4xf32>, %b: tensor<1xf32>) -> tensor<?x4x4x1xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>} : (tensor<?x9x9x4xf32>, tensor<1x3x3x4xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x1xf32>
  return %y : tensor<?x4x4x1xf32>
}

// -----

// A clamp (ReLU6) that is a layer's only user is applied in the kernel
// before the stores (minimumf with 6, then maximumf with 0, as TOSA's
// lowering) and replaced with the layer; a layer of the same shapes without
// it gets a kernel of its own.

// CHECK-LABEL: func.func private @__tqt_f32_zmm_gemm(
// CHECK:         %[[HI:.*]] = arith.constant dense<6.000000e+00> : vector<16xf32>
// CHECK:         %[[LO0:.*]] = arith.minimumf %{{.*}}, %[[HI]] : vector<16xf32>
// CHECK:         %[[LO:.*]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK:         %[[R:.*]] = arith.maximumf %[[LO0]], %[[LO]] : vector<16xf32>
// CHECK:         vector.maskedstore %{{.*}}, %{{.*}}, %[[R]]
// CHECK-LABEL: func.func private @__tqt_f32_zmm_gemm_1(
// CHECK-NOT:     arith.minimumf
// CHECK-LABEL: func.func @clamped(
// CHECK:         call @__tqt_f32_zmm_gemm(
// CHECK-NOT:     tosa.clamp
// CHECK:         call @__tqt_f32_zmm_gemm_1(
func.func @clamped(%x: tensor<1x4x4x8xf32>, %w: tensor<16x1x1x8xf32>, %b: tensor<16xf32>) -> (tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x4x4x8xf32>, tensor<16x1x1x8xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x16xf32>
  %r = tosa.clamp %y {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  %z = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x4x4x8xf32>, tensor<16x1x1x8xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x16xf32>
  return %r, %z : tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>
}

// -----

// A long K (3 x 3 x 256 = 2304; a weights panel of K x 64 f32 would not stay
// in L2): the N tiles run in parallel, each over the K blocks of 512 in
// order (the last ends at K), each block over all row tiles; the first block
// starts from the bias, the others from the partial sums stored before; the
// clamp applies after the last block only.

// CHECK-LABEL: func.func private @__tqt_f32_zmm_gemm(
// CHECK-SAME:      %{{[^:]*}}: memref<1x5x5x256xf32>, %{{[^:]*}}: memref<64x3x3x256xf32>, %[[BIAS:[^:]*]]: memref<64xf32>, %{{[^:]*}}: memref<1x5x5x64xf32>)
// CHECK:         scf.parallel
// CHECK:           %[[B0:.*]] = vector.maskedload %[[BIAS]]
// CHECK:           scf.for %[[KB:.*]] = %{{.*}} to %c5{{.*}} step
// CHECK:             %[[END:.*]] = arith.minui %{{.*}}, %c2304
// CHECK:             %[[FIRST:.*]] = arith.cmpi eq, %[[KB]], %c0
// CHECK:             %[[LAST:.*]] = arith.cmpi eq, %[[KB]], %c4
// CHECK:             scf.for %[[M:.*]] = %{{.*}} to %{{.*}} step %c6
// CHECK:               scf.if %[[FIRST]] -> (vector<16xf32>
// CHECK-NEXT:            scf.yield %[[B0]],
// CHECK:               } else {
// CHECK:                 vector.maskedload %[[OUT:[^\[]*]][%[[M]],
// CHECK:               scf.for %{{.*}} = %{{.*}} to %[[END]] step
// CHECK-COUNT-24:        vector.fma
// CHECK:               arith.minimumf
// CHECK:               arith.maximumf
// CHECK:               arith.select %[[LAST]]
// CHECK:               vector.maskedstore %[[OUT]]
// CHECK:             scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1
// CHECK-NOT:     scf.parallel
// CHECK:         return
// CHECK-LABEL: func.func @long_k(
func.func @long_k(%x: tensor<1x5x5x256xf32>, %w: tensor<64x3x3x256xf32>, %b: tensor<64xf32>) -> tensor<1x5x5x64xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x5x5x256xf32>, tensor<64x3x3x256xf32>, tensor<64xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x5x5x64xf32>
  %r = tosa.clamp %y {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<1x5x5x64xf32>) -> tensor<1x5x5x64xf32>
  return %r : tensor<1x5x5x64xf32>
}
