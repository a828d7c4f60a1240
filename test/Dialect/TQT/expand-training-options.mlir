// Option errors of --tqt-expand-training, and entry= choosing among several
// public functions.
// RUN: not tqt-opt %s --tqt-expand-training="loss=hinge" 2>&1 | FileCheck %s --check-prefix=LOSS
// RUN: not tqt-opt %s --tqt-expand-training="lr-weights=-1" 2>&1 | FileCheck %s --check-prefix=LR
// RUN: not tqt-opt %s --tqt-expand-training="beta2=1" 2>&1 | FileCheck %s --check-prefix=BETA
// RUN: not tqt-opt %s --tqt-expand-training="thresholds-decay-steps=0" 2>&1 | FileCheck %s --check-prefix=STEPS
// RUN: not tqt-opt %s --tqt-expand-training="entry=nope" 2>&1 | FileCheck %s --check-prefix=NOPE
// RUN: not tqt-opt %s --tqt-expand-training="lr-thresholds=0" 2>&1 | FileCheck %s --check-prefix=LRT
// RUN: not tqt-opt %s --tqt-expand-training="weights-decay=-0.5" 2>&1 | FileCheck %s --check-prefix=WDECAY
// RUN: not tqt-opt %s --tqt-expand-training="thresholds-decay=0" 2>&1 | FileCheck %s --check-prefix=TDECAY
// RUN: not tqt-opt %s --tqt-expand-training="epsilon=0" 2>&1 | FileCheck %s --check-prefix=EPS
// RUN: not tqt-opt %s --tqt-expand-training="beta1=-0.1" 2>&1 | FileCheck %s --check-prefix=BETA1
// RUN: not tqt-opt %s --tqt-expand-training="weights-decay-steps=0" 2>&1 | FileCheck %s --check-prefix=STEPS
// RUN: tqt-opt %s --tqt-expand-training="entry=g loss=mse" | FileCheck %s --implicit-check-not="@f_eval" --implicit-check-not="@f_grad" --implicit-check-not="@f_train_step"

// LOSS: for the --loss option: Cannot find option named 'hinge'!
// LR: error: lr-weights must be a positive number, got -1
// BETA: error: beta2 must be in [0, 1), got 1
// STEPS: error: decay steps must be at least 1
// NOPE: error: no function @nope with a body
// LRT: error: lr-thresholds must be a positive number, got 0
// WDECAY: error: weights-decay must be a positive number, got -5.000000e-01
// TDECAY: error: thresholds-decay must be a positive number, got 0
// EPS: error: epsilon must be a positive number, got 0
// BETA1: error: beta1 must be in [0, 1), got -1.000000e-01

ml_program.global private @b(dense<0.5> : tensor<1x3xf32>) : tensor<1x3xf32>
func.func @f(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}
func.func @g(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %b = ml_program.global_load @b : tensor<1x3xf32>
  %y = tosa.add %x, %b : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
// CHECK-LABEL: func.func @g_eval(
// CHECK-LABEL: func.func @g_grad(
// CHECK-SAME: tensor<2x3xf32> {tqt.train.role = "target"}
// CHECK-LABEL: func.func @g_train_step(
