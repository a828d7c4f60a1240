// tqt's quantize/dequantize expressed with the upstream quant dialect
// (--convert-tqt-to-quant) and lowered by upstream's --lower-quant-ops give
// the same bits as tqt's own lowering, in every rounding mode, for unsigned,
// narrow and 4-bit grids, on ties (k/8 at scale 1/4 and 1/8), saturating
// values, +-inf, NaN, -0.0 and tiny values; so does the round trip back
// through --convert-quant-to-tqt.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %npytool write %t/x.npy f32 "[k / 8 for k in range(-40, 40)] + [100, -100, inf, -inf, nan, -0.0, 1e-30, -1e-30, 31.875, 31.9, -32.0, -32.2, 63.875, 64.0]"
// RUN: tqt-opt %s --convert-tqt-to-quant -o %t/quant.mlir
// RUN: FileCheck %s --input-file=%t/quant.mlir --check-prefix=QUANT
// RUN: tqt-opt %t/quant.mlir --pass-pipeline="builtin.module(func.func(lower-quant-ops),canonicalize)" -o %t/lowered.mlir
// RUN: FileCheck %s --input-file=%t/lowered.mlir --check-prefix=LOWERED --implicit-check-not=quant.
// RUN: tqt-opt %t/quant.mlir --convert-quant-to-tqt -o %t/back.mlir
// RUN: FileCheck %s --input-file=%t/back.mlir --check-prefix=BACK --implicit-check-not=quant.
// RUN: for f in half_even half_up half_away floor unsigned narrow4; do \
// RUN:   tqt-run %s -e $f -i %t/x.npy --output-dir %t/tqt_$f > /dev/null && \
// RUN:   tqt-run %t/lowered.mlir -e $f -i %t/x.npy --output-dir %t/upstream_$f > /dev/null && \
// RUN:   tqt-run %t/back.mlir -e $f -i %t/x.npy --output-dir %t/back_$f > /dev/null && \
// RUN:   %npytool same-dir %t/tqt_$f %t/upstream_$f && %npytool same-dir %t/tqt_$f %t/back_$f \
// RUN:   || exit 1; done | FileCheck %s --check-prefix=SAME
// The modes differ on these inputs (the comparison is not vacuous).
// RUN: not %npytool same %t/tqt_half_even/result0.npy %t/tqt_half_up/result0.npy
// RUN: not %npytool same %t/tqt_half_up/result0.npy %t/tqt_half_away/result0.npy
// RUN: not %npytool same %t/tqt_half_away/result0.npy %t/tqt_floor/result0.npy

// QUANT-LABEL: func.func @half_even
// QUANT:         linalg.generic
// QUANT:           math.roundeven
// QUANT:         quant.qcast {{.*}} to tensor<94x!quant.uniform<i8:f32, 2.500000e-01>>
// QUANT:         quant.dcast {{.*}} : tensor<94x!quant.uniform<i8:f32, 2.500000e-01>> to tensor<94xf32>
// QUANT-LABEL: func.func @unsigned
// QUANT:         quant.qcast {{.*}} to tensor<94x!quant.uniform<u16<0:255>:f32, 1.250000e-01>>
// QUANT-LABEL: func.func @narrow4
// QUANT:         quant.qcast {{.*}} to tensor<94x!quant.uniform<i8<-7:7>:f32, 5.000000e-01>>

// LOWERED-LABEL: func.func @half_even
// LOWERED:         arith.fptosi
// LOWERED-LABEL: func.func @unsigned
// LOWERED:         arith.fptoui

// BACK-LABEL: func.func @half_even
// BACK:         tqt.quantize {{.*}} exp(-2) bits(8) signed
// BACK:         tqt.dequantize {{.*}} exp(-2) bits(8) signed
// BACK-LABEL: func.func @narrow4
// BACK:         tqt.quantize {{.*}} exp(-1) bits(4) signed narrow

// SAME-COUNT-12: 2 of 2 files identical

