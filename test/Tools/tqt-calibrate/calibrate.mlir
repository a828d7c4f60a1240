// Quantizers are calibrated in program order on the data, each seeing the
// thresholds already set upstream.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %npytool write %t/x.npy f32 "[((i * 37) %% 97 - 48) / 16.0 for i in range(256)]" --shape 64,4
// RUN: tqt-calibrate %s --data %t/x.npy -o %t/static.mlir 2>&1 | FileCheck %s --check-prefix=LOG
// RUN: FileCheck %s --check-prefix=STATIC < %t/static.mlir
// RUN: tqt-calibrate %s --data %t/x.npy --mode=retrain --quiet -o %t/retrain.mlir
// RUN: FileCheck %s --check-prefix=RETRAIN < %t/retrain.mlir
// The calibrated model still runs (thresholds are ordinary globals).
// RUN: tqt-run %t/static.mlir -i %t/x.npy --print-limit 4 | FileCheck %s --check-prefix=EXEC

// 50 samples (the default) x 4 values; max |x| = 3 -> log2 3. The int8
// weights at 2^-1 clip 0.5 to 127/256, so the output's max is
// 2 * 3 * 0.49609375 = 2.9765625 (not 3): the output saw the weight threshold.
// LOG: tqt-calibrate: [1/3] @in: kl-j (max fallback) over 200 values, t = 3, log2 t = 1.58496
// LOG: tqt-calibrate: [2/3] @w_t: max over 4 values, t = 0.5, log2 t = -1
// LOG: tqt-calibrate: [3/3] @out: kl-j (max fallback) over 200 values, t = 2.97656, log2 t = 1.57365
// STATIC: ml_program.global private mutable @in(dense<1.58496249> : tensor<f32>) : tensor<f32> {tqt.calibration = "kl-j (max fallback)", tqt.log2_threshold}
// STATIC: ml_program.global private mutable @w_t(dense<-1.000000e+00> : tensor<f32>) : tensor<f32> {tqt.calibration = "max", tqt.log2_threshold, tqt.role = "weight"}
// STATIC: ml_program.global private mutable @out(dense<1.57364714> : tensor<f32>) : tensor<f32> {tqt.calibration = "kl-j (max fallback)", tqt.log2_threshold}
// STATIC: func.func @model

// 3SD of w = [0.5, -0.25, 0.125, 0.375]: 0.1875 + 3 * 0.2864110 = 1.0467330,
// log2 = 0.0658934; at 2^-6 nothing clips, so the output's max is 3.
// RETRAIN: @w_t(dense<0.065893{{[0-9]*}}> : tensor<f32>) : tensor<f32> {tqt.calibration = "3sd"
// RETRAIN: @out(dense<1.58496249> : tensor<f32>)

// Row 0: x = [-3, -0.6875, 1.625, -2.125] (exact at 2^-5), times 2 * w_q =
// [-2.9765625, 0.34375, 0.40625, -1.59375], quantized at 2^-5.
// EXEC: result0: f32 (64, 4) = [-2.96875, 0.34375, 0.40625, -1.59375, ... (252 more)]

ml_program.global private mutable @in(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
ml_program.global private mutable @w_t(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold, tqt.role = "weight"}
ml_program.global private mutable @out(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
ml_program.global private @w(dense<[0.5, -0.25, 0.125, 0.375]> : tensor<4xf32>) : tensor<4xf32>
func.func @model(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %tin = ml_program.global_load @in : tensor<f32>
  %xq = tqt.fake_quant %x, %tin bits(8) signed : tensor<?x4xf32>
  %w = ml_program.global_load @w : tensor<4xf32>
  %tw = ml_program.global_load @w_t : tensor<f32>
  %wq = tqt.fake_quant %w, %tw bits(8) signed : tensor<4xf32>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x4xf32>
  %wb = tensor.empty(%n) : tensor<?x4xf32>
  %wbb = linalg.broadcast ins(%wq : tensor<4xf32>) outs(%wb : tensor<?x4xf32>) dimensions = [0]
  %y = arith.mulf %xq, %wbb : tensor<?x4xf32>
  %y2 = arith.addf %y, %y : tensor<?x4xf32>
  %tout = ml_program.global_load @out : tensor<f32>
  %yq = tqt.fake_quant %y2, %tout bits(8) signed : tensor<?x4xf32>
  return %yq : tensor<?x4xf32>
}
