// RUN: tqt-opt %s -split-input-file --tqt-expand-training | FileCheck %s --enable-var-scope

// f32 convolutions and matmuls differentiate into convolutions and matmuls
// (which get the float kernels, docs/Numerics.md section 16): a
// convolution's input gradient is a stride-1 convolution of the
// zero-inserted output gradient (sliced from the padding offset) with the
// weights flipped and their channels swapped; its weight gradient is the
// output gradient transposed [1, O, N*OH*OW] times the windows as im2col
// rows [1, N*OH*OW, KH*KW*C] (K dynamic with the batch): [1, O, KH*KW*C] is
// the weights' own layout. A 1x1 window with stride 1 and no padding reads
// the input in place.

// CHECK-DAG: #[[$FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (d3, -d1 + 2, -d2 + 2, d0)>
// CHECK-DAG: #[[$WINDOWS:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d2 * 2 + d4 * 2, d3 * 2 + d5 * 2, d6)>
// CHECK-LABEL: func.func @convs_grad(
// CHECK-SAME:    %[[W1:[^:]*]]: tensor<3x1x1x2xf32> {{.*}}, %[[W2:[^:]*]]: tensor<4x3x3x3xf32> {{.*}}, %[[X:[^:]*]]: tensor<?x8x8x2xf32>
// CHECK:         %[[Y1:.*]] = tosa.conv2d %{{.*}}, %[[W1]]
// CHECK:         tosa.conv2d %[[Y1]], %[[W2]]
// The second convolution's input gradient.
// CHECK:         %[[P:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 4, 4, 0] [%{{.*}}, 3, 3, 4] [1, 2, 2, 1] : tensor<?x3x3x4xf32> into tensor<?x13x13x4xf32>
// CHECK:         %[[Q:.*]] = tensor.extract_slice %[[P]][0, 1, 1, 0] [%{{.*}}, 12, 12, 4] [1, 1, 1, 1] : tensor<?x13x13x4xf32> to tensor<?x12x12x4xf32>
// CHECK:         %[[F:.*]] = linalg.generic {indexing_maps = [#[[$FLIP]], #{{.*}}]{{.*}} ins(%[[W2]] : tensor<4x3x3x3xf32>) outs(%{{.*}} : tensor<3x3x3x4xf32>)
// CHECK:         %[[DX:.*]] = tosa.conv2d %[[Q]], %[[F]], %{{.*}} {acc_type = f32, dilation = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : {{.*}} -> tensor<?x8x8x3xf32>
// The second convolution's weight gradient.
// CHECK:         %[[XP:.*]] = tensor.insert_slice %[[Y1]] into %{{.*}}[0, 1, 1, 0]
// CHECK:         %[[WIN:.*]] = linalg.generic {indexing_maps = [#[[$WINDOWS]], #{{.*}}]{{.*}} ins(%[[XP]] : tensor<?x9x9x3xf32>) outs(%{{.*}} : tensor<1x?x3x3x3x3x3xf32>)
// CHECK:         %[[ROWS:.*]] = tensor.collapse_shape %[[WIN]] {{\[}}[0], [1, 2, 3], [4, 5, 6]] : tensor<1x?x3x3x3x3x3xf32> into tensor<1x?x27xf32>
// CHECK:         %[[G5:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3], [4]] output_shape [1, %{{.*}}, 3, 3, 4] : tensor<?x3x3x4xf32> into tensor<1x?x3x3x4xf32>
// CHECK:         %[[G:.*]] = tensor.collapse_shape %[[G5]] {{\[}}[0], [1, 2, 3], [4]] : tensor<1x?x3x3x4xf32> into tensor<1x?x4xf32>
// CHECK:         %[[GT:.*]] = tosa.transpose %[[G]] {perms = array<i32: 0, 2, 1>} : (tensor<1x?x4xf32>) -> tensor<1x4x?xf32>
// CHECK:         %[[MM:.*]] = tosa.matmul %[[GT]], %[[ROWS]], {{.*}} -> tensor<1x4x27xf32>
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[MM]] {{\[}}[0, 1], [2]] : tensor<1x4x27xf32> into tensor<4x27xf32>
// CHECK:         %[[DW2:.*]] = tensor.expand_shape %[[FLAT]] {{\[}}[0], [1, 2, 3]] output_shape [4, 3, 3, 3] : tensor<4x27xf32> into tensor<4x3x3x3xf32>
// The first convolution's weight gradient reads its input in place and the
// input gradient above; its own input gradient is not needed.
// CHECK:         %[[XE:.*]] = tensor.expand_shape %[[X]] {{\[}}[0, 1], [2], [3], [4, 5, 6]]
// CHECK:         %[[XR:.*]] = tensor.collapse_shape %[[XE]] {{\[}}[0], [1, 2, 3], [4, 5, 6]] : tensor<1x?x8x8x1x1x2xf32> into tensor<1x?x2xf32>
// CHECK:         tensor.expand_shape %[[DX]]
// CHECK:         %[[DW1:.*]] = tosa.matmul %{{.*}}, %[[XR]], {{.*}} -> tensor<1x3x2xf32>
// CHECK-NOT:     tosa.conv2d
// CHECK:         return {{.*}}%[[DW2]]
ml_program.global private @w1(dense<0.5> : tensor<3x1x1x2xf32>) : tensor<3x1x1x2xf32>
ml_program.global private @w2(dense<0.25> : tensor<4x3x3x3xf32>) : tensor<4x3x3x3xf32>
func.func @convs(%x: tensor<?x8x8x2xf32>) -> tensor<?x36xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %b1 = "tosa.const"() <{values = dense<0.0> : tensor<3xf32>}> : () -> tensor<3xf32>
  %b2 = "tosa.const"() <{values = dense<0.0> : tensor<4xf32>}> : () -> tensor<4xf32>
  %w1 = ml_program.global_load @w1 : tensor<3x1x1x2xf32>
  %y1 = tosa.conv2d %x, %w1, %b1, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x8x8x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x8x8x3xf32>
  %w2 = ml_program.global_load @w2 : tensor<4x3x3x3xf32>
  %y2 = tosa.conv2d %y1, %w2, %b2, %zp, %zp {acc_type = f32, dilation = array<i64: 2, 2>, pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>} : (tensor<?x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x3x3x4xf32>
  %s = tosa.const_shape {values = dense<[-1, 36]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.reshape %y2, %s : (tensor<?x3x3x4xf32>, !tosa.shape<2>) -> tensor<?x36xf32>
  return %r : tensor<?x36xf32>
}

// -----

// A matmul: dA = dY B^T and dB = A^T dY.
// CHECK-LABEL: func.func @fc_grad(
// CHECK-SAME:    %[[M:[^:]*]]: tensor<1x64x5xf32>
// CHECK:         %[[A:.*]] = tosa.reshape
// CHECK:         %[[BT:.*]] = tosa.transpose %[[M]] {perms = array<i32: 0, 2, 1>} : (tensor<1x64x5xf32>) -> tensor<1x5x64xf32>
// CHECK:         %[[DA:.*]] = tosa.matmul %[[DY:.*]], %[[BT]], {{.*}} -> tensor<1x2x64xf32>
// CHECK:         %[[AT:.*]] = tosa.transpose %[[A]] {perms = array<i32: 0, 2, 1>} : (tensor<1x2x64xf32>) -> tensor<1x64x2xf32>
// CHECK:         %[[DB:.*]] = tosa.matmul %[[AT]], %[[DY]], {{.*}} -> tensor<1x64x5xf32>
// CHECK:         return {{.*}}%[[DB]]
ml_program.global private @w(dense<0.5> : tensor<4x3x3x2xf32>) : tensor<4x3x3x2xf32>
ml_program.global private @m(dense<0.25> : tensor<1x64x5xf32>) : tensor<1x64x5xf32>
func.func @fc(%x: tensor<2x8x8x2xf32>) -> tensor<2x5xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<4xf32>}> : () -> tensor<4xf32>
  %w = ml_program.global_load @w : tensor<4x3x3x2xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>} : (tensor<2x8x8x2xf32>, tensor<4x3x3x2xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x4x4x4xf32>
  %s = tosa.const_shape {values = dense<[1, 2, 64]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %r = tosa.reshape %y, %s : (tensor<2x4x4x4xf32>, !tosa.shape<3>) -> tensor<1x2x64xf32>
  %m = ml_program.global_load @m : tensor<1x64x5xf32>
  %z = tosa.matmul %r, %m, %zp, %zp : (tensor<1x2x64xf32>, tensor<1x64x5xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x5xf32>
  %s2 = tosa.const_shape {values = dense<[2, 5]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %o = tosa.reshape %z, %s2 : (tensor<1x2x5xf32>, !tosa.shape<2>) -> tensor<2x5xf32>
  return %o : tensor<2x5xf32>
}

// -----

// A depthwise convolution (multiplier 1): its dX is the stride-1 depthwise
// convolution of the output gradient's zero-padded copy (sliced from the
// padding offset) with the weights flipped, W'[kh, kw, c, 0] =
// W[2 - kh, 2 - kw, c, 0]; its dW keeps a contraction with the channel as
// the innermost loop (contiguous, vectorized by LLVM): (kh, kw, m | n, oh,
// ow | c).
// CHECK-DAG: #[[$FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (-d0 + 2, -d1 + 2, d2, d3)>
// CHECK-DAG: #[[$DWX:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3, d0 + d4, d1 + d5, d6)>
// CHECK-DAG: #[[$DWG:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3, d4, d5, d2 + d6)>
// CHECK-DAG: #[[$DWO:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d6, d2)>
// CHECK-LABEL: func.func @dw_grad(
// CHECK-SAME:      %[[W:[^:]*]]: tensor<3x3x2x1xf32>
// CHECK:         tosa.depthwise_conv2d
// CHECK:         %[[Q:.*]] = tensor.extract_slice %{{.*}}[0, 1, 1, 0] [2, 6, 6, 2] [1, 1, 1, 1] : tensor<2x8x8x2xf32> to tensor<2x6x6x2xf32>
// CHECK:         %[[WF:.*]] = linalg.generic {indexing_maps = [#[[$FLIP]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[W]] : tensor<3x3x2x1xf32>)
// CHECK:         tosa.depthwise_conv2d %[[Q]], %[[WF]], %{{.*}} {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x6x6x2xf32>, tensor<3x3x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x4x4x2xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[$DWX]], #[[$DWG]], #[[$DWO]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
// CHECK:         return
ml_program.global private @d(dense<0.5> : tensor<3x3x2x1xf32>) : tensor<3x3x2x1xf32>
ml_program.global private @p(dense<0.5> : tensor<2x1x1x2xf32>) : tensor<2x1x1x2xf32>
func.func @dw(%x0: tensor<2x4x4x2xf32>) -> tensor<2x32xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %w = ml_program.global_load @d : tensor<3x3x2x1xf32>
  %w0 = ml_program.global_load @p : tensor<2x1x1x2xf32>
  %x = tosa.conv2d %x0, %w0, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x4x4x2xf32>
  %y = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<2x4x4x2xf32>, tensor<3x3x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x4x4x2xf32>
  %s = tosa.const_shape {values = dense<[2, 32]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.reshape %y, %s : (tensor<2x4x4x2xf32>, !tosa.shape<2>) -> tensor<2x32xf32>
  return %r : tensor<2x32xf32>
}

// -----

// With a channel multiplier (here 2) each input channel's dX sums over its
// M output channels: a contraction over (n, i, j | kh, kw, m | c), the
// input channel innermost.
// CHECK-DAG: #[[$DXP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 - d3 + 3, d2 - d4 + 3, d6 * 2 + d5)>
// CHECK-DAG: #[[$DXW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3, d4, d6, d5)>
// CHECK-DAG: #[[$DXO:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d6)>
// CHECK-LABEL: func.func @dw2_grad(
// CHECK:         tosa.depthwise_conv2d
// CHECK-NOT:     tosa.depthwise_conv2d
// CHECK:         linalg.generic {indexing_maps = [#[[$DXP]], #[[$DXW]], #[[$DXO]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
// CHECK:         return
ml_program.global private @d2(dense<0.5> : tensor<3x3x2x2xf32>) : tensor<3x3x2x2xf32>
ml_program.global private @p2(dense<0.5> : tensor<2x1x1x2xf32>) : tensor<2x1x1x2xf32>
func.func @dw2(%x0: tensor<2x4x4x2xf32>) -> tensor<2x64xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %b4 = "tosa.const"() <{values = dense<0.0> : tensor<4xf32>}> : () -> tensor<4xf32>
  %w = ml_program.global_load @d2 : tensor<3x3x2x2xf32>
  %w0 = ml_program.global_load @p2 : tensor<2x1x1x2xf32>
  %x = tosa.conv2d %x0, %w0, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<2x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x4x4x2xf32>
  %y = tosa.depthwise_conv2d %x, %w, %b4, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<2x4x4x2xf32>, tensor<3x3x2x2xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x4x4x4xf32>
  %s = tosa.const_shape {values = dense<[2, 64]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.reshape %y, %s : (tensor<2x4x4x4xf32>, !tosa.shape<2>) -> tensor<2x64xf32>
  return %r : tensor<2x64xf32>
}
