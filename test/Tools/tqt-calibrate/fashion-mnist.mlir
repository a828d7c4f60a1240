// Calibration on the first 50 Fashion-MNIST training images (pixel / 255):
// 39200 values give 198 histogram bins, enough for KL-J on an int8 grid
// (129) but not on a uint8 one (257, so MAX). The expected thresholds were
// computed by an independent numpy implementation of tqt-method 3.2:
// 0.99747474... (log2 = -0.0036477770) and 1.0.
// REQUIRES: fashion-mnist
// RUN: tqt-calibrate %s --dataset fashion-mnist --samples 50 -o %t.mlir 2>&1 | FileCheck %s --check-prefix=LOG
// RUN: FileCheck %s < %t.mlir
// LOG: [1/2] @in_s8: kl-j over 39200 values, t = 0.997475
// LOG: [2/2] @in_u8: kl-j (max fallback) over 39200 values, t = 1, log2 t = 0
// CHECK: @in_s8(dense<-0.0036477{{[0-9]*}}> : tensor<f32>) : tensor<f32> {tqt.calibration = "kl-j", tqt.log2_threshold}
// CHECK: @in_u8(dense<0.000000e+00> : tensor<f32>) : tensor<f32> {tqt.calibration = "kl-j (max fallback)", tqt.log2_threshold}

ml_program.global private mutable @in_s8(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
ml_program.global private mutable @in_u8(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
func.func @images(%x: tensor<?x28x28x1xf32>) -> (tensor<?x28x28x1xf32>, tensor<?x28x28x1xf32>) {
  %t = ml_program.global_load @in_s8 : tensor<f32>
  %u = ml_program.global_load @in_u8 : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<?x28x28x1xf32>
  %1 = tqt.fake_quant %x, %u bits(8) unsigned : tensor<?x28x28x1xf32>
  return %0, %1 : tensor<?x28x28x1xf32>, tensor<?x28x28x1xf32>
}
