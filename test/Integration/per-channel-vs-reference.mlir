// Per-channel tqt ops (one threshold, exponent or shift per channel along an
// axis: the last, a middle and the first), lowered by --tqt-lower-to-llvm and
// JIT-executed, are byte-identical to the numerics reference (tqt-run
// --reference: FixedPoint.h's per-channel forms). Every channel has its own
// scale and its own ties, clip edges, NaN, +-inf, -0.0 and subnormals, so
// reading a neighbour's parameter changes the bytes; the NaN cases give one
// channel a NaN threshold.
//
// RUN: rm -rf %t && %python %S/Inputs/gen_per_channel.py %t
//
// RUN: tqt-run %t/per_channel.mlir -e fq -i %t/x2.npy -i %t/x3.npy --output-dir %t/jit/fq
// RUN: tqt-run %t/per_channel.mlir -e fq -i %t/x2.npy -i %t/x3.npy --output-dir %t/ref/fq --reference
// RUN: %npytool same-dir %t/jit/fq %t/ref/fq | FileCheck %s --check-prefix=FQ
// FQ: 48 of 48 files identical
//
// RUN: tqt-run %t/per_channel.mlir -e grad -i %t/x2.npy -i %t/dy2.npy -i %t/x3.npy -i %t/dy3.npy --output-dir %t/jit/grad
// RUN: tqt-run %t/per_channel.mlir -e grad -i %t/x2.npy -i %t/dy2.npy -i %t/x3.npy -i %t/dy3.npy --output-dir %t/ref/grad --reference
// RUN: %npytool same-dir %t/jit/grad %t/ref/grad | FileCheck %s --check-prefix=GRAD
// GRAD: 96 of 96 files identical
//
// RUN: tqt-run %t/per_channel.mlir -e qdq -i %t/x2.npy -i %t/x0.npy --output-dir %t/jit/qdq
// RUN: tqt-run %t/per_channel.mlir -e qdq -i %t/x2.npy -i %t/x0.npy --output-dir %t/ref/qdq --reference
// RUN: %npytool same-dir %t/jit/qdq %t/ref/qdq | FileCheck %s --check-prefix=QDQ
// QDQ: 48 of 48 files identical
//
// RUN: tqt-run %t/per_channel.mlir -e rq -i %t/a2.npy --output-dir %t/jit/rq
// RUN: tqt-run %t/per_channel.mlir -e rq -i %t/a2.npy --output-dir %t/ref/rq --reference
// RUN: %npytool same-dir %t/jit/rq %t/ref/rq | FileCheck %s --check-prefix=RQ
// RQ: 12 of 12 files identical
//
// The per-channel parameters matter: channel 1 of the first fake_quant
// (exponent -4) differs from what channel 0's exponent (-1) gives, and the
// NaN-threshold channel is NaN only in its own column.
// RUN: %python %S/Inputs/check_per_channel.py %t
//
// Per-channel half_up requantization through --convert-tqt-to-tosa: one
// per_channel tosa.rescale (a multiplier and shift per channel), the same
// bytes as the reference.
// RUN: tqt-opt --convert-tqt-to-tosa %t/per_channel_half_up.mlir -o %t/tosa.mlir
// RUN: FileCheck %s --check-prefix=TOSA --implicit-check-not=tqt.requantize < %t/tosa.mlir
// RUN: tqt-run %t/tosa.mlir -e rq_half_up -i %t/a2.npy --output-dir %t/tosa
// RUN: tqt-run %t/per_channel_half_up.mlir -e rq_half_up -i %t/a2.npy --output-dir %t/ref/hu --reference
// RUN: %npytool same-dir %t/tosa %t/ref/hu | FileCheck %s --check-prefix=HU
// HU: 4 of 4 files identical
// TOSA-LABEL: func.func @rq_half_up
// TOSA: %[[SHIFT:.*]] = "tosa.const"() <{values = dense<[33, 31, 30, 40, 31, 36, 30, 34]> : tensor<8xi8>}>
// TOSA: tosa.rescale %{{.*}}, %{{.*}}, %[[SHIFT]], {{.*}} per_channel = true
