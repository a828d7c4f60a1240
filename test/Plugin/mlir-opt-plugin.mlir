// Debian's own mlir-opt-22 loads lib/TQTPlugin.so as a dialect and a pass
// plugin, parses tqt IR and runs the tqt passes and pipelines with the same
// results as tqt-opt.
// REQUIRES: mlir-opt, tqt-plugin
// RUN: mlir-opt --load-dialect-plugin=%tqt_plugin --load-pass-plugin=%tqt_plugin %s \
// RUN:   --pass-pipeline="builtin.module(tqt-prepare,tqt-insert-quantizers)" -o %t.upstream.mlir
// RUN: tqt-opt %s --tqt-prepare --tqt-insert-quantizers -o %t.tqt.mlir
// RUN: diff %t.upstream.mlir %t.tqt.mlir
// RUN: FileCheck %s --input-file=%t.upstream.mlir --check-prefix=SIM
// RUN: mlir-opt --load-dialect-plugin=%tqt_plugin --load-pass-plugin=%tqt_plugin %t.tqt.mlir \
// RUN:   --pass-pipeline="builtin.module(tqt-legalize-pow2,tqt-fuse-integer)" -o %t.upstream.int.mlir
// RUN: tqt-opt %t.tqt.mlir --tqt-legalize-pow2 --tqt-fuse-integer -o %t.tqt.int.mlir
// RUN: diff %t.upstream.int.mlir %t.tqt.int.mlir
// RUN: FileCheck %s --input-file=%t.upstream.int.mlir --check-prefix=INT
// RUN: mlir-opt --load-dialect-plugin=%tqt_plugin --load-pass-plugin=%tqt_plugin %t.tqt.int.mlir \
// RUN:   --pass-pipeline="builtin.module(func.func(convert-tqt-to-linalg))" -o %t.upstream.linalg.mlir
// RUN: tqt-opt %t.tqt.int.mlir --pass-pipeline="builtin.module(func.func(convert-tqt-to-linalg))" -o %t.tqt.linalg.mlir
// RUN: diff %t.upstream.linalg.mlir %t.tqt.linalg.mlir
// RUN: mlir-opt --load-dialect-plugin=%tqt_plugin --load-pass-plugin=%tqt_plugin %t.tqt.int.mlir \
// RUN:   --pass-pipeline="builtin.module(tqt-lower-to-llvm{kernels=avx512-vnni})" | FileCheck %s --check-prefix=LLVM

// The named pipelines, and the quant interop lowered by upstream's own
// --lower-quant-ops in the same upstream driver.
// RUN: mlir-opt --load-dialect-plugin=%tqt_plugin --load-pass-plugin=%tqt_plugin %s \
// RUN:   --pass-pipeline="builtin.module(tqt-build-simulation{act-bits=6})" -o %t.upstream.pipeline.mlir
// RUN: tqt-opt %s --tqt-build-simulation=act-bits=6 -o %t.tqt.pipeline.mlir
// RUN: diff %t.upstream.pipeline.mlir %t.tqt.pipeline.mlir
// RUN: mlir-opt --load-dialect-plugin=%tqt_plugin --load-pass-plugin=%tqt_plugin %t.tqt.int.mlir \
// RUN:   --pass-pipeline="builtin.module(convert-tqt-to-quant,func.func(lower-quant-ops))" | FileCheck %s --check-prefix=QUANT

// QUANT-LABEL: func.func @layer
// QUANT-NOT:     tqt.quantize
// QUANT:         arith.fptosi

// SIM-LABEL: func.func @layer
// SIM:         tqt.fake_quant
// SIM:         tosa.conv2d

// INT-LABEL: func.func @layer
// INT:         tqt.quantize
// INT:         tosa.conv2d {{.*}} -> tensor<1x8x8x4xi32>
// INT:         tqt.requantize
// INT:         tqt.dequantize

// LLVM: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// LLVM: llvm.func @layer

func.func @layer(%x: tensor<1x8x8x3xf32>) -> tensor<1x8x8x4xf32> {
  %w = "tosa.const"() <{values = dense<[[[[0.5, -0.25, 0.125]]], [[[-0.5, 0.75, 0.25]]], [[[0.0625, 0.5, -1.0]]], [[[1.0, -0.125, 0.375]]]]> : tensor<4x1x1x3xf32>}> : () -> tensor<4x1x1x3xf32>
  %b = "tosa.const"() <{values = dense<[0.1, -0.2, 0.3, 0.0]> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<4x1x1x3xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  %r = tosa.clamp %y {max_val = 3.4028235e+38 : f32, min_val = 0.0 : f32} : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return %r : tensor<1x8x8x4xf32>
}
