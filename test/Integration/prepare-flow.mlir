// A network in exporter form (batch norm as sub/mul/add, leaky ReLU as
// maximum, ReLU6, global average pooling, fully connected): --tqt-prepare
// keeps the float function (up to float rounding of the folded weights),
// and after insert / calibrate / legalize the legalized program equals the
// calibrated simulation graph bit for bit and stays close to float.
// RUN: rm -rf %t && %python %S/Inputs/gen_bn_net.py %t
// RUN: tqt-opt %t/net.mlir --tqt-prepare -o %t/prep.mlir
// RUN: FileCheck %s --check-prefix=PREP < %t/prep.mlir
// RUN: tqt-opt %t/prep.mlir --tqt-insert-quantizers -o %t/sim.mlir
// RUN: tqt-calibrate %t/sim.mlir --data %t/x.npy --quiet -o %t/cal.mlir
// RUN: tqt-opt %t/cal.mlir --tqt-legalize-pow2 -o %t/legal.mlir
// RUN: tqt-run %t/net.mlir -i %t/x.npy --output-dir %t/float
// RUN: tqt-run %t/prep.mlir -i %t/x.npy --output-dir %t/prep
// RUN: tqt-run %t/cal.mlir -i %t/x.npy --output-dir %t/sim
// RUN: tqt-run %t/legal.mlir -i %t/x.npy --output-dir %t/legal
// RUN: %npytool within %t/float/result0.npy %t/prep/result0.npy 1e-6 | FileCheck %s --check-prefix=CLOSE
// RUN: %npytool same-dir %t/sim %t/legal | FileCheck %s --check-prefix=SAME
// Measured: 1.0e-7 (folding; the bound leaves 10x for float contraction
// that differs between CPUs) and 0.0109 (quantization, under two LSBs of the
// 8-bit output grid 2^-7; the bound leaves 2x).
// RUN: %npytool within %t/float/result0.npy %t/sim/result0.npy 0.02 | FileCheck %s --check-prefix=CLOSE

// PREP-NOT: tosa.sub
// PREP-NOT: tosa.avg_pool2d
// PREP: tosa.depthwise_conv2d {{.*}}tqt.avgpool
// CLOSE: within
// SAME: 1 of 1 files identical
