// The int8 kernels' instructions per target CPU, checked on every machine
// (assembly only; running them needs the CPU: test/Integration/int8-kernels-*).
// RUN: tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=znver4 -o - | FileCheck %s --check-prefix=VNNI
// RUN: tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=znver4 --kernels=avx2 -o - | FileCheck %s --check-prefix=AVX2-ON-VNNI
// RUN: tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=haswell -o - | FileCheck %s --check-prefix=AVX2
// RUN: tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=alderlake -o - | FileCheck %s --check-prefix=AVXVNNI
// RUN: tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=znver4 --kernels=avx-vnni -o - | FileCheck %s --check-prefix=AVXVNNI-EVEX
// RUN: not tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=haswell --kernels=avx-vnni -o - 2>&1 | FileCheck %s --check-prefix=MISSING-VNNI
// RUN: tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=x86-64 -o - | FileCheck %s --check-prefix=NONE
// RUN: not tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=haswell --kernels=avx512-vnni -o - 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not tqt-compile %s -e layer --threads 1 --emit=asm --kernels=sse -o - 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// Kernels are internal symbols, called by @layer (never inlined): two models
// link into one program.
// RUN: tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=znver4 -o - | FileCheck %s --check-prefix=CALL
// CALL-LABEL: layer:
// CALL:         callq __tqt_avx512_vnni_gemm
// RUN: tqt-compile %s -e layer --threads 1 --emit=asm --mcpu=znver4 -o - | FileCheck %s --check-prefix=LINKAGE
// LINKAGE-NOT: .globl{{.*}}__tqt_
// LINKAGE: .globl layer
// LINKAGE-NOT: .globl{{.*}}__tqt_
// Threaded code: the kernels' loops run in outlined OpenMP functions, which
// are internal too, and call the OpenMP runtime.
// RUN: tqt-compile %s -e layer --threads 2 --emit=asm --mcpu=znver4 -o - | FileCheck %s --check-prefix=THREADS
// THREADS-NOT: .globl{{.*}}omp
// THREADS:     __kmpc_fork_call
// THREADS-NOT: .globl{{.*}}omp
// THREADS:     vpdpbusd {{.*}}%zmm
// THREADS-NOT: .globl{{.*}}omp

// VNNI-LABEL: __tqt_avx512_vnni_gemm:
// VNNI:         vpdpbusd %zmm{{[0-9]+}}, %zmm{{[0-9]+}}, %zmm{{[0-9]+}}
// VNNI-NOT:     vpmaddwd

// The AVX2 kernels' vpmaddwd + vpaddd, which LLVM fuses into the (equally
// exact, non-saturating) vpdpwssd where the CPU has AVX512-VNNI.
// AVX2-ON-VNNI-LABEL: __tqt_avx2_gemm:
// AVX2-ON-VNNI:         vpdpwssd %ymm{{[0-9]+}}, %ymm{{[0-9]+}}, %ymm{{[0-9]+}}
// AVX2-ON-VNNI-NOT:     vpdpbusd

// AVX2-LABEL: __tqt_avx2_gemm:
// AVX2:         vpmaddwd %ymm{{[0-9]+}}, %ymm{{[0-9]+}}, %ymm{{[0-9]+}}
// AVX2-NOT:     vpdpbusd

// AVX-VNNI (Alder Lake: no AVX-512) is the VEX-encoded ymm vpdpbusd; with
// AVX512VL + AVX512-VNNI the same kernels use the EVEX form.
// AVXVNNI-LABEL: __tqt_avx_vnni_gemm:
// AVXVNNI:         {vex} vpdpbusd %ymm{{[0-9]+}}, %ymm{{[0-9]+}}, %ymm{{[0-9]+}}
// AVXVNNI-NOT:     %zmm
// AVXVNNI-EVEX-LABEL: __tqt_avx_vnni_gemm:
// AVXVNNI-EVEX:       vpdpbusd %ymm{{[0-9]+}}, %ymm{{[0-9]+}}, %ymm{{[0-9]+}}
// AVXVNNI-EVEX-NOT:   vpdpbusd %zmm

// NONE-NOT: __tqt_
// NONE-NOT: vpdpbusd
// NONE-NOT: %ymm

// MISSING: tqt-compile: error: --kernels=avx512-vnni needs a CPU with avx512f,avx512bw,avx512vnni; the target CPU 'haswell' lacks avx512f, avx512bw, avx512vnni (use --kernels=auto or a --mcpu that has them)
// MISSING-VNNI: tqt-compile: error: --kernels=avx-vnni needs a CPU with avxvnni or avx512vnni,avx512vl; the target CPU 'haswell' lacks avxvnni (use --kernels=auto or a --mcpu that has them)
// UNKNOWN: tqt-compile: error: unknown --kernels value 'sse' (expected auto, none, avx2, avx-vnni or avx512-vnni)

func.func @layer(%x: tensor<?x8x8x16xi8>) -> tensor<?x8x8x32xi16> {
  %w = "tosa.const"() <{values = dense<3> : tensor<32x3x3x16xi8>}> : () -> tensor<32x3x3x16xi8>
  %b = "tosa.const"() <{values = dense<0> : tensor<32xi32>}> : () -> tensor<32xi32>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<?x8x8x16xi8>, tensor<32x3x3x16xi8>, tensor<32xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x8x8x32xi32>
  %y = tqt.requantize %acc shift(6) bits(8) unsigned : tensor<?x8x8x32xi32> -> tensor<?x8x8x32xi16>
  return %y : tensor<?x8x8x32xi16>
}
