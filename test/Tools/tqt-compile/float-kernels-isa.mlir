// The f32 kernels' instructions per target CPU, checked on every machine
// (assembly only; running them: test/Integration/float-kernels-*.mlir).
// RUN: tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=znver4 -o - | FileCheck %s --check-prefix=ZMM
// RUN: tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=haswell -o - | FileCheck %s --check-prefix=YMM
// RUN: tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=znver4 --kernels=none -o - | FileCheck %s --check-prefix=NONE
// RUN: tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=x86-64 -o - | FileCheck %s --check-prefix=NONE

// ZMM-LABEL: __tqt_f32_zmm_gemm:
// ZMM:         vfmadd231ps {{.*}}%zmm{{[0-9]+}}, %zmm{{[0-9]+}}
// ZMM-LABEL: __tqt_f32_zmm_depthwise:
// ZMM:         vfmadd{{[0-9]+}}ps {{.*}}%zmm{{[0-9]+}}, %zmm{{[0-9]+}}
// ZMM-LABEL: layer:
// ZMM:         callq __tqt_f32_zmm_gemm
// ZMM:         callq __tqt_f32_zmm_depthwise

// YMM-LABEL: __tqt_f32_ymm_gemm:
// YMM:         vfmadd231ps {{.*}}%ymm{{[0-9]+}}, %ymm{{[0-9]+}}
// YMM-LABEL: __tqt_f32_ymm_depthwise:
// YMM:         vfmadd{{[0-9]+}}ps {{.*}}%ymm{{[0-9]+}}, %ymm{{[0-9]+}}
// YMM-NOT:     %zmm

// The reference loops multiply and add separately (no fastmath flags: LLVM
// does not contract them).
// NONE-NOT:     __tqt_
// NONE-NOT:     vfmadd
// NONE:         mulss
// NONE-NOT:     vfmadd

func.func @layer(%x: tensor<?x8x8x16xf32>, %w: tensor<32x3x3x16xf32>, %b: tensor<32xf32>, %wd: tensor<3x3x32x1xf32>) -> tensor<?x8x8x32xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<?x8x8x16xf32>, tensor<32x3x3x16xf32>, tensor<32xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x8x8x32xf32>
  %z = tosa.depthwise_conv2d %y, %wd, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<?x8x8x32xf32>, tensor<3x3x32x1xf32>, tensor<32xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x8x8x32xf32>
  return %z : tensor<?x8x8x32xf32>
}
