// The avx2 int8 kernels compute the integer programs of
// Inputs/gen_int8_layers.py bit for bit like the reference loops
// (--kernels=none): ragged K, N, channels and rows, strides, asymmetric
// padding, dilation, a dynamic batch of 7 (one whole tile of 6 rows and one
// row) and of 2, signed and i16-held unsigned codes, every rounding mode,
// ReLU6 clamps; inputs have ties and saturating values.
// REQUIRES: cpu-avx2
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/gen_int8_layers.py > %t/layers.mlir
// Every layer gets a kernel (else the comparison would prove nothing).
// RUN: tqt-opt %t/layers.mlir --tqt-int8-kernels="isa=avx2 remarks=true" -o /dev/null 2>&1 | FileCheck %s
// CHECK-COUNT-10: remark: avx2 kernel: M x
// CHECK-NOT: no avx2 kernel
// RUN: tqt-run %t/layers.mlir -e conv_same --random-inputs --dynamic-size 7 --dump-inputs %t/conv_same --kernels=none --output-dir %t/conv_same/none
// RUN: tqt-run %t/layers.mlir -e conv_same -i %t/conv_same/input0.npy --kernels=avx2 --output-dir %t/conv_same/avx2
// RUN: cmp %t/conv_same/none/result0.npy %t/conv_same/avx2/result0.npy
// RUN: tqt-run %t/layers.mlir -e conv_strided_dilated --random-inputs --dynamic-size 7 --dump-inputs %t/conv_strided_dilated --kernels=none --output-dir %t/conv_strided_dilated/none
// RUN: tqt-run %t/layers.mlir -e conv_strided_dilated -i %t/conv_strided_dilated/input0.npy --kernels=avx2 --output-dir %t/conv_strided_dilated/avx2
// RUN: cmp %t/conv_strided_dilated/none/result0.npy %t/conv_strided_dilated/avx2/result0.npy
// RUN: tqt-run %t/layers.mlir -e conv_wide --random-inputs --dynamic-size 7 --dump-inputs %t/conv_wide --kernels=none --output-dir %t/conv_wide/none
// RUN: tqt-run %t/layers.mlir -e conv_wide -i %t/conv_wide/input0.npy --kernels=avx2 --output-dir %t/conv_wide/avx2
// RUN: cmp %t/conv_wide/none/result0.npy %t/conv_wide/avx2/result0.npy
// RUN: tqt-run %t/layers.mlir -e fc_ragged --random-inputs --dynamic-size 7 --dump-inputs %t/fc_ragged --kernels=none --output-dir %t/fc_ragged/none
// RUN: tqt-run %t/layers.mlir -e fc_ragged -i %t/fc_ragged/input0.npy --kernels=avx2 --output-dir %t/fc_ragged/avx2
// RUN: cmp %t/fc_ragged/none/result0.npy %t/fc_ragged/avx2/result0.npy
// RUN: tqt-run %t/layers.mlir -e fc_tiny --random-inputs --dynamic-size 7 --dump-inputs %t/fc_tiny --kernels=none --output-dir %t/fc_tiny/none
// RUN: tqt-run %t/layers.mlir -e fc_tiny -i %t/fc_tiny/input0.npy --kernels=avx2 --output-dir %t/fc_tiny/avx2
// RUN: cmp %t/fc_tiny/none/result0.npy %t/fc_tiny/avx2/result0.npy
// RUN: tqt-run %t/layers.mlir -e fc_ragged --random-inputs --dynamic-size 2 --dump-inputs %t/fc2 --kernels=none --output-dir %t/fc2/none
// RUN: tqt-run %t/layers.mlir -e fc_ragged -i %t/fc2/input0.npy --kernels=avx2 --output-dir %t/fc2/avx2
// RUN: cmp %t/fc2/none/result0.npy %t/fc2/avx2/result0.npy
