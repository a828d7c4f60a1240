// Gradient rules of --tqt-expand-training against central finite
// differences in float64 (PyTorch with TOSA's semantics), on random
// parameters and targets: see Inputs/gradcheck.py.
// REQUIRES: torch
// RUN: rm -rf %t && %python %S/Inputs/gradcheck.py %t conv2d conv2d-strided conv2d-dilated depthwise depthwise-strided matmul chain | FileCheck %s
// CHECK: conv2d: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: conv2d-strided: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: conv2d-dilated: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: depthwise: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: depthwise-strided: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: matmul: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: chain: {{[0-9]+}} coordinates, max error {{.*}} OK
