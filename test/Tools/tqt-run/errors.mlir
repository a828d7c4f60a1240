// Bad inputs to tqt-run give a precise message and a non-zero exit.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %npytool write %t/x4.npy f32 "[1, 2, 3, 4]"
// RUN: %npytool write %t/x5.npy f32 "[1, 2, 3, 4, 5]"
// RUN: %npytool write %t/x2x2.npy f32 "[1, 2, 3, 4]" --shape 2,2
// RUN: %npytool write %t/i4.npy i32 "[1, 2, 3, 4]"
// RUN: %npytool write %t/u4.npy u8 "[1, 2, 3, 250]"
// RUN: %npytool write %t/t.npy f32 "[3.0]" --shape ""
// RUN: printf 'not a numpy file' > %t/garbage.npy
// RUN: head -c 136 %t/x4.npy > %t/truncated.npy
// RUN: head -c 100 %t/x4.npy > %t/cutheader.npy

// RUN: not tqt-run %s -e missing -i %t/x4.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// An unknown --kernels value, and one the host is asked to compile for a CPU
// without it (x86-64: no AVX2).
// RUN: not tqt-run %s -e static4 -i %t/x4.npy --kernels=sse 2>&1 | FileCheck %s --check-prefix=KERNELS
// KERNELS: tqt-run: error: unknown --kernels value 'sse' (expected auto, none, avx2, avx-vnni or avx512-vnni)
// RUN: not tqt-run %s -e static4 -i %t/x4.npy --mcpu=x86-64 --kernels=avx2 2>&1 | FileCheck %s --check-prefix=KERNELCPU
// KERNELCPU: tqt-run: error: --kernels=avx2 needs a CPU with avx2; the target CPU 'x86-64' lacks avx2
// Sizes that cannot fit are refused before anything is allocated.
// RUN: not tqt-run %s -e dyn --random-inputs --dynamic-size 1000000000000 2>&1 | FileCheck %s --check-prefix=HUGE
// HUGE: tqt-run: error: cannot allocate a f32 tensor of shape (1000000000000,): it needs 3725.3 GiB, more than half of the {{[0-9.]+}} GiB of memory of this machine
// RUN: not tqt-run %s -e dyn --random-inputs --dynamic-size 4611686018427387904 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// OVERFLOW: tqt-run: error: cannot allocate a f32 tensor of shape (4611686018427387904,): its size overflows 64 bits
// MISSING: tqt-run: error: no function @missing in the module (public functions: @static4, @dyn, @two, @bytes, @unranked, @scalar)

// RUN: not tqt-run %s -i %t/x4.npy 2>&1 | FileCheck %s --check-prefix=WHICH
// WHICH: tqt-run: error: the module has 6 public functions; name one with -e

// RUN: not tqt-run %s -e static4 2>&1 | FileCheck %s --check-prefix=ARITY0
// ARITY0: tqt-run: error: @static4 takes 1 input(s), got 0
// RUN: not tqt-run %s -e static4 -i %t/x4.npy -i %t/x4.npy 2>&1 | FileCheck %s --check-prefix=ARITY2
// ARITY2: tqt-run: error: @static4 takes 1 input(s), got 2

// RUN: not tqt-run %s -e static4 -i %t/i4.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: tqt-run: error: input #0 ({{.*}}i4.npy): expected tensor<4xf32>, got dtype int32

// RUN: not tqt-run %s -e static4 -i %t/x5.npy 2>&1 | FileCheck %s --check-prefix=DIM
// DIM: tqt-run: error: input #0 ({{.*}}x5.npy): expected tensor<4xf32>, got shape (5,) (dimension 0 must be 4)

// RUN: not tqt-run %s -e static4 -i %t/x2x2.npy 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: tqt-run: error: input #0 ({{.*}}x2x2.npy): expected tensor<4xf32>, got shape (2, 2) (rank 2)

// RUN: not tqt-run %s -e two -i %t/x4.npy -i %t/x5.npy 2>&1 | FileCheck %s --check-prefix=DYNMATCH
// DYNMATCH: tqt-run: error: input #1 ({{.*}}x5.npy): shape (5,) differs from input #0's (4,), but both are tensor<?xf32> (dynamic sizes of identically typed inputs must match)

