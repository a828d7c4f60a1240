// The avx2 f32 kernels compute the fake-quantized layers of
// Inputs/float-layers.mlir bit for bit like the reference loops
// (--kernels=none): padding taps, asymmetric padding, strides, dilation 2,
// 1x1 in place and packed, ragged output channels (70, 21, 19), one bias
// for all channels, dynamic batches of 7 (not a whole number of row tiles),
// 3 and 2, a matmul of one row, a dynamic K, constant weights packed at
// compile time; depthwise layers with ragged channel blocks and pixel
// tiles, a stride, dilation 2, a channel multiplier; an unpadded layer
// read through its windows (3 output channels, 7 batches); ReLU6 and ReLU
// clamps applied in a GEMM and a depthwise kernel; a long K (2304) in
// blocks on zmm tiles; constant weights over several N tiles; @conv_raw, not quantized, within
// FMA's rounding of the reference. With threads the same bits again.
// REQUIRES: cpu-avx2
// RUN: rm -rf %t && mkdir -p %t
// Every layer gets a kernel (else the comparison would prove nothing).
// RUN: tqt-opt %S/Inputs/float-layers.mlir --tqt-float-kernels="isa=avx2 remarks=true" -o /dev/null 2>&1 | FileCheck %s
// CHECK-COUNT-8: remark: f32 kernel: M x
// CHECK-COUNT-2: remark: f32 depthwise kernel:
// CHECK: remark: f32 kernel: M x 3 x 45
// CHECK: remark: f32 kernel: M x 24 x 72, {{.*}}, then clamp to [0.000000e+00, 6.000000e+00]
// CHECK: remark: f32 depthwise kernel: 24 channels x 9 taps, {{.*}}, then clamp to [0.000000e+00, 3.402823e+38]
// CHECK: remark: f32 kernel: M x 70 x 2304, {{.*}}, then clamp to [0.000000e+00, 6.000000e+00]
// CHECK: remark: f32 kernel: M x 70 x 6, {{.*}}, then clamp to [0.000000e+00, 3.402823e+38]
// CHECK-NOT: no f32 kernel
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_pad_stride --random-inputs --dynamic-size 7 --dump-inputs %t/conv_pad_stride_7 --kernels=none --threads 1 --output-dir %t/conv_pad_stride_7/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_pad_stride -i %t/conv_pad_stride_7/input0.npy -i %t/conv_pad_stride_7/input1.npy -i %t/conv_pad_stride_7/input2.npy --kernels=avx2 --threads 1 --output-dir %t/conv_pad_stride_7/avx2
// RUN: %python %S/Inputs/npytool.py same %t/conv_pad_stride_7/none/result0.npy %t/conv_pad_stride_7/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_dilated_wide --random-inputs --dynamic-size 3 --dump-inputs %t/conv_dilated_wide_3 --kernels=none --threads 1 --output-dir %t/conv_dilated_wide_3/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_dilated_wide -i %t/conv_dilated_wide_3/input0.npy -i %t/conv_dilated_wide_3/input1.npy -i %t/conv_dilated_wide_3/input2.npy --kernels=avx2 --threads 1 --output-dir %t/conv_dilated_wide_3/avx2
// RUN: %python %S/Inputs/npytool.py same %t/conv_dilated_wide_3/none/result0.npy %t/conv_dilated_wide_3/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_dilated_wide -i %t/conv_dilated_wide_3/input0.npy -i %t/conv_dilated_wide_3/input1.npy -i %t/conv_dilated_wide_3/input2.npy --kernels=avx2 --threads 2 --output-dir %t/conv_dilated_wide_3/avx2-threads
// RUN: %python %S/Inputs/npytool.py same %t/conv_dilated_wide_3/none/result0.npy %t/conv_dilated_wide_3/avx2-threads/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_1x1 --random-inputs --dynamic-size 7 --dump-inputs %t/conv_1x1_7 --kernels=none --threads 1 --output-dir %t/conv_1x1_7/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_1x1 -i %t/conv_1x1_7/input0.npy -i %t/conv_1x1_7/input1.npy -i %t/conv_1x1_7/input2.npy --kernels=avx2 --threads 1 --output-dir %t/conv_1x1_7/avx2
// RUN: %python %S/Inputs/npytool.py same %t/conv_1x1_7/none/result0.npy %t/conv_1x1_7/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_1x1_strided --random-inputs --dynamic-size 2 --dump-inputs %t/conv_1x1_strided_2 --kernels=none --threads 1 --output-dir %t/conv_1x1_strided_2/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_1x1_strided -i %t/conv_1x1_strided_2/input0.npy -i %t/conv_1x1_strided_2/input1.npy -i %t/conv_1x1_strided_2/input2.npy --kernels=avx2 --threads 1 --output-dir %t/conv_1x1_strided_2/avx2
// RUN: %python %S/Inputs/npytool.py same %t/conv_1x1_strided_2/none/result0.npy %t/conv_1x1_strided_2/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e fc --random-inputs --dynamic-size 7 --dump-inputs %t/fc_7 --kernels=none --threads 1 --output-dir %t/fc_7/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e fc -i %t/fc_7/input0.npy -i %t/fc_7/input1.npy --kernels=avx2 --threads 1 --output-dir %t/fc_7/avx2
// RUN: %python %S/Inputs/npytool.py same %t/fc_7/none/result0.npy %t/fc_7/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e fc -i %t/fc_7/input0.npy -i %t/fc_7/input1.npy --kernels=avx2 --threads 2 --output-dir %t/fc_7/avx2-threads
// RUN: %python %S/Inputs/npytool.py same %t/fc_7/none/result0.npy %t/fc_7/avx2-threads/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e fc --random-inputs --dynamic-size 1 --dump-inputs %t/fc_1 --kernels=none --threads 1 --output-dir %t/fc_1/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e fc -i %t/fc_1/input0.npy -i %t/fc_1/input1.npy --kernels=avx2 --threads 1 --output-dir %t/fc_1/avx2
// RUN: %python %S/Inputs/npytool.py same %t/fc_1/none/result0.npy %t/fc_1/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e fc_dynamic_k --random-inputs --dynamic-size 40 --dump-inputs %t/fc_dynamic_k_40 --kernels=none --threads 1 --output-dir %t/fc_dynamic_k_40/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e fc_dynamic_k -i %t/fc_dynamic_k_40/input0.npy -i %t/fc_dynamic_k_40/input1.npy --kernels=avx2 --threads 1 --output-dir %t/fc_dynamic_k_40/avx2
// RUN: %python %S/Inputs/npytool.py same %t/fc_dynamic_k_40/none/result0.npy %t/fc_dynamic_k_40/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_const_weights --random-inputs --dynamic-size 3 --dump-inputs %t/conv_const_weights_3 --kernels=none --threads 1 --output-dir %t/conv_const_weights_3/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_const_weights -i %t/conv_const_weights_3/input0.npy -i %t/conv_const_weights_3/input1.npy --kernels=avx2 --threads 1 --output-dir %t/conv_const_weights_3/avx2
// RUN: %python %S/Inputs/npytool.py same %t/conv_const_weights_3/none/result0.npy %t/conv_const_weights_3/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_raw --random-inputs --dynamic-size 7 --dump-inputs %t/conv_raw_7 --kernels=none --threads 1 --output-dir %t/conv_raw_7/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_raw -i %t/conv_raw_7/input0.npy -i %t/conv_raw_7/input1.npy -i %t/conv_raw_7/input2.npy --kernels=avx2 --threads 1 --output-dir %t/conv_raw_7/avx2
// RUN: %python %S/Inputs/npytool.py within %t/conv_raw_7/none/result0.npy %t/conv_raw_7/avx2/result0.npy 0.01
// RUN: tqt-run %S/Inputs/float-layers.mlir -e dw_pad_stride --random-inputs --dynamic-size 3 --dump-inputs %t/dw_pad_stride_3 --kernels=none --threads 1 --output-dir %t/dw_pad_stride_3/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e dw_pad_stride -i %t/dw_pad_stride_3/input0.npy -i %t/dw_pad_stride_3/input1.npy -i %t/dw_pad_stride_3/input2.npy --kernels=avx2 --threads 1 --output-dir %t/dw_pad_stride_3/avx2
// RUN: %python %S/Inputs/npytool.py same %t/dw_pad_stride_3/none/result0.npy %t/dw_pad_stride_3/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e dw_pad_stride -i %t/dw_pad_stride_3/input0.npy -i %t/dw_pad_stride_3/input1.npy -i %t/dw_pad_stride_3/input2.npy --kernels=avx2 --threads 2 --output-dir %t/dw_pad_stride_3/avx2-threads
// RUN: %python %S/Inputs/npytool.py same %t/dw_pad_stride_3/none/result0.npy %t/dw_pad_stride_3/avx2-threads/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e dw_multiplier --random-inputs --dynamic-size 2 --dump-inputs %t/dw_multiplier_2 --kernels=none --threads 1 --output-dir %t/dw_multiplier_2/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e dw_multiplier -i %t/dw_multiplier_2/input0.npy -i %t/dw_multiplier_2/input1.npy -i %t/dw_multiplier_2/input2.npy --kernels=avx2 --threads 1 --output-dir %t/dw_multiplier_2/avx2
// RUN: %python %S/Inputs/npytool.py same %t/dw_multiplier_2/none/result0.npy %t/dw_multiplier_2/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_unpadded --random-inputs --dynamic-size 7 --dump-inputs %t/conv_unpadded_7 --kernels=none --threads 1 --output-dir %t/conv_unpadded_7/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_unpadded -i %t/conv_unpadded_7/input0.npy -i %t/conv_unpadded_7/input1.npy -i %t/conv_unpadded_7/input2.npy --kernels=avx2 --threads 1 --output-dir %t/conv_unpadded_7/avx2
// RUN: %python %S/Inputs/npytool.py same %t/conv_unpadded_7/none/result0.npy %t/conv_unpadded_7/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_unpadded -i %t/conv_unpadded_7/input0.npy -i %t/conv_unpadded_7/input1.npy -i %t/conv_unpadded_7/input2.npy --kernels=avx2 --threads 2 --output-dir %t/conv_unpadded_7/avx2-threads
// RUN: %python %S/Inputs/npytool.py same %t/conv_unpadded_7/none/result0.npy %t/conv_unpadded_7/avx2-threads/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_dw_clamped --random-inputs --dynamic-size 5 --dump-inputs %t/conv_dw_clamped_5 --kernels=none --threads 1 --output-dir %t/conv_dw_clamped_5/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_dw_clamped -i %t/conv_dw_clamped_5/input0.npy -i %t/conv_dw_clamped_5/input1.npy -i %t/conv_dw_clamped_5/input2.npy -i %t/conv_dw_clamped_5/input3.npy --kernels=avx2 --threads 1 --output-dir %t/conv_dw_clamped_5/avx2
// RUN: %python %S/Inputs/npytool.py same %t/conv_dw_clamped_5/none/result0.npy %t/conv_dw_clamped_5/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_dw_clamped -i %t/conv_dw_clamped_5/input0.npy -i %t/conv_dw_clamped_5/input1.npy -i %t/conv_dw_clamped_5/input2.npy -i %t/conv_dw_clamped_5/input3.npy --kernels=avx2 --threads 2 --output-dir %t/conv_dw_clamped_5/avx2-threads
// RUN: %python %S/Inputs/npytool.py same %t/conv_dw_clamped_5/none/result0.npy %t/conv_dw_clamped_5/avx2-threads/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_long_k --random-inputs --dynamic-size 3 --dump-inputs %t/conv_long_k_3 --kernels=none --threads 1 --output-dir %t/conv_long_k_3/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_long_k -i %t/conv_long_k_3/input0.npy -i %t/conv_long_k_3/input1.npy -i %t/conv_long_k_3/input2.npy --kernels=avx2 --threads 1 --output-dir %t/conv_long_k_3/avx2
// RUN: %python %S/Inputs/npytool.py same %t/conv_long_k_3/none/result0.npy %t/conv_long_k_3/avx2/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_long_k -i %t/conv_long_k_3/input0.npy -i %t/conv_long_k_3/input1.npy -i %t/conv_long_k_3/input2.npy --kernels=avx2 --threads 2 --output-dir %t/conv_long_k_3/avx2-threads
// RUN: %python %S/Inputs/npytool.py same %t/conv_long_k_3/none/result0.npy %t/conv_long_k_3/avx2-threads/result0.npy
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_const_wide --random-inputs --dynamic-size 3 --dump-inputs %t/conv_const_wide_3 --kernels=none --threads 1 --output-dir %t/conv_const_wide_3/none
// RUN: tqt-run %S/Inputs/float-layers.mlir -e conv_const_wide -i %t/conv_const_wide_3/input0.npy -i %t/conv_const_wide_3/input1.npy --kernels=avx2 --threads 2 --output-dir %t/conv_const_wide_3/avx2
// RUN: %python %S/Inputs/npytool.py same %t/conv_const_wide_3/none/result0.npy %t/conv_const_wide_3/avx2/result0.npy
