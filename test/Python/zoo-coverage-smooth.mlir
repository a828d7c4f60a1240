// scripts/zoo_coverage.py on the torchvision models of the smooth
// activations and channel shuffles, at 32x32: mobilenet_v3_small (hard swish
// and hard-sigmoid squeeze-and-excitation: lookup tables and integer
// products) and shufflenet_v2_x1_0 (x.chunk and the channel shuffle's
// view/transpose/view: slices, reshapes and a transpose of the codes) pass
// every stage: export within 1e-4 of PyTorch, quantize, integer-only and
// bit-exact layer by layer, SQNR, native executable, latency.
// REQUIRES: torch
// Whole models: not under the sanitizers (their build runs torchvision's
// blocks through the same code, zoo-blocks-*.mlir), to keep CI in its time.
// UNSUPPORTED: sanitizers
// RUN: rm -rf %t && %python %tqt_src_root/scripts/zoo_coverage.py --build %tqt_obj_root --models mobilenet_v3_small,shufflenet_v2_x1_0 --size 32 --samples 2 --work %t/pass --table %t/pass.md --require-pass | FileCheck %s
// CHECK: mobilenet_v3_small: passes ({{[0-9]+}} s) | export yes (32x32, {{.*}}) | quantize yes ({{[0-9]+}} quantizers, {{[0-9]+}} s) | bit-exact yes ({{[0-9,]+}} codes) | sqnr {{[0-9.]+}} dB | compile {{[0-9.]+}} s | latency {{[0-9.]+}} ms
// CHECK: shufflenet_v2_x1_0: passes ({{[0-9]+}} s) | export yes (32x32, {{.*}}) | quantize yes ({{[0-9]+}} quantizers, {{[0-9]+}} s) | bit-exact yes ({{[0-9,]+}} codes) | sqnr {{[0-9.]+}} dB | compile {{[0-9.]+}} s | latency {{[0-9.]+}} ms
// CHECK: 2 of 2 models pass every stage
