// Networks built from torchvision's own blocks (SqueezeNet's Fire modules
// with ceil_mode pooling and a pooled, flattened convolutional classifier;
// MobileNetV2's InvertedResidual with functional adaptive pooling; Inception-v3's
// InceptionA with padded average pooling) go from
// PyTorch through the static flow: the integer-only program equals the
// calibrated simulation graph bit for bit, layer by layer, on held-out,
// tie-heavy, saturating and tiny inputs (flow.py).
// REQUIRES: torch
// RUN: rm -rf %t && %python %S/Inputs/zoo_block.py squeezenet %t/squeezenet
// RUN: %python %S/../Integration/Inputs/flow.py %t/squeezenet %t/squeezenet/net.mlir %t/squeezenet/x.npy half_even --prepare | FileCheck %s --check-prefix=SQUEEZE
// RUN: %python %S/Inputs/zoo_block.py mobilenet_v2 %t/mobilenet_v2
// RUN: %python %S/../Integration/Inputs/flow.py %t/mobilenet_v2 %t/mobilenet_v2/net.mlir %t/mobilenet_v2/x.npy half_up --prepare | FileCheck %s --check-prefix=MOBILE

// SQUEEZE: half_even: legalized == simulation: yes
// SQUEEZE: half_even: fused == simulation: yes
// SQUEEZE: half_even: layers on edge inputs: bit-exact
// SQUEEZE: half_even: layers calibrated small: bit-exact
// SQUEEZE: half_even: integer-only check: 0 float ops
// MOBILE: half_up: legalized == simulation: yes
// MOBILE: half_up: fused == simulation: yes
// MOBILE: half_up: layers on edge inputs: bit-exact
// MOBILE: half_up: layers calibrated small: bit-exact
// MOBILE: half_up: integer-only check: 0 float ops
// Inception-v3's InceptionA block (padded average pooling that counts the
// padding: an explicit zero tosa.pad, which keeps its input's scale):
// RUN: %python %S/Inputs/zoo_block.py inception %t/inception
// RUN: %python %S/../Integration/Inputs/flow.py %t/inception %t/inception/net.mlir %t/inception/x.npy half_even --prepare | FileCheck %s --check-prefix=INCEPTION
// INCEPTION: half_even: legalized == simulation: yes
// INCEPTION: half_even: fused == simulation: yes
// INCEPTION: half_even: layers on edge inputs: bit-exact
// INCEPTION: half_even: layers calibrated small: bit-exact
// INCEPTION: half_even: integer-only check: 0 float ops
// VGG's head on a small map (AdaptiveAvgPool2d((7, 7)) of a 2x2 map: slices,
// pools and concats per bin, sharing one scale):
// RUN: %python %S/Inputs/zoo_block.py vgg %t/vgg
// RUN: %python %S/../Integration/Inputs/flow.py %t/vgg %t/vgg/net.mlir %t/vgg/x.npy half_even --prepare | FileCheck %s --check-prefix=VGG
// VGG: half_even: legalized == simulation: yes
// VGG: half_even: fused == simulation: yes
// VGG: half_even: layers on edge inputs: bit-exact
// VGG: half_even: layers calibrated small: bit-exact
// VGG: half_even: integer-only check: 0 float ops
// EfficientNet's MBConv blocks (SiLU and tanh as signed lookup tables, the
// sigmoid gate of squeeze-and-excitation as an unsigned one, the gate times
// the features as an integer product, stochastic depth dropped):
// RUN: %python %S/Inputs/zoo_block.py efficientnet %t/efficientnet
// RUN: %python %S/../Integration/Inputs/flow.py %t/efficientnet %t/efficientnet/net.mlir %t/efficientnet/x.npy half_up --prepare | FileCheck %s --check-prefix=EFFICIENT
// EFFICIENT: half_up: legalized == simulation: yes
// EFFICIENT: half_up: fused == simulation: yes
// EFFICIENT: half_up: layers on edge inputs: bit-exact
// EFFICIENT: half_up: layers calibrated small: bit-exact
// EFFICIENT: half_up: integer-only check: 0 float ops
