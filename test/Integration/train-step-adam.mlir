// The generated training step executed: Adam's first step moves every
// parameter by its learning rate against the gradient's sign (TV8), the
// moments are (1 - beta1) g and (1 - beta2) g^2, a frozen threshold keeps
// its value and both moments exactly while the weights still move, and the
// staircase schedules halve the thresholds' rate at step 1001 and scale the
// weights' by 0.94 at step 3001.
// RUN: rm -rf %t && mkdir -p %t
// RUN: tqt-opt %s --tqt-expand-training="loss=mse lr-weights=1e-3" -o %t/train.mlir
// RUN: %npytool write %t/w.npy f32 "[0.5, -0.25]" --shape 1,2
// RUN: %npytool write %t/t.npy f32 "[1.0]" --shape ""
// RUN: %npytool write %t/z2.npy f32 "[0, 0]" --shape 1,2
// RUN: %npytool write %t/z.npy f32 "[0]" --shape ""
// RUN: %npytool write %t/s1.npy i32 "[1]" --shape ""
// RUN: %npytool write %t/s1001.npy i32 "[1001]" --shape ""
// RUN: %npytool write %t/s3001.npy i32 "[3001]" --shape ""
// RUN: %npytool write %t/f0.npy f32 "[0]" --shape 1
// RUN: %npytool write %t/f1.npy f32 "[1]" --shape 1
// RUN: %npytool write %t/x.npy f32 "[0.3, -1.7, 2.2, 0.9, -0.6, 1.1, 3.9, -2.5]" --shape 4,2
// RUN: %npytool write %t/target.npy f32 "[0] * 8" --shape 4,2
// RUN: tqt-run %t/train.mlir -e f_train_step -i %t/w.npy -i %t/t.npy -i %t/z2.npy -i %t/z.npy -i %t/z2.npy -i %t/z.npy -i %t/s1.npy -i %t/f0.npy -i %t/x.npy -i %t/target.npy | FileCheck %s --check-prefix=STEP1
// RUN: tqt-run %t/train.mlir -e f_train_step -i %t/w.npy -i %t/t.npy -i %t/z2.npy -i %t/z.npy -i %t/z2.npy -i %t/z.npy -i %t/s1.npy -i %t/f1.npy -i %t/x.npy -i %t/target.npy | FileCheck %s --check-prefix=FROZEN
// RUN: tqt-run %t/train.mlir -e f_train_step -i %t/w.npy -i %t/t.npy -i %t/z2.npy -i %t/z.npy -i %t/z2.npy -i %t/z.npy -i %t/s1001.npy -i %t/f0.npy -i %t/x.npy -i %t/target.npy | FileCheck %s --check-prefix=DECAY1
// RUN: tqt-run %t/train.mlir -e f_train_step -i %t/w.npy -i %t/t.npy -i %t/z2.npy -i %t/z.npy -i %t/z2.npy -i %t/z.npy -i %t/s3001.npy -i %t/f0.npy -i %t/x.npy -i %t/target.npy | FileCheck %s --check-prefix=DECAY3

ml_program.global private @w(dense<[[0.5, -0.25]]> : tensor<1x2xf32>) : tensor<1x2xf32>
ml_program.global private mutable @t(dense<1.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
func.func @f(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %s = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %t = ml_program.global_load @t : tensor<f32>
  %xq = tqt.fake_quant %x, %t bits(8) signed : tensor<4x2xf32>
  %w = ml_program.global_load @w : tensor<1x2xf32>
  %y = tosa.mul %xq, %w, %s : (tensor<4x2xf32>, tensor<1x2xf32>, tensor<1xi8>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// Results: w, t, m_w, m_t, v_w, v_t, loss, output, threshold_grads,
// lr_weights, lr_thresholds. With a zero target the weights' gradient has
// their sign, so each moves towards 0 by lr = 1e-3.
// STEP1: result0: f32 (1, 2) = [0.498999983, -0.248999998]
// STEP1: result1: f32 () = [0.98999995]
// STEP1: result2: f32 (1, 2) = [0.10395205, -0.055738844]
// STEP1: result3: f32 () = [0.0384345315]
// STEP1: result4: f32 (1, 2) = [0.00108058844, 0.000310677744]
// STEP1: result5: f32 () = [0.000147719358]
// STEP1: result8: f32 (1,) = [0.384345233]
// STEP1: result9: f32 () = [0.00100000005]
// STEP1: result10: f32 () = [0.00999999978]

// FROZEN: result0: f32 (1, 2) = [0.498999983, -0.248999998]
// FROZEN: result1: f32 () = [1]
// FROZEN: result3: f32 () = [0]
// FROZEN: result5: f32 () = [0]
// FROZEN: result8: f32 (1,) = [0.384345233]

// DECAY1: result9: f32 () = [0.00100000005]
// DECAY1: result10: f32 () = [0.00499999989]
// DECAY3: result9: f32 () = [0.000939999998]
// DECAY3: result10: f32 () = [0.00124999997]