// RUN: not tqt-run %s -e static4 -i %t/nonexistent.npy 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: tqt-run: error: {{.*}}nonexistent.npy: cannot read: {{[Nn]}}o such file or directory

// RUN: not tqt-run %s -e static4 -i %t/garbage.npy 2>&1 | FileCheck %s --check-prefix=GARBAGE
// GARBAGE: tqt-run: error: {{.*}}garbage.npy: not a .npy file (bad magic)

// RUN: not tqt-run %s -e static4 -i %t/truncated.npy 2>&1 | FileCheck %s --check-prefix=TRUNC
// TRUNC: tqt-run: error: {{.*}}truncated.npy: holds 8 data bytes, but <f4 with shape (4,) needs 16
// RUN: not tqt-run %s -e static4 -i %t/cutheader.npy 2>&1 | FileCheck %s --check-prefix=CUT
// CUT: tqt-run: error: {{.*}}cutheader.npy: truncated .npy header

// RUN: not tqt-run %s -e unranked -i %t/x4.npy 2>&1 | FileCheck %s --check-prefix=UNRANKED
// UNRANKED: tqt-run: error: @unranked argument #0 has type tensor<*xf32>; only ranked tensors cross the entry point

// RUN: not tqt-run %s -e scalar -i %t/x4.npy 2>&1 | FileCheck %s --check-prefix=SCALAR
// SCALAR: tqt-run: error: @scalar argument #0 has type f32; only ranked tensors cross the entry point

// RUN: not tqt-run %s -e static4 -i %t/x4.npy --random-inputs 2>&1 | FileCheck %s --check-prefix=EXCL
// EXCL: tqt-run: error: -i and --random-inputs are exclusive

// RUN: not tqt-run %t/nonexistent.mlir -e static4 2>&1 | FileCheck %s --check-prefix=NOMODEL
// NOMODEL: tqt-run: error: cannot open input file '{{.*}}nonexistent.mlir'

// RUN: printf 'func.func @f( {' > %t/broken.mlir
// RUN: not tqt-run %t/broken.mlir 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: broken.mlir:1:{{[0-9]+}}: error:

// RUN: not tqt-run %s -e static4 -i %t/x4.npy -O4 2>&1 | FileCheck %s --check-prefix=OPT
// OPT: tqt-run: error: -O must be 0, 1, 2 or 3
// RUN: not tqt-run %s -e static4 -i %t/x4.npy --mcpu=pentium9000 2>&1 | FileCheck %s --check-prefix=CPU
// CPU: tqt-run: error: unknown CPU 'pentium9000' for x86_64{{.*}} (use host, native or an LLVM CPU name such as x86-64-v3)

// Warm-up calls belong to a JIT-compiled run.
// RUN: not tqt-run %s -e static4 -i %t/x4.npy --reference --warmup 1 2>&1 | FileCheck %s --check-prefix=WARMUP
// WARMUP: tqt-run: error: --warmup goes with a JIT-compiled run (no --reference, --compare-layers or --eval)

// The reference interpreter names what it cannot evaluate.
// RUN: not tqt-run %s -e bytes -i %t/u4.npy --reference 2>&1 | FileCheck %s --check-prefix=INTERP
// INTERP: tqt-run: error: {{.*}}errors.mlir:{{[0-9]+}}:{{[0-9]+}}: the reference interpreter evaluates tqt ops, arith.constant and func.return only, not 'tosa.add'

// uint8 data is accepted for i8 arguments (unsigned codes in signless storage).
// RUN: tqt-run %s -e bytes -i %t/u4.npy | FileCheck %s --check-prefix=BYTES
// BYTES: result0: int8 (4,) = [2, 4, 6, -12]

func.func @static4(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
func.func @dyn(%x: tensor<?xf32>) -> tensor<?xf32> {
  return %x : tensor<?xf32>
}
func.func @two(%x: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  %0 = tosa.add %x, %y : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
func.func @bytes(%x: tensor<4xi8>) -> tensor<4xi8> {
  %0 = tosa.add %x, %x : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}
func.func @unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  return %x : tensor<*xf32>
}
func.func @scalar(%x: f32) -> f32 {
  return %x : f32
}
