// The tqt.fake_quant rule of --tqt-expand-training against FixedPoint.h
// (tqt-run --reference) on ties and clip edges in four rounding modes,
// signed/unsigned, 4/8/16 bits, integer and fractional log2 thresholds:
// the input gradient bit for bit, the threshold gradient to 1e-6.
// REQUIRES: torch
// RUN: rm -rf %t && %python %S/Inputs/gradcheck.py %t fake_quant | FileCheck %s
// CHECK: fake_quant-s8-half_even-t2.0: dx identical, dlog2_t {{.*}} OK
// CHECK: fake_quant-u8-half_even-t-1.3: dx identical, dlog2_t {{.*}} OK
// CHECK: fake_quant-s4-half_up-t0.7: dx identical, dlog2_t {{.*}} OK
// CHECK: fake_quant-s8-floor-t1.0: dx identical, dlog2_t {{.*}} OK
// CHECK: fake_quant-s16-half_away-t3.7: dx identical, dlog2_t {{.*}} OK
