// Parameters held in ml_program globals (how models carry weights and log2
// thresholds) and elementwise arith on tensors run through the JIT and the
// AOT executable.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %npytool write %t/x.npy f32 "[1.0, -2.0, 0.5, 7.0]"
// RUN: tqt-run %s -i %t/x.npy | FileCheck %s
// RUN: tqt-run %s -i %t/x.npy --output-dir %t/jit
// RUN: tqt-compile %s --emit=exe -o %t/exe
// RUN: %t/exe -o %t/aot %t/x.npy
// RUN: %npytool same-dir %t/jit %t/aot | FileCheck %s --check-prefix=SAME

// x + w = [1.1, -1.8, 0.8, 7.4]; int8 at theta = 2 (s = 2^-5): codes
// round([35.2, -57.6, 25.6, 236.8]) = [35, -58, 26, 127 (saturated)].
// CHECK: result0: f32 (4,) = [1.09375, -1.8125, 0.8125, 3.96875]
// SAME: 1 of 1 files identical

ml_program.global private mutable @log2_t(dense<2.0> : tensor<f32>) : tensor<f32>
ml_program.global private @w(dense<[0.1, 0.2, 0.3, 0.4]> : tensor<4xf32>) : tensor<4xf32>
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %t = ml_program.global_load @log2_t : tensor<f32>
  %w = ml_program.global_load @w : tensor<4xf32>
  %y = arith.addf %x, %w : tensor<4xf32>
  %0 = tqt.fake_quant %y, %t bits(8) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}
