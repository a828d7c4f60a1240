// tqt_mlir.reference (numpy) against FixedPoint.h (tqt-run --reference) on
// shared vectors: every half step around the grid, clip edges, NaN, +-inf,
// -0.0; 5 grids (int8, uint8, int4, narrow int8, int16) x 3 thresholds x 4
// rounding modes; forward and input gradient bit for bit.
// REQUIRES: torch
// RUN: rm -rf %t && %python %S/Inputs/reference_check.py %t | FileCheck %s
// CHECK: 60 configurations, 0 mismatches
