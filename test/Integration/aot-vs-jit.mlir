// The AOT path (tqt-compile --emit=exe) and the JIT path (tqt-run) give
// identical bytes for the same module and inputs.
// REQUIRES: c-compiler
// RUN: rm -rf %t && %python %S/Inputs/gen_ops_matrix.py %t
// RUN: tqt-compile %t/matrix.mlir -e fake_quant_grad_all --emit=exe -o %t/grad
// RUN: %t/grad -o %t/aot/grad %t/x.npy %t/dy.npy
// RUN: tqt-run %t/matrix.mlir -e fake_quant_grad_all -i %t/x.npy -i %t/dy.npy --output-dir %t/jit/grad
// RUN: %npytool same-dir %t/aot/grad %t/jit/grad | FileCheck %s --check-prefix=GRAD
// GRAD: 82 of 82 files identical
//
// RUN: tqt-compile %t/matrix.mlir -e dequantize_all --emit=exe -o %t/dq
// RUN: %t/dq -o %t/aot/dq %t/q8.npy %t/q16.npy %t/q32.npy
// RUN: tqt-run %t/matrix.mlir -e dequantize_all -i %t/q8.npy -i %t/q16.npy -i %t/q32.npy --output-dir %t/jit/dq
// RUN: %npytool same-dir %t/aot/dq %t/jit/dq | FileCheck %s --check-prefix=DQ
// DQ: 90 of 90 files identical
//
// A model with TOSA ops and a dynamic batch, on random inputs.
// RUN: tqt-compile %tqt_src_root/examples/c-api/model.mlir --emit=exe -o %t/classify
// RUN: tqt-run %tqt_src_root/examples/c-api/model.mlir --random-inputs --seed 11 --dynamic-size 33 --dump-inputs %t/cin --output-dir %t/jit/classify
// RUN: %t/classify -o %t/aot/classify %t/cin/input0.npy
// RUN: %npytool same-dir %t/aot/classify %t/jit/classify | FileCheck %s --check-prefix=CLS
// CLS: 2 of 2 files identical
// Warm-up calls are untimed; the results are those of the last call.
// RUN: %t/classify --warmup 2 --repeat 3 -o %t/aot/warm %t/cin/input0.npy 2>&1 | FileCheck %s --check-prefix=WARM
// WARM: 3 calls, {{[0-9.]+}} ms/call
// RUN: %npytool same-dir %t/aot/warm %t/jit/classify | FileCheck %s --check-prefix=CLS
// RUN: tqt-run %tqt_src_root/examples/c-api/model.mlir -i %t/cin/input0.npy --warmup 1 --repeat 2 --output-dir %t/jit/warm 2>&1 | FileCheck %s --check-prefix=JITWARM
// JITWARM: tqt-run: 2 calls in {{[0-9.]+}} ms ({{[0-9.]+}} ms/call; kernels:
// RUN: %npytool same-dir %t/jit/warm %t/jit/classify | FileCheck %s --check-prefix=CLS
//
// The executable checks its inputs too.
// RUN: not %t/classify %t/x.npy 2>&1 | FileCheck %s --check-prefix=BADRANK
// BADRANK: error: {{.*}}x.npy: rank 1, expected 2
// RUN: not %t/classify 2>&1 | FileCheck %s --check-prefix=USAGE
// USAGE: usage: {{.*}}classify [--repeat N] [--warmup N] [-o DIR] in0.npy
