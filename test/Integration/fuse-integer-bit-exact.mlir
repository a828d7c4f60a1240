// The whole static flow (prepare, insert quantizers, calibrate, legalize,
// fuse) on two float networks that together use every supported op (conv +
// bias + ReLU6, batch norm + leaky ReLU, depthwise, residual add + ReLU, max
// and global average pooling, concat, fully connected), in every rounding
// mode: the integer-only program computes no float between its input
// quantization and output dequantization, its outputs equal the calibrated
// simulation graph's bit for bit, and so does every quantizer's codes
// (tqt-run --compare-layers) on 1024 samples that are not the calibration
// data: held-out, tie-heavy dyadic, saturating and tiny inputs, also with
// thresholds calibrated on a small-magnitude subset (flow.py).
// RUN: rm -rf %t && %python %S/Inputs/gen_small_net.py %t/small && %python %S/Inputs/gen_bn_net.py %t/bn
// RUN: %python %S/Inputs/flow.py %t/small %t/small/net.mlir %t/small/x.npy half_even | FileCheck %s --check-prefix=HALF_EVEN
// RUN: %python %S/Inputs/flow.py %t/small %t/small/net.mlir %t/small/x.npy half_up | FileCheck %s --check-prefix=HALF_UP
// RUN: %python %S/Inputs/flow.py %t/small %t/small/net.mlir %t/small/x.npy half_away | FileCheck %s --check-prefix=HALF_AWAY
// RUN: %python %S/Inputs/flow.py %t/small %t/small/net.mlir %t/small/x.npy floor | FileCheck %s --check-prefix=FLOOR
// RUN: %python %S/Inputs/flow.py %t/bn %t/bn/net.mlir %t/bn/x.npy half_even --prepare | FileCheck %s --check-prefix=HALF_EVEN
// RUN: %python %S/Inputs/flow.py %t/bn %t/bn/net.mlir %t/bn/x.npy half_up --prepare | FileCheck %s --check-prefix=HALF_UP
// RUN: %python %S/Inputs/flow.py %t/bn %t/bn/net.mlir %t/bn/x.npy half_away --prepare | FileCheck %s --check-prefix=HALF_AWAY
// RUN: %python %S/Inputs/flow.py %t/bn %t/bn/net.mlir %t/bn/x.npy floor --prepare | FileCheck %s --check-prefix=FLOOR
// The INT4 mode (4-bit weights, first/last layers 8-bit) and layer-bits=0
// (no accumulator quantizer, a 32-bit bias at the accumulator scale):
// RUN: %python %S/Inputs/flow.py %t/small %t/small/net.mlir %t/small/x.npy half_even "--insert=weight-bits=4" | FileCheck %s --check-prefix=HALF_EVEN
// RUN: %python %S/Inputs/flow.py %t/bn %t/bn/net.mlir %t/bn/x.npy half_up --prepare "--insert=weight-bits=4" | FileCheck %s --check-prefix=HALF_UP
// RUN: %python %S/Inputs/flow.py %t/small %t/small/net.mlir %t/small/x.npy floor "--insert=layer-bits=0" | FileCheck %s --check-prefix=FLOOR
// RUN: %python %S/Inputs/flow.py %t/bn %t/bn/net.mlir %t/bn/x.npy half_away --prepare "--insert=layer-bits=0" | FileCheck %s --check-prefix=HALF_AWAY
// Per-channel weight thresholds (one exponent per output channel, per-channel
// requantization shifts, in the int8 kernels too), at 8 and 4 bits:
// RUN: %python %S/Inputs/flow.py %t/small %t/small/net.mlir %t/small/x.npy half_even "--insert=per-channel-weights=true" | FileCheck %s --check-prefix=HALF_EVEN
// RUN: %python %S/Inputs/flow.py %t/bn %t/bn/net.mlir %t/bn/x.npy floor --prepare "--insert=per-channel-weights=true weight-bits=4" | FileCheck %s --check-prefix=FLOOR
//
// HALF_EVEN: half_even: legalized == simulation: yes
// HALF_EVEN: half_even: fused == simulation: yes
// HALF_EVEN: half_even: layers on edge inputs: bit-exact ({{[0-9]+}} quantizers, {{[0-9]+}} codes, {{[1-9][0-9]*}} saturate)
// HALF_EVEN: half_even: layers calibrated small: bit-exact ({{[0-9]+}} quantizers, {{[0-9]+}} codes, {{[1-9][0-9]*}} saturate)
// HALF_EVEN: half_even: integer-only check: 0 float ops
// HALF_UP: half_up: legalized == simulation: yes
// HALF_UP: half_up: fused == simulation: yes
// HALF_UP: half_up: layers on edge inputs: bit-exact ({{[0-9]+}} quantizers, {{[0-9]+}} codes, {{[1-9][0-9]*}} saturate)
// HALF_UP: half_up: layers calibrated small: bit-exact ({{[0-9]+}} quantizers, {{[0-9]+}} codes, {{[1-9][0-9]*}} saturate)
// HALF_UP: half_up: integer-only check: 0 float ops
// HALF_AWAY: half_away: legalized == simulation: yes
// HALF_AWAY: half_away: fused == simulation: yes
// HALF_AWAY: half_away: layers on edge inputs: bit-exact ({{[0-9]+}} quantizers, {{[0-9]+}} codes, {{[1-9][0-9]*}} saturate)
// HALF_AWAY: half_away: layers calibrated small: bit-exact ({{[0-9]+}} quantizers, {{[0-9]+}} codes, {{[1-9][0-9]*}} saturate)
// HALF_AWAY: half_away: integer-only check: 0 float ops
// FLOOR: floor: legalized == simulation: yes
// FLOOR: floor: fused == simulation: yes
// FLOOR: floor: layers on edge inputs: bit-exact ({{[0-9]+}} quantizers, {{[0-9]+}} codes, {{[1-9][0-9]*}} saturate)
// FLOOR: floor: layers calibrated small: bit-exact ({{[0-9]+}} quantizers, {{[0-9]+}} codes, {{[1-9][0-9]*}} saturate)
// FLOOR: floor: integer-only check: 0 float ops
