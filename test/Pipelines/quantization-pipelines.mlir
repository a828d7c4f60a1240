// The named pipelines of the quantization flow are their passes in order,
// and take the options of the pass that owns them (spelled as for the pass).
// RUN: tqt-opt %s --tqt-build-simulation="act-bits=6 rounding=half_up" -o %t.sim.mlir
// RUN: tqt-opt %s --tqt-prepare --tqt-insert-quantizers="act-bits=6 rounding=half_up" -o %t.sim.ref.mlir
// RUN: diff %t.sim.mlir %t.sim.ref.mlir
// RUN: FileCheck %s --input-file=%t.sim.mlir --check-prefix=SIM
// RUN: tqt-opt %t.sim.mlir --tqt-build-integer="integer-io=true" -o %t.int.mlir
// RUN: tqt-opt %t.sim.mlir --tqt-legalize-pow2 --tqt-fuse-integer="integer-io=true" -o %t.int.ref.mlir
// RUN: diff %t.int.mlir %t.int.ref.mlir
// RUN: FileCheck %s --input-file=%t.int.mlir --check-prefix=INT
// RUN: tqt-opt %t.sim.mlir --tqt-build-training="loss=mse lr-weights=0.5" -o %t.train.mlir
// RUN: tqt-opt %t.sim.mlir --tqt-expand-training="loss=mse lr-weights=0.5" -o %t.train.ref.mlir
// RUN: diff %t.train.mlir %t.train.ref.mlir
// RUN: FileCheck %s --input-file=%t.train.mlir --check-prefix=TRAIN
// RUN: tqt-opt %s --tqt-build-simulation="act-bits=6" --dump-pass-pipeline -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PIPELINE

// SIM-LABEL: func.func @layer
// SIM:         tqt.fake_quant %arg0, {{.*}} bits(6) signed rounding<half_up>
// SIM:         tqt.fake_quant {{.*}}weight bits(8) signed rounding<half_up>
// SIM:         tosa.conv2d

// INT-LABEL: func.func @layer
// INT-SAME:      (%{{.*}}: tensor<1x8x8x3xi8> {tqt.bits = 6 : i64, {{.*}}}) -> (tensor<1x8x8x4xi8> {tqt.bits = 8 : i64, {{.*}}is_signed = false})
// INT:         tosa.conv2d {{.*}} -> tensor<1x8x8x4xi32>
// INT:         tqt.requantize

// TRAIN-LABEL: func.func @layer_train_step
// TRAIN:         arith.constant 5.000000e-01

// PIPELINE: builtin.module(
// PIPELINE-NEXT: tqt-prepare,
// PIPELINE-NEXT: tqt-insert-quantizers{act-bits=6 first-last-bits=8

func.func @layer(%x: tensor<1x8x8x3xf32>) -> tensor<1x8x8x4xf32> {
  %w = "tosa.const"() <{values = dense<[[[[0.5, -0.25, 0.125]]], [[[-0.5, 0.75, 0.25]]], [[[0.0625, 0.5, -1.0]]], [[[1.0, -0.125, 0.375]]]]> : tensor<4x1x1x3xf32>}> : () -> tensor<4x1x1x3xf32>
  %b = "tosa.const"() <{values = dense<[0.1, -0.2, 0.3, 0.0]> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<4x1x1x3xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  %r = tosa.clamp %y {max_val = 3.4028235e+38 : f32, min_val = 0.0 : f32} : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return %r : tensor<1x8x8x4xf32>
}
