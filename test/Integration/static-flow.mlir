// The static flow on a small float network (conv + bias + ReLU6, depthwise,
// residual add + ReLU, max pooling, concat, fully connected): insert
// quantizers, calibrate on data, legalize to power-of-2 exponents. The
// legalized program equals the calibrated simulation graph bit for bit, and
// the INT8 simulation stays close to the float network.
// RUN: rm -rf %t && %python %S/Inputs/gen_small_net.py %t
// RUN: tqt-opt %t/net.mlir --tqt-insert-quantizers -o %t/sim.mlir
// RUN: tqt-calibrate %t/sim.mlir --data %t/x.npy -o %t/cal.mlir 2>&1 | FileCheck %s --check-prefix=CAL
// RUN: tqt-opt %t/cal.mlir --tqt-legalize-pow2 -o %t/legal.mlir
// RUN: tqt-run %t/net.mlir -i %t/x.npy --output-dir %t/float
// RUN: tqt-run %t/cal.mlir -i %t/x.npy --output-dir %t/sim
// RUN: tqt-run %t/legal.mlir -i %t/x.npy --output-dir %t/legal
// RUN: %npytool same-dir %t/sim %t/legal | FileCheck %s --check-prefix=SAME
// RUN: %npytool within %t/float/result0.npy %t/sim/result0.npy 0.15 | FileCheck %s --check-prefix=CLOSE
// The same under half_up rounding.
// RUN: tqt-opt %t/net.mlir --tqt-insert-quantizers="rounding=half_up" -o %t/sim_up.mlir
// RUN: tqt-calibrate %t/sim_up.mlir --data %t/x.npy --quiet -o %t/cal_up.mlir
// RUN: tqt-opt %t/cal_up.mlir --tqt-legalize-pow2 -o %t/legal_up.mlir
// RUN: tqt-run %t/cal_up.mlir -i %t/x.npy --output-dir %t/sim_up
// RUN: tqt-run %t/legal_up.mlir -i %t/x.npy --output-dir %t/legal_up
// RUN: %npytool same-dir %t/sim_up %t/legal_up | FileCheck %s --check-prefix=SAME

// Per-channel weight thresholds: each channel's from its own values (MAX:
// the channel's largest magnitude, checked against the weights by
// Inputs/check_channel_thresholds.py); the legalized program still equals
// the simulation.
// RUN: tqt-opt %t/net.mlir --tqt-insert-quantizers="per-channel-weights=true" -o %t/sim_pc.mlir
// RUN: tqt-calibrate %t/sim_pc.mlir --data %t/x.npy -o %t/cal_pc.mlir 2>&1 | FileCheck %s --check-prefix=CAL_PC
// RUN: %python %S/Inputs/check_channel_thresholds.py %t/cal_pc.mlir | FileCheck %s --check-prefix=MAX_PC
// RUN: tqt-opt %t/cal_pc.mlir --tqt-legalize-pow2 -o %t/legal_pc.mlir
// RUN: tqt-run %t/cal_pc.mlir -i %t/x.npy --output-dir %t/sim_pc
// RUN: tqt-run %t/legal_pc.mlir -i %t/x.npy --output-dir %t/legal_pc
// RUN: %npytool same-dir %t/sim_pc %t/legal_pc | FileCheck %s --check-prefix=SAME
// CAL_PC: @q.conv2d_0.weight: max over 36 values, largest of 4 channels
// CAL_PC: @q.depthwise_conv2d_0.weight: max over 36 values, largest of 4 channels
// CAL_PC: @q.matmul_0.weight: max over 1280 values, largest of 10 channels
// MAX_PC: 3 per-channel thresholds, 18 channels: each log2 of its channel's max |w|

// Thresholds in program order; the accumulators share theirs with the biases.
// CAL: [1/11] @q.input0: kl-j (max fallback) over 3200 values
// CAL: @q.conv2d_0.weight: max over 36 values
// CAL: @q.conv2d_0.acc: kl-j (max fallback) over 12804 values
// CAL: [11/11] @q.matmul_0.out
// Groups that depend on no threshold set since a run began share it: the
// input and the three weight thresholds take one run.
// Each run is a stage that computes only what its wave reads and has not
// been computed before: every op runs once per batch.
// CAL: tqt-calibrate: 11 thresholds in 8 runs over the samples (each op once, in stages)
// The shared runs give the thresholds one run per threshold gives, byte for
// byte (this network has a residual add, a concat and parallel branches).
// RUN: tqt-calibrate %t/sim.mlir --data %t/x.npy --one-run-per-threshold -o %t/cal_seq.mlir 2>&1 | FileCheck %s --check-prefix=SEQ
// RUN: cmp %t/cal.mlir %t/cal_seq.mlir
// SEQ: tqt-calibrate: 11 thresholds in 11 runs over the samples (each op once, in stages)
// Running the whole graph every run gives the same bytes too.
// RUN: tqt-calibrate %t/sim.mlir --data %t/x.npy --whole-graph-runs -o %t/cal_whole.mlir 2>&1 | FileCheck %s --check-prefix=WHOLE
// RUN: cmp %t/cal.mlir %t/cal_whole.mlir
// WHOLE: tqt-calibrate: 11 thresholds in 8 runs over the samples (the whole graph each run: --whole-graph-runs)
// SAME: 1 of 1 files identical
// CLOSE: within 0.15
