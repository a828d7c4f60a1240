// Gradient rules of --tqt-expand-training against central finite
// differences in float64 (PyTorch with TOSA's semantics), on random
// parameters and targets: see Inputs/gradcheck.py.
// REQUIRES: torch
// RUN: rm -rf %t && %python %S/Inputs/gradcheck.py %t add-broadcast sub-broadcast mul-broadcast maximum minimum-broadcast clamp negate activation-sigmoid activation-tanh activation-hardsigmoid activation-hardswish activation-silu | FileCheck %s
// CHECK: add-broadcast: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: sub-broadcast: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: mul-broadcast: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: maximum: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: minimum-broadcast: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: clamp: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: negate: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: activation-sigmoid: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: activation-tanh: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: activation-hardsigmoid: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: activation-hardswish: {{[0-9]+}} coordinates, max error {{.*}} OK
// CHECK: activation-silu: {{[0-9]+}} coordinates, max error {{.*}} OK
