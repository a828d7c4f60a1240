// Gradient rules of --tqt-expand-training against central finite
// differences in float64 (PyTorch with TOSA's semantics), on random
// parameters and targets: see Inputs/gradcheck.py.
// REQUIRES: torch
// RUN: rm -rf %t && %python %S/Inputs/gradcheck.py %t concat reshape transpose pad slice | FileCheck %s
// CHECK: concat: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: reshape: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: transpose: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: pad: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: slice: {{[0-9]+}} coordinates, max error {{.*}} OK
