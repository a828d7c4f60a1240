// Gradient rules of --tqt-expand-training against central finite
// differences in float64 (PyTorch with TOSA's semantics), on random
// parameters and targets: see Inputs/gradcheck.py.
// REQUIRES: torch
// RUN: rm -rf %t && %python %S/Inputs/gradcheck.py %t max_pool2d avg_pool2d reduce_sum reduce_max | FileCheck %s
// CHECK: max_pool2d: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: avg_pool2d: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: reduce_sum: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: reduce_max: {{[0-9]+}} coordinates, max error {{.*}} OK
