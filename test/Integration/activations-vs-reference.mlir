// tqt.activation, lowered by --tqt-lower-to-llvm and JIT-executed, is
// byte-identical to the numerics reference (tqt-run --reference folds with
// Activations.h in C++) on edge inputs (NaN, +-inf, -0, subnormals, the exp
// clamps, the hard kinks +-3 and their neighbours), every 8-bit code at the
// exponents -7..-2 (what the integer program's tables are built from) and
// random floats. The smooth sequences are within 1e-6 of float64 math, the
// hard ones bit-identical to PyTorch's float32 kernels.
//
// REQUIRES: torch
// RUN: rm -rf %t && mkdir -p %t && %python %S/Inputs/activations.py gen %t
// RUN: tqt-run %s -e all -i %t/x.npy --output-dir %t/jit
// RUN: tqt-run %s -e all -i %t/x.npy --output-dir %t/ref --reference
// RUN: %npytool same-dir %t/jit %t/ref | FileCheck %s --check-prefix=SAME
// SAME: 5 of 5 files identical
// RUN: %python %S/Inputs/activations.py check %t/x.npy %t/jit | FileCheck %s --check-prefix=MATH
// MATH: activations: smooth within {{.*}} of float64, hard bit-identical to PyTorch on 4064 finite inputs

func.func @all(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %0 = tqt.activation sigmoid %x : tensor<?xf32>
  %1 = tqt.activation tanh %x : tensor<?xf32>
  %2 = tqt.activation hardsigmoid %x : tensor<?xf32>
  %3 = tqt.activation hardswish %x : tensor<?xf32>
  %4 = tqt.activation silu %x : tensor<?xf32>
  return %0, %1, %2, %3, %4 : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}
