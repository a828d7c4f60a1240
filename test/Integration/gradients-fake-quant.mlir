// The tqt.fake_quant rule of --tqt-expand-training against FixedPoint.h
// (tqt-run --reference) on ties and clip edges in four rounding modes,
// signed/unsigned, 4/8/16 bits, integer and fractional log2 thresholds:
// the input gradient bit for bit, the threshold gradient to 1e-6; and the
// per-channel form.
// REQUIRES: torch
// RUN: rm -rf %t && %python %S/Inputs/gradcheck.py %t fake_quant | FileCheck %s
// CHECK: fake_quant-s8-half_even-t2.0: dx identical, dlog2_t {{.*}} OK
// CHECK: fake_quant-u8-half_even-t-1.3: dx identical, dlog2_t {{.*}} OK
// CHECK: fake_quant-s4-half_up-t0.7: dx identical, dlog2_t {{.*}} OK
// CHECK: fake_quant-s8-floor-t1.0: dx identical, dlog2_t {{.*}} OK
// CHECK: fake_quant-s16-half_away-t3.7: dx identical, dlog2_t {{.*}} OK
// Per channel (axis 1, eight thresholds): every channel's gradient from its
// own scale and elements.
// CHECK: fake_quant_per_channel-s8-half_even-c8: dx identical, 8 dlog2_t within 1e-6 OK
// CHECK: fake_quant_per_channel-s4-floor-c8: dx identical, 8 dlog2_t within 1e-6 OK
// CHECK: fake_quant_per_channel-u8-half_up-c8: dx identical, 8 dlog2_t within 1e-6 OK
