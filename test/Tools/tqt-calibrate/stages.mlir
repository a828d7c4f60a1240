// Calibration runs each op once, in the stage of the first wave that reads
// it, unless a quantizer's input depends on a threshold calibrated after it:
// here @s is shared by the first and the last quantizer, and @b, calibrated
// before @s (its last member comes first), reads the first one's output. Then
// every run is the whole graph, and @b sees @s's initial threshold, as it
// would calibrated on its own run.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %npytool write %t/x.npy f32 "[((i * 37) %% 97 - 48) / 16.0 for i in range(256)]" --shape 64,4
// RUN: tqt-calibrate %s --data %t/x.npy -o %t/cal.mlir 2>&1 | FileCheck %s
// RUN: tqt-calibrate %s --data %t/x.npy --whole-graph-runs --quiet -o %t/whole.mlir
// RUN: cmp %t/cal.mlir %t/whole.mlir
// RUN: tqt-calibrate %s --data %t/x.npy --one-run-per-threshold --quiet -o %t/seq.mlir
// RUN: cmp %t/cal.mlir %t/seq.mlir

// x in [-3, 3] through @s at its initial 2^0: [-1, 127/128], max |.| = 1.
// CHECK: tqt-calibrate: [1/2] @b: kl-j (max fallback) over 200 values, t = 1, log2 t = 0
// CHECK: tqt-calibrate: [2/2] @s: kl-j (max fallback) over 400 values
// CHECK: tqt-calibrate: 2 thresholds in 2 runs over the samples (the whole graph each run: {{.*}}stages.mlir:[[# @LINE + 9]]:9: this quantizer's input depends on a threshold calibrated after it (one shared with a later quantizer))

ml_program.global private mutable @s(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
ml_program.global private mutable @b(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}

func.func @model(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %ts = ml_program.global_load @s : tensor<f32>
  %y1 = tqt.fake_quant %x, %ts bits(8) signed : tensor<?x4xf32>
  %tb = ml_program.global_load @b : tensor<f32>
  %y2 = tqt.fake_quant %y1, %tb bits(8) signed : tensor<?x4xf32>
  %z = tosa.add %y2, %x : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  %y3 = tqt.fake_quant %z, %ts bits(8) signed : tensor<?x4xf32>
  return %y3 : tensor<?x4xf32>
}
