// RUN: rm -rf %t && mkdir -p %t
// RUN: %npytool write %t/x.npy f32 "[0.5, 1.0, 1.5, 2.0]" --shape 4,1
// RUN: %npytool write %t/i.npy i32 "[1, 2, 3, 4]" --shape 4,1
// RUN: not tqt-calibrate %s -e two_args --data %t/x.npy -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=ARGS
// ARGS: tqt-calibrate: error: @two_args takes 2 arguments; calibration feeds exactly one (the samples)
// RUN: not tqt-calibrate %s -e two_args --data %t/x.npy --kernels=sse -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=KERNELS
// KERNELS: tqt-calibrate: error: unknown --kernels value 'sse' (expected auto, none, avx2, avx-vnni or avx512-vnni)
// RUN: not tqt-calibrate %s -e arg_threshold --data %t/x.npy -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=NOTGLOBAL
// NOTGLOBAL: tqt-calibrate: error: {{.*}}errors.mlir:{{[0-9]+}}:{{[0-9]+}}: the threshold of this tqt.fake_quant is not a load of an ml_program.global; calibration writes thresholds into globals (docs/Parameters.md)
// RUN: not tqt-calibrate %s -e mismatch --data %t/x.npy -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=GRID
// GRID: tqt-calibrate: error: {{.*}}: quantizers sharing @t disagree on their grid (bits(8) vs bits(4) or signedness)
// RUN: not tqt-calibrate %s -e channel_mismatch --data %t/x.npy -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=CHANNELS
// CHANNELS: tqt-calibrate: error: {{.*}}: quantizers sharing @tc disagree on their channels (axis or threshold count)
// RUN: not tqt-calibrate %s -e dynamic_after_axis --data %t/x.npy -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=AXIS
// AXIS: tqt-calibrate: error: {{.*}}errors.mlir:{{[0-9]+}}:{{[0-9]+}}: the per-channel quantizer of @tc has dynamic dimensions after its channel axis
// RUN: not tqt-calibrate %s -e training --data %t/x.npy -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=GRAD
// GRAD: tqt-calibrate: error: {{.*}}: tqt.fake_quant_grad: a training graph cannot be calibrated
// RUN: not tqt-calibrate %s -e none --data %t/x.npy -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: tqt-calibrate: error: @none has no tqt.fake_quant to calibrate
// RUN: not tqt-calibrate %s -e static2 --data %t/x.npy --samples 3 -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=BATCH
// BATCH: tqt-calibrate: error: the 3 samples do not fill whole batches of 2 (the model's static batch); pass a multiple
// RUN: not tqt-calibrate %s -e static2 --data %t/i.npy -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: tqt-calibrate: error: calibration samples must be an f32 tensor with a sample dimension, got int32 (4, 1)
// RUN: not tqt-calibrate %s -e static2 -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=NODATA
// NODATA: tqt-calibrate: error: give exactly one of --data and --dataset
// RUN: not tqt-calibrate %s -e static2 --dataset mnist -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=DATASET
// DATASET: tqt-calibrate: error: unknown dataset 'mnist' (supported: fashion-mnist)
// RUN: not tqt-calibrate %s -e static2 --dataset fashion-mnist --dataset-dir %t/nowhere -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=NODIR
// NODIR: tqt-calibrate: error: {{.*}}nowhere/train-images-idx3-ubyte.gz: cannot read: {{.*}} (install Debian's dataset-fashion-mnist package)
// RUN: not tqt-calibrate %s -e static2 --data %t/x.npy --activation-method kl -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=METHOD
// METHOD: tqt-calibrate: error: unknown --activation-method 'kl' (max, 3sd or kl-j)
// RUN: not tqt-calibrate %s -e static2 --data %t/x.npy --samples 0 -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=SAMPLES
// SAMPLES: tqt-calibrate: error: --samples must be positive
// RUN: not tqt-calibrate %s -e calls --data %t/x.npy -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=CALLS
// CALLS: tqt-calibrate: error: {{.*}}errors.mlir:{{[0-9]+}}:{{[0-9]+}}: calls are not followed by calibration (quantizers in the callee would be missed); inline first (tqt-opt --inline)
// RUN: not tqt-calibrate %s -e static2 --data %t/x.npy --samples 10 -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=TOOMANY
// TOOMANY: tqt-calibrate: error: --samples 10 asks for more than the 4 samples of the data
// RUN: not tqt-calibrate %s -e static2 --data %t/x.npy --batch-size -3 -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=NEGBATCH
// NEGBATCH: tqt-calibrate: error: --batch-size must be positive (or 0: all samples at once)
// Non-finite data: an error when nothing finite is left, a warning with
// counts otherwise; never a silent -100 or +inf threshold.
// RUN: %npytool write %t/nan.npy f32 "[nan, nan, nan, nan]" --shape 4,1
// RUN: %npytool write %t/inf.npy f32 "[inf, -inf, inf, inf]" --shape 4,1
// RUN: %npytool write %t/mixed.npy f32 "[nan, 1.0, inf, 2.0]" --shape 4,1
// RUN: not tqt-calibrate %s -e static2 --data %t/nan.npy -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=ALLNAN
// ALLNAN: tqt-calibrate: error: the calibration samples hold no finite value (4 NaN, 0 infinite)
// RUN: not tqt-calibrate %s -e static2 --data %t/inf.npy -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=ALLINF
// ALLINF: tqt-calibrate: error: the calibration samples hold no finite value (0 NaN, 4 infinite)
// RUN: not tqt-calibrate %s -e overflows --data %t/x.npy -o %t/o.mlir 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// OVERFLOW: tqt-calibrate: error: {{.*}}errors.mlir:{{[0-9]+}}:{{[0-9]+}}: the quantizer of @t saw no finite value during calibration (0 NaN, 4 infinite of 4); check the calibration data and the model
// RUN: not ls %t/o.mlir
// RUN: tqt-calibrate %s -e static2 --data %t/mixed.npy --quiet -o %t/mixed.mlir 2>&1 | FileCheck %s --check-prefix=MIXED
// MIXED: tqt-calibrate: warning: the calibration samples hold 1 NaN and 1 infinite values (of 4); thresholds are computed from the finite values
// MIXED: tqt-calibrate: warning: @t: 1 NaN and 1 infinite values left out (threshold from 2 finite values)
// RUN: FileCheck %s --check-prefix=MIXEDT < %t/mixed.mlir
// MIXEDT: @t(dense<1.000000e+00> : tensor<f32>)
// A static batch that divides the samples works.
// RUN: tqt-calibrate %s -e static2 --data %t/x.npy --quiet -o %t/o.mlir
// RUN: FileCheck %s --check-prefix=STATIC2 < %t/o.mlir
// STATIC2: @t(dense<1.000000e+00> : tensor<f32>)

