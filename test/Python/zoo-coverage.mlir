// scripts/zoo_coverage.py (issue 12's coverage table) on the models CI has
// time for, at 32x32: resnet18 and mobilenet_v2 pass every stage (export
// within 1e-4 of PyTorch, quantize, integer-only and bit-exact layer by
// layer, SQNR, native executable, latency); convnext_tiny stops at the front
// end, which names the node. zoo-coverage-smooth.mlir runs
// mobilenet_v3_small and shufflenet_v2_x1_0 (in parallel with this one). The full
// table (docs/Zoo.md) is the documented long run.
// REQUIRES: torch
// Whole models: not under the sanitizers (their build runs torchvision's
// blocks through the same code, zoo-blocks-*.mlir), to keep CI in its time.
// UNSUPPORTED: sanitizers
// RUN: rm -rf %t && %python %tqt_src_root/scripts/zoo_coverage.py --build %tqt_obj_root --models resnet18,mobilenet_v2 --size 32 --samples 2 --work %t/pass --table %t/pass.md --require-pass | FileCheck %s --check-prefix=PASS
// RUN: %python %tqt_src_root/scripts/zoo_coverage.py --build %tqt_obj_root --models convnext_tiny --size 32 --work %t/stop --table %t/stop.md | FileCheck %s --check-prefix=STOP
// RUN: FileCheck %s --check-prefix=TABLE < %t/pass.md
// PASS: resnet18: passes ({{[0-9]+}} s) | export yes (32x32, {{.*}}) | quantize yes ({{[0-9]+}} quantizers, {{[0-9]+}} s) | bit-exact yes ({{[0-9,]+}} codes) | sqnr {{[0-9.]+}} dB | compile {{[0-9.]+}} s | latency {{[0-9.]+}} ms
// PASS: mobilenet_v2: passes
// PASS: 2 of 2 models pass every stage
// STOP: convnext_tiny: stops: node 'permute' (call_method permute): unsupported method permute
// STOP: 0 of 1 models pass every stage
// TABLE: | model | export | quantize | bit-exact | SQNR dB | compile s | latency ms | note |
// TABLE: | resnet18 | yes (32x32, {{.*}}) | yes ({{.*}}) | yes ({{.*}} codes) | {{[0-9.]+}} | {{[0-9.]+}} | {{[0-9.]+}} |  |
