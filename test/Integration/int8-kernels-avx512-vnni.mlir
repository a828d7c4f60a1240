// The avx512-vnni int8 kernels compute the integer programs of
// Inputs/gen_int8_layers.py bit for bit like the reference loops
// (--kernels=none): ragged K, N, channels and rows, strides, asymmetric
// padding, dilation, a dynamic batch of 7 (one whole tile of 6 rows and one
// row), 3 and 2, signed and unsigned codes (raw bytes in i8 through the zero-point view;
// held in i16 in @fc_i16), every rounding mode, channel multipliers 2 and 3,
// ReLU6 clamps, GEMM and depthwise kernels; inputs have ties and saturating
// values.
// REQUIRES: cpu-avx512vnni
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/gen_int8_layers.py > %t/layers.mlir
// Every layer gets a kernel (else the comparison would prove nothing).
// RUN: tqt-opt %t/layers.mlir --tqt-int8-kernels="isa=avx512-vnni remarks=true" -o /dev/null 2>&1 | FileCheck %s
// CHECK-COUNT-6: remark: avx512-vnni kernel: M x
// CHECK-COUNT-6: remark: avx512-vnni depthwise kernel:
// CHECK-COUNT-6: remark: avx512-vnni kernel: M x
// CHECK-NOT: no avx512-vnni kernel
// RUN: tqt-run %t/layers.mlir -e conv_same --random-inputs --dynamic-size 7 --dump-inputs %t/conv_same_7 --kernels=none --output-dir %t/conv_same_7/none
// RUN: tqt-run %t/layers.mlir -e conv_same -i %t/conv_same_7/input0.npy --kernels=avx512-vnni --output-dir %t/conv_same_7/avx512-vnni
// RUN: cmp %t/conv_same_7/none/result0.npy %t/conv_same_7/avx512-vnni/result0.npy
// RUN: tqt-run %t/layers.mlir -e conv_strided_dilated --random-inputs --dynamic-size 7 --dump-inputs %t/conv_strided_dilated_7 --kernels=none --output-dir %t/conv_strided_dilated_7/none
// RUN: tqt-run %t/layers.mlir -e conv_strided_dilated -i %t/conv_strided_dilated_7/input0.npy --kernels=avx512-vnni --output-dir %t/conv_strided_dilated_7/avx512-vnni
// RUN: cmp %t/conv_strided_dilated_7/none/result0.npy %t/conv_strided_dilated_7/avx512-vnni/result0.npy
// RUN: tqt-run %t/layers.mlir -e conv_wide --random-inputs --dynamic-size 7 --dump-inputs %t/conv_wide_7 --kernels=none --output-dir %t/conv_wide_7/none
// RUN: tqt-run %t/layers.mlir -e conv_wide -i %t/conv_wide_7/input0.npy --kernels=avx512-vnni --output-dir %t/conv_wide_7/avx512-vnni
// RUN: cmp %t/conv_wide_7/none/result0.npy %t/conv_wide_7/avx512-vnni/result0.npy
// RUN: tqt-run %t/layers.mlir -e depthwise_same --random-inputs --dynamic-size 3 --dump-inputs %t/depthwise_same_3 --kernels=none --output-dir %t/depthwise_same_3/none
// RUN: tqt-run %t/layers.mlir -e depthwise_same -i %t/depthwise_same_3/input0.npy --kernels=avx512-vnni --output-dir %t/depthwise_same_3/avx512-vnni
// RUN: cmp %t/depthwise_same_3/none/result0.npy %t/depthwise_same_3/avx512-vnni/result0.npy
// RUN: tqt-run %t/layers.mlir -e depthwise_dilated --random-inputs --dynamic-size 3 --dump-inputs %t/depthwise_dilated_3 --kernels=none --output-dir %t/depthwise_dilated_3/none
// RUN: tqt-run %t/layers.mlir -e depthwise_dilated -i %t/depthwise_dilated_3/input0.npy --kernels=avx512-vnni --output-dir %t/depthwise_dilated_3/avx512-vnni
// RUN: cmp %t/depthwise_dilated_3/none/result0.npy %t/depthwise_dilated_3/avx512-vnni/result0.npy
// RUN: tqt-run %t/layers.mlir -e depthwise_multiplier --random-inputs --dynamic-size 3 --dump-inputs %t/depthwise_multiplier_3 --kernels=none --output-dir %t/depthwise_multiplier_3/none
// RUN: tqt-run %t/layers.mlir -e depthwise_multiplier -i %t/depthwise_multiplier_3/input0.npy --kernels=avx512-vnni --output-dir %t/depthwise_multiplier_3/avx512-vnni
// RUN: cmp %t/depthwise_multiplier_3/none/result0.npy %t/depthwise_multiplier_3/avx512-vnni/result0.npy
// RUN: tqt-run %t/layers.mlir -e fc_ragged --random-inputs --dynamic-size 7 --dump-inputs %t/fc_ragged_7 --kernels=none --output-dir %t/fc_ragged_7/none
// RUN: tqt-run %t/layers.mlir -e fc_ragged -i %t/fc_ragged_7/input0.npy --kernels=avx512-vnni --output-dir %t/fc_ragged_7/avx512-vnni
// RUN: cmp %t/fc_ragged_7/none/result0.npy %t/fc_ragged_7/avx512-vnni/result0.npy
// RUN: tqt-run %t/layers.mlir -e fc_tiny --random-inputs --dynamic-size 7 --dump-inputs %t/fc_tiny_7 --kernels=none --output-dir %t/fc_tiny_7/none
// RUN: tqt-run %t/layers.mlir -e fc_tiny -i %t/fc_tiny_7/input0.npy --kernels=avx512-vnni --output-dir %t/fc_tiny_7/avx512-vnni
// RUN: cmp %t/fc_tiny_7/none/result0.npy %t/fc_tiny_7/avx512-vnni/result0.npy
// RUN: tqt-run %t/layers.mlir -e fc_i16 --random-inputs --dynamic-size 7 --dump-inputs %t/fc_i16_7 --kernels=none --output-dir %t/fc_i16_7/none
// RUN: tqt-run %t/layers.mlir -e fc_i16 -i %t/fc_i16_7/input0.npy --kernels=avx512-vnni --output-dir %t/fc_i16_7/avx512-vnni
// RUN: cmp %t/fc_i16_7/none/result0.npy %t/fc_i16_7/avx512-vnni/result0.npy
// RUN: tqt-run %t/layers.mlir -e fc_ragged --random-inputs --dynamic-size 2 --dump-inputs %t/fc_ragged_2 --kernels=none --output-dir %t/fc_ragged_2/none
// RUN: tqt-run %t/layers.mlir -e fc_ragged -i %t/fc_ragged_2/input0.npy --kernels=avx512-vnni --output-dir %t/fc_ragged_2/avx512-vnni
// RUN: cmp %t/fc_ragged_2/none/result0.npy %t/fc_ragged_2/avx512-vnni/result0.npy
