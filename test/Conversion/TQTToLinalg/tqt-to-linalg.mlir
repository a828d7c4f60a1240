// RUN: tqt-opt %s -split-input-file --convert-tqt-to-linalg | FileCheck %s

// The threshold becomes a per-tensor scale (ceil, clamp to [-126, 127], NaN
// guard, 2^e from the exponent bits) outside one elementwise linalg.generic.
// CHECK-LABEL: func.func @fake_quant_half_even
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %[[T:.*]]: tensor<f32>)
// CHECK: %[[THETA:.*]] = tensor.extract %[[T]][] : tensor<f32>
// CHECK: %[[NAN:.*]] = arith.cmpf uno, %[[THETA]], %[[THETA]]
// CHECK: math.ceil %[[THETA]]
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: %[[E:.*]] = arith.fptosi
// CHECK: arith.shli
// CHECK: %[[S:.*]] = arith.bitcast %{{.*}} : i32 to f32
// CHECK: %[[RCP:.*]] = arith.divf %{{.*}}, %[[S]]
// CHECK: %[[DIM:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[DIM]]) : tensor<?x4xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-SAME: ins(%[[X]] : tensor<?x4xf32>) outs(%[[EMPTY]] : tensor<?x4xf32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[V:.*]] = arith.mulf %[[IN]], %[[RCP]]
// CHECK: math.roundeven %[[V]]
// CHECK: arith.minimumf
// CHECK: arith.maximumf
// CHECK: arith.mulf %{{.*}}, %[[S]]
// CHECK: arith.cmpf uno, %[[IN]], %[[IN]]
// CHECK: arith.select %[[NAN]]
// CHECK: linalg.yield
// CHECK-NOT: tqt.
func.func @fake_quant_half_even(%x: tensor<?x4xf32>, %t: tensor<f32>) -> tensor<?x4xf32> {
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// half_up is floor(v) + (v - floor(v) >= 0.5), exact for |v| >= 2^23 too.
// CHECK-LABEL: func.func @fake_quant_half_up
// CHECK: linalg.generic
// CHECK: %[[F:.*]] = math.floor %[[V:.*]] : f32
// CHECK: %[[D:.*]] = arith.subf %[[V]], %[[F]]
// CHECK: %[[UP:.*]] = arith.cmpf oge, %[[D]], %{{.*}}
// CHECK: %[[F1:.*]] = arith.addf %[[F]], %{{.*}}
// CHECK: arith.select %[[UP]], %[[F1]], %[[F]]
func.func @fake_quant_half_up(%x: tensor<8xf32>, %t: tensor<f32>) -> tensor<8xf32> {
  %0 = tqt.fake_quant %x, %t bits(8) unsigned rounding<half_up> : tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// half_away is C round; floor fixes the f32 underflow of tiny negatives.
// CHECK-LABEL: func.func @roundings
// CHECK: math.round
// CHECK: math.floor
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf oeq
// CHECK: arith.andi
func.func @roundings(%x: tensor<8xf32>, %t: tensor<f32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0 = tqt.fake_quant %x, %t bits(8) signed rounding<half_away> : tensor<8xf32>
  %1 = tqt.fake_quant %x, %t bits(8) signed rounding<floor> : tensor<8xf32>
  return %0, %1 : tensor<8xf32>, tensor<8xf32>
}

// -----

// The gradient: dx by an elementwise select, dlog2_t by a full reduction in
// f64 into a 0-d tensor, scaled by s * ln2 and rounded once to f32.
// CHECK-LABEL: func.func @fake_quant_grad
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK: arith.cmpf oge
// CHECK: arith.cmpf ole
// CHECK: arith.select
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<f64>
// CHECK: %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%[[INIT]] : tensor<f64>)
// CHECK: %[[RED:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK-SAME: outs(%[[ZERO]] : tensor<f64>)
// CHECK: arith.extf
// CHECK: arith.addf
// CHECK: %[[SUM:.*]] = tensor.extract %[[RED]][] : tensor<f64>
// CHECK: arith.mulf %[[SUM]]
// CHECK: arith.truncf %{{.*}} : f64 to f32
// CHECK: tensor.from_elements %{{.*}} : tensor<f32>
func.func @fake_quant_grad(%x: tensor<2x?xf32>, %t: tensor<f32>, %dy: tensor<2x?xf32>) -> (tensor<2x?xf32>, tensor<f32>) {
  %dx, %dt = tqt.fake_quant_grad %x, %t, %dy bits(4) signed narrow : tensor<2x?xf32>
  return %dx, %dt : tensor<2x?xf32>, tensor<f32>
}

// -----

// quantize clamps in float and replaces NaN before fptosi, then truncates.
// CHECK-LABEL: func.func @quantize_uint8
// CHECK: %[[RCP:.*]] = arith.constant 1.280000e+02 : f32
// CHECK: linalg.generic
// CHECK: arith.mulf %{{.*}}, %[[RCP]]
// CHECK: math.roundeven
// CHECK: arith.cmpf uno
// CHECK: arith.select
// CHECK: arith.minimumf
// CHECK: arith.maximumf
// CHECK: arith.fptosi %{{.*}} : f32 to i32
// CHECK: arith.trunci %{{.*}} : i32 to i8
// CHECK: linalg.yield %{{.*}} : i8
func.func @quantize_uint8(%x: tensor<16xf32>) -> tensor<16xi8> {
  %0 = tqt.quantize %x exp(-7) bits(8) unsigned : tensor<16xf32> -> tensor<16xi8>
  return %0 : tensor<16xi8>
}

// -----

// 32-bit unsigned codes need 64-bit arithmetic.
// CHECK-LABEL: func.func @quantize_uint32
// CHECK: arith.fptosi %{{.*}} : f32 to i64
func.func @quantize_uint32(%x: tensor<16xf32>) -> tensor<16xi64> {
  %0 = tqt.quantize %x exp(0) bits(32) unsigned : tensor<16xf32> -> tensor<16xi64>
  return %0 : tensor<16xi64>
}

// -----

// CHECK-LABEL: func.func @dequantize_unsigned
// CHECK: %[[S:.*]] = arith.constant 3.906250e-03 : f32
// CHECK: linalg.generic
// CHECK: %[[Z:.*]] = arith.extui %{{.*}} : i8 to i32
// CHECK: %[[F:.*]] = arith.sitofp %[[Z]] : i32 to f32
// CHECK: arith.mulf %[[F]], %[[S]]
func.func @dequantize_unsigned(%q: tensor<?xi8>) -> tensor<?xf32> {
  %0 = tqt.dequantize %q exp(-8) bits(8) unsigned : tensor<?xi8> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// half_even rounding right shift: floor shift, remainder against the half,
// tie goes up when the floor quotient is odd; then the clamped grid.
// CHECK-LABEL: func.func @requantize_half_even
// CHECK: linalg.generic
// CHECK: %[[FL:.*]] = arith.shrsi %[[A:.*]], %{{.*}} : i32
// CHECK: %[[REM:.*]] = arith.andi %[[A]], %{{.*}} : i32
// CHECK: arith.cmpi ugt, %[[REM]]
// CHECK: arith.cmpi eq, %[[REM]]
// CHECK: arith.andi %[[FL]]
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK: arith.addi %[[FL]]
// CHECK: arith.minsi
// CHECK: arith.maxsi
// CHECK: arith.trunci %{{.*}} : i32 to i8
func.func @requantize_half_even(%a: tensor<?x10xi32>) -> tensor<?x10xi8> {
  %0 = tqt.requantize %a shift(9) bits(8) unsigned clamp_max(192) : tensor<?x10xi32> -> tensor<?x10xi8>
  return %0 : tensor<?x10xi8>
}

// -----

// Left shifts saturate against the pre-shift bounds first.
// CHECK-LABEL: func.func @requantize_left
// CHECK: linalg.generic
// CHECK: %[[HI:.*]] = arith.constant 4095 : i32
// CHECK: arith.cmpi sgt, %{{.*}}, %[[HI]]
// CHECK: %[[LO:.*]] = arith.constant -4096 : i32
// CHECK: arith.cmpi slt, %{{.*}}, %[[LO]]
// CHECK: arith.shli
// CHECK: arith.select
// CHECK: arith.select
// CHECK: arith.trunci %{{.*}} : i32 to i16
func.func @requantize_left(%a: tensor<4xi32>) -> tensor<4xi16> {
  %0 = tqt.requantize %a shift(-3) bits(16) signed : tensor<4xi32> -> tensor<4xi16>
  return %0 : tensor<4xi16>
}

// -----

// Shifts of 31 or more are computed in i64 so no shift reaches the width.
// CHECK-LABEL: func.func @requantize_wide_shift
// CHECK: arith.extui %{{.*}} : i8 to i64
// CHECK: arith.shrsi %{{.*}} : i64
func.func @requantize_wide_shift(%a: tensor<4xi8>) -> tensor<4xi8> {
  %0 = tqt.requantize %a shift(40) bits(8) signed rounding<half_away> input_unsigned : tensor<4xi8> -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Per channel: each channel's scale is computed once, by a generic over the
// [C] thresholds (exponent, 2^e, 2^-e, NaN flag); the elements read their
// channel's at their index along the axis, with no per-element ceil or
// division.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$CH:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @fake_quant_per_channel
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %[[T:.*]]: tensor<4xf32>)
// CHECK-NOT: tensor.extract
// CHECK: %[[S:.*]]:4 = linalg.generic {{.*}} iterator_types = ["parallel"]} ins(%[[T]] : tensor<4xf32>) outs({{.*}} : tensor<4xi32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi1>)
// CHECK: math.ceil
// CHECK: arith.divf
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$CH]], #[[$CH]], #[[$CH]], #[[$CH]], #[[$ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[S]]#0, %[[S]]#1, %[[S]]#2, %[[S]]#3 : tensor<?x4xf32>, tensor<4xi32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi1>)
// CHECK-NOT: math.ceil
// CHECK-NOT: arith.divf
// CHECK: math.roundeven
// CHECK: return
func.func @fake_quant_per_channel(%x: tensor<?x4xf32>, %t: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = tqt.fake_quant %x, %t bits(8) signed axis(1) : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// The threshold gradient is one sum per channel: the channel dimension is
// parallel, the others reduce into a [C] f64 accumulator.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$CH:.*]] = affine_map<(d0, d1) -> (d0)>
// The channel scales are computed once and read by all three generics.
// CHECK-LABEL: func.func @fake_quant_grad_per_channel
// CHECK: %[[S:.*]]:4 = linalg.generic {{.*}} iterator_types = ["parallel"]}
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$CH]], #[[$CH]], #[[$CH]], #[[$CH]], #[[$ID]]], iterator_types = ["parallel", "parallel"]} ins({{.*}}, %[[S]]#0, %[[S]]#1, %[[S]]#2, %[[S]]#3 :
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%{{.*}} : tensor<4xf64>)
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]], #[[$CH]], #[[$CH]], #[[$CH]], #[[$CH]], #[[$CH]]], iterator_types = ["parallel", "reduction"]} {{.*}} outs(%[[ACC]] : tensor<4xf64>)
// CHECK: arith.truncf %{{.*}} : f64 to f32
func.func @fake_quant_grad_per_channel(%x: tensor<4x?xf32>, %t: tensor<4xf32>, %dy: tensor<4x?xf32>) -> (tensor<4x?xf32>, tensor<4xf32>) {
  %0, %1 = tqt.fake_quant_grad %x, %t, %dy bits(8) signed axis(0) : tensor<4x?xf32>
  return %0, %1 : tensor<4x?xf32>, tensor<4xf32>
}