ml_program.global private mutable @t(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
func.func @two_args(%x: tensor<?x1xf32>, %y: tensor<?x1xf32>) -> tensor<?x1xf32> {
  %t = ml_program.global_load @t : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<?x1xf32>
  return %0 : tensor<?x1xf32>
}
func.func @arg_threshold(%x: tensor<?x1xf32>) -> tensor<?x1xf32> {
  %t = arith.constant dense<1.0> : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<?x1xf32>
  return %0 : tensor<?x1xf32>
}
func.func @mismatch(%x: tensor<?x1xf32>) -> tensor<?x1xf32> {
  %t = ml_program.global_load @t : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<?x1xf32>
  %1 = tqt.fake_quant %0, %t bits(4) signed : tensor<?x1xf32>
  return %1 : tensor<?x1xf32>
}
ml_program.global private mutable @tc(dense<0.0> : tensor<1xf32>) : tensor<1xf32> {tqt.log2_threshold}
func.func @channel_mismatch(%x: tensor<4x1xf32>) -> tensor<4x1xf32> {
  %t = ml_program.global_load @tc : tensor<1xf32>
  %0 = tqt.fake_quant %x, %t bits(8) signed axis(1) : tensor<4x1xf32>
  %1 = tqt.fake_quant %0, %t bits(8) signed axis(1) : tensor<4x1xf32>
  %w = arith.constant dense<0.5> : tensor<1x4xf32>
  %2 = tqt.fake_quant %w, %t bits(8) signed axis(0) : tensor<1x4xf32>
  return %1 : tensor<4x1xf32>
}
func.func @dynamic_after_axis(%x: tensor<1x?xf32>) -> tensor<1x?xf32> {
  %t = ml_program.global_load @tc : tensor<1xf32>
  %0 = tqt.fake_quant %x, %t bits(8) signed axis(0) : tensor<1x?xf32>
  return %0 : tensor<1x?xf32>
}
func.func @training(%x: tensor<?x1xf32>) -> tensor<?x1xf32> {
  %t = ml_program.global_load @t : tensor<f32>
  %dx, %dt = tqt.fake_quant_grad %x, %t, %x bits(8) signed : tensor<?x1xf32>
  return %dx : tensor<?x1xf32>
}
func.func @none(%x: tensor<?x1xf32>) -> tensor<?x1xf32> {
  return %x : tensor<?x1xf32>
}
func.func @static2(%x: tensor<2x1xf32>) -> tensor<2x1xf32> {
  %t = ml_program.global_load @t : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}
func.func private @callee(%x: tensor<?x1xf32>) -> tensor<?x1xf32> {
  %t = ml_program.global_load @t : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<?x1xf32>
  return %0 : tensor<?x1xf32>
}
func.func @calls(%x: tensor<?x1xf32>) -> tensor<?x1xf32> {
  %0 = func.call @callee(%x) : (tensor<?x1xf32>) -> tensor<?x1xf32>
  return %0 : tensor<?x1xf32>
}
func.func @overflows(%x: tensor<4x1xf32>) -> tensor<4x1xf32> {
  %big = arith.constant dense<3.0e38> : tensor<4x1xf32>
  %y = arith.mulf %x, %big : tensor<4x1xf32>
  %z = arith.mulf %y, %big : tensor<4x1xf32>
  %t = ml_program.global_load @t : tensor<f32>
  %0 = tqt.fake_quant %z, %t bits(8) signed : tensor<4x1xf32>
  return %0 : tensor<4x1xf32>
}
