// The KL-J expectations of unittests/Calibration/ThresholdsTest.cpp come
// from the numpy reference implementation checked in beside it
// (klj_reference.py): this test runs the reference and checks that its
// numbers are the ones the C++ test expects (both pinned here).
// REQUIRES: torch
// RUN: %python %tqt_src_root/unittests/Calibration/klj_reference.py | FileCheck %s
// RUN: FileCheck %s --check-prefix=CPP < %tqt_src_root/unittests/Calibration/ThresholdsTest.cpp

// CHECK: laplace max: 10.480774879455566
// CHECK-NEXT: laplace int8 klj: 7.048321106433868{{[0-9]?}}
// CHECK-NEXT: laplace uint8 klj: 10.480774879455566
// CHECK-NEXT: relu uint8 klj: 10.31095284336018
// CHECK-NEXT: relu max: 10.611271858215332
// CHECK-NEXT: gauss twice int8 klj: 3.6261089973046747

// CPP: EXPECT_NEAR(maxAbs(data), 10.480774879455566, 1e-6);
// CPP: EXPECT_NEAR(klj(data, 8, true), 7.048321106433868, 1e-9);
// CPP: EXPECT_NEAR(klj(data, 8, false), 10.480774879455566, 1e-6);
// CPP: EXPECT_NEAR(klj(relu, 8, false), 10.31095284336018, 1e-9);
// CPP: EXPECT_NEAR(maxAbs(relu), 10.611271858215332, 1e-6);
// CPP: EXPECT_NEAR(klj(twice, 8, true), 3.6261089973046747, 1e-9);
