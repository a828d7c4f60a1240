// RUN: tqt-opt %s -split-input-file --tqt-expand-training | FileCheck %s
// RUN: tqt-opt %s -split-input-file --tqt-expand-training="train-weights=false loss=mse" | FileCheck %s --check-prefix=THR

// A simulation graph: weights are globals, two thresholds (one shared by
// nothing else), cross-entropy; parameters become arguments in the order
// weights, then thresholds; fake_quant gets its TQT gradient.
ml_program.global private @w(dense<[[0.5, -0.25]]> : tensor<1x2xf32>) : tensor<1x2xf32>
ml_program.global private mutable @w.log2_t(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold, tqt.role = "weight"}
ml_program.global private mutable @act.log2_t(dense<1.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
func.func @net(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %s = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %w = ml_program.global_load @w : tensor<1x2xf32>
  %tw = ml_program.global_load @w.log2_t : tensor<f32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<1x2xf32>
  %ta = ml_program.global_load @act.log2_t : tensor<f32>
  %xq = tqt.fake_quant %x, %ta bits(8) signed : tensor<?x2xf32>
  %y = tosa.mul %xq, %wq, %s : (tensor<?x2xf32>, tensor<1x2xf32>, tensor<1xi8>) -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

// CHECK-LABEL: func.func @net(
// CHECK-LABEL: func.func @net_eval(
// CHECK-SAME: %[[W:[^:]*]]: tensor<1x2xf32> {tqt.train.global = @w, tqt.train.group = "weights", tqt.train.role = "param"}
// CHECK-SAME: tensor<f32> {tqt.train.global = @w.log2_t, tqt.train.group = "thresholds", tqt.train.role = "param"}
// CHECK-SAME: tensor<f32> {tqt.train.global = @act.log2_t, tqt.train.group = "thresholds", tqt.train.role = "param"}
// CHECK-SAME: tensor<?x2xf32> {tqt.train.role = "input"}
// CHECK-SAME: -> (tensor<?x2xf32> {tqt.train.role = "output"})
// CHECK-NOT: ml_program.global_load
// CHECK: tqt.fake_quant %[[W]]
// CHECK-NOT: ml_program.global_load
// CHECK-LABEL: func.func @net_grad(
// CHECK-SAME: tensor<?xi32> {tqt.train.role = "labels"}
// CHECK-SAME: -> (tensor<f32> {tqt.train.role = "loss"}, tensor<?x2xf32> {tqt.train.role = "output"}, tensor<1x2xf32> {tqt.train.global = @w, tqt.train.role = "grad"}
// CHECK: math.exp
// CHECK: math.log
// CHECK-DAG: tqt.fake_quant_grad {{.*}} bits(8) signed : tensor<1x2xf32>
// CHECK-DAG: tqt.fake_quant_grad {{.*}} bits(8) signed : tensor<?x2xf32>
// CHECK-LABEL: func.func @net_train_step(
// CHECK-SAME: {tqt.train.global = @w, tqt.train.role = "adam_m"}
// CHECK-SAME: {tqt.train.global = @act.log2_t, tqt.train.role = "adam_v"}
// CHECK-SAME: tensor<i32> {tqt.train.role = "step"}, %[[FROZEN:[^:]*]]: tensor<2xf32> {tqt.train.role = "frozen"}
// CHECK-SAME: tensor<2xf32> {tqt.train.role = "threshold_grads"}, tensor<f32> {tqt.train.role = "lr_weights"}, tensor<f32> {tqt.train.role = "lr_thresholds"})
// CHECK: math.powf
// CHECK: tensor.extract %[[FROZEN]]
// CHECK: linalg.generic
// CHECK: math.sqrt
// CHECK: arith.select
// CHECK: tensor.from_elements {{.*}} : tensor<2xf32>

// Thresholds only, mean squared error against a target of the output type.
// THR-LABEL: func.func @net_grad(
// THR-NOT: tqt.train.group = "weights"
// THR-SAME: tensor<?x2xf32> {tqt.train.role = "target"}
// THR-LABEL: func.func @net_train_step(