// -----

// Per-channel shifts: a constant [C] input; the body requantizes by each
// distinct shift (3 and 5) and selects the channel's.
// CHECK-LABEL: func.func @requantize_per_channel
// CHECK: %[[S:.*]] = arith.constant dense<[3, 5, 3]> : tensor<3xi32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[S]] : tensor<2x3xi32>, tensor<3xi32>)
// CHECK: ^bb0(%{{.*}}: i32, %[[K:.*]]: i32, %{{.*}}: i8):
// CHECK: arith.shrsi %{{.*}}, %c5_i32
// CHECK: %[[IS3:.*]] = arith.cmpi eq, %[[K]], %c3_i32
// CHECK: arith.shrsi %{{.*}}, %c3_i32
// CHECK: arith.select %[[IS3]]
func.func @requantize_per_channel(%a: tensor<2x3xi32>) -> tensor<2x3xi8> {
  %0 = tqt.requantize %a shifts[3, 5, 3] axis(1) bits(8) signed : tensor<2x3xi32> -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

// Per-channel exponents: constant [C] reciprocals and scales.
// CHECK-LABEL: func.func @quantize_per_channel
// CHECK: %[[R:.*]] = arith.constant dense<[8.000000e+00, 3.200000e+01]> : tensor<2xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[R]] : tensor<2x5xf32>, tensor<2xf32>)
// CHECK: %[[S:.*]] = arith.constant dense<[1.250000e-01, 3.125000e-02]> : tensor<2xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[S]] : tensor<2x5xi8>, tensor<2xf32>)
func.func @quantize_per_channel(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %q = tqt.quantize %x exps[-3, -5] axis(0) bits(8) signed : tensor<2x5xf32> -> tensor<2x5xi8>
  %d = tqt.dequantize %q exps[-3, -5] axis(0) bits(8) signed : tensor<2x5xi8> -> tensor<2x5xf32>
  return %d : tensor<2x5xf32>
}

// -----

// Hard swish: (x * min(max(x + 3, 0), 6)) / 6 with compare-selects (NaN
// passes through), one elementwise generic, no library call.
// CHECK-LABEL: func.func @hardswish
// CHECK: linalg.generic
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[T:.*]] = arith.addf %[[X]], %{{.*}} : f32
// CHECK: arith.cmpf olt, %[[T]]
// CHECK: %[[C:.*]] = arith.select
// CHECK: arith.cmpf ogt, %[[C]]
// CHECK: %[[R6:.*]] = arith.select
// CHECK: %[[P:.*]] = arith.mulf %[[X]], %[[R6]] : f32
// CHECK: %[[Y:.*]] = arith.divf %[[P]], %{{.*}} : f32
// CHECK: linalg.yield %[[Y]]
func.func @hardswish(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = tqt.activation hardswish %x : tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

// Sigmoid: exp of -x by range reduction (floor of x log2 e + 1/2), the
// polynomial and 2^n from the exponent bits; NaN is selected through.
// CHECK-LABEL: func.func @sigmoid
// CHECK: linalg.generic
// CHECK: %[[NX:.*]] = arith.negf
// CHECK: %[[NAN:.*]] = arith.cmpf uno, %[[NX]], %[[NX]] : f32
// CHECK: math.floor
// CHECK: arith.fptosi %{{.*}} : f32 to i32
// CHECK: arith.shli
// CHECK: %[[P2:.*]] = arith.bitcast %{{.*}} : i32 to f32
// CHECK: %[[E:.*]] = arith.mulf %{{.*}}, %[[P2]] : f32
// CHECK: %[[EN:.*]] = arith.select %[[NAN]], %[[NX]], %[[E]] : f32
// CHECK: %[[D:.*]] = arith.addf %{{.*}}, %[[EN]] : f32
// CHECK: arith.divf %{{.*}}, %[[D]] : f32
// CHECK-NOT: math.exp
func.func @sigmoid(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tqt.activation sigmoid %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