// Per-channel exponents (axis 1 of [47, 2]: -2 and -3) as the per-axis type
// !quant.uniform<i8:f32:1, {0.25, 0.125}>, on the same values.
// RUN: %npytool write %t/x2.npy f32 "[k / 8 for k in range(-40, 40)] + [100, -100, inf, -inf, nan, -0.0, 1e-30, -1e-30, 31.875, 31.9, -32.0, -32.2, 63.875, 64.0]" --shape 47,2
// RUN: tqt-run %s -e per_channel -i %t/x2.npy --output-dir %t/tqt_pc > /dev/null
// RUN: tqt-run %t/lowered.mlir -e per_channel -i %t/x2.npy --output-dir %t/upstream_pc > /dev/null
// RUN: tqt-run %t/back.mlir -e per_channel -i %t/x2.npy --output-dir %t/back_pc > /dev/null
// RUN: %npytool same-dir %t/tqt_pc %t/upstream_pc | FileCheck %s --check-prefix=SAME_PC
// RUN: %npytool same-dir %t/tqt_pc %t/back_pc | FileCheck %s --check-prefix=SAME_PC
// SAME_PC: 2 of 2 files identical
// QUANT-LABEL: func.func @per_channel
// QUANT:         quant.qcast {{.*}} to tensor<47x2x!quant.uniform<i8:f32:1, {2.500000e-01,1.250000e-01}>>
// QUANT:         quant.dcast {{.*}} : tensor<47x2x!quant.uniform<i8:f32:1, {2.500000e-01,1.250000e-01}>> to tensor<47x2xf32>
// BACK-LABEL: func.func @per_channel
// BACK:         tqt.quantize {{.*}} exps[-2, -3] axis(1) bits(8) signed
// BACK:         tqt.dequantize {{.*}} exps[-2, -3] axis(1) bits(8) signed

func.func @half_even(%x: tensor<94xf32>) -> (tensor<94xi8>, tensor<94xf32>) {
  %q = tqt.quantize %x exp(-2) bits(8) signed : tensor<94xf32> -> tensor<94xi8>
  %y = tqt.dequantize %q exp(-2) bits(8) signed : tensor<94xi8> -> tensor<94xf32>
  return %q, %y : tensor<94xi8>, tensor<94xf32>
}

func.func @half_up(%x: tensor<94xf32>) -> (tensor<94xi8>, tensor<94xf32>) {
  %q = tqt.quantize %x exp(-2) bits(8) signed rounding<half_up> : tensor<94xf32> -> tensor<94xi8>
  %y = tqt.dequantize %q exp(-2) bits(8) signed : tensor<94xi8> -> tensor<94xf32>
  return %q, %y : tensor<94xi8>, tensor<94xf32>
}

func.func @half_away(%x: tensor<94xf32>) -> (tensor<94xi8>, tensor<94xf32>) {
  %q = tqt.quantize %x exp(-2) bits(8) signed rounding<half_away> : tensor<94xf32> -> tensor<94xi8>
  %y = tqt.dequantize %q exp(-2) bits(8) signed : tensor<94xi8> -> tensor<94xf32>
  return %q, %y : tensor<94xi8>, tensor<94xf32>
}

func.func @floor(%x: tensor<94xf32>) -> (tensor<94xi8>, tensor<94xf32>) {
  %q = tqt.quantize %x exp(-2) bits(8) signed rounding<floor> : tensor<94xf32> -> tensor<94xi8>
  %y = tqt.dequantize %q exp(-2) bits(8) signed : tensor<94xi8> -> tensor<94xf32>
  return %q, %y : tensor<94xi8>, tensor<94xf32>
}

// 8-bit unsigned codes held in i16, as the fused programs hold them.
func.func @unsigned(%x: tensor<94xf32>) -> (tensor<94xi16>, tensor<94xf32>) {
  %q = tqt.quantize %x exp(-3) bits(8) unsigned rounding<half_up> : tensor<94xf32> -> tensor<94xi16>
  %y = tqt.dequantize %q exp(-3) bits(8) unsigned : tensor<94xi16> -> tensor<94xf32>
  return %q, %y : tensor<94xi16>, tensor<94xf32>
}

func.func @narrow4(%x: tensor<94xf32>) -> (tensor<94xi8>, tensor<94xf32>) {
  %q = tqt.quantize %x exp(-1) bits(4) signed narrow rounding<half_away> : tensor<94xf32> -> tensor<94xi8>
  %y = tqt.dequantize %q exp(-1) bits(4) signed : tensor<94xi8> -> tensor<94xf32>
  return %q, %y : tensor<94xi8>, tensor<94xf32>
}

func.func @per_channel(%x: tensor<47x2xf32>) -> (tensor<47x2xi8>, tensor<47x2xf32>) {
  %q = tqt.quantize %x exps[-2, -3] axis(1) bits(8) signed : tensor<47x2xf32> -> tensor<47x2xi8>
  %y = tqt.dequantize %q exps[-2, -3] axis(1) bits(8) signed : tensor<47x2xi8> -> tensor<47x2xf32>
  return %q, %y : tensor<47x2xi8>, tensor<47x2xf32>
}
