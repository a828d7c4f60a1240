// A named pipeline's options are parsed by the pass that owns them, with that
// pass's messages.
// RUN: not tqt-opt %s --tqt-build-simulation="weight-bits=x" 2>&1 | FileCheck %s --check-prefix=VALUE
// RUN: not tqt-opt %s --tqt-build-integer="no-such-option=1" 2>&1 | FileCheck %s --check-prefix=NAME
// RUN: not tqt-opt %s --tqt-build-training="loss=hinge" 2>&1 | FileCheck %s --check-prefix=ENUM

// VALUE: for the --weight-bits option: 'x' value invalid for uint argument!
// NAME: no-such-option
// ENUM: for the --loss option: Cannot find option named 'hinge'!

func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
