// tqt_mlir.export: PyTorch modules (every supported kind: strided, dilated,
// grouped and depthwise convolutions, batch norm, ReLU/ReLU6/LeakyReLU, max/avg/
// ceil_mode max pooling, padded average pooling (counting the padding), adaptive pooling of any size (module and functional), spatial
// means, flatten/view, linear, residual add, concat, dropout, the smooth
// activations in every form, squeeze-and-excitation products, chunks and channel
// shuffles, torchvision's MobileNetV2, MobileNetV3 and ShuffleNetV2 blocks) run
// through tqt-run and match PyTorch on random inputs within
// 1e-4 * (1 + max |output|); unsupported modules raise ExportError naming
// the node.
// REQUIRES: torch
// RUN: rm -rf %t && %python %S/Inputs/export_check.py %t conv-strided-dilated conv-floor-stride grouped depthwise-multiplier bn-leaky-maxpool avgpool-flatten-linear residual-concat mobilenet-block functional-head adaptive-sizes mean-view torchvision-inverted-residual ceil-pools padded-avg-pool adaptive-overlapping smooth-activations squeeze-excitation torchvision-mobilenet-v3-block torchvision-shuffle-blocks unsupported | FileCheck %s --implicit-check-not='NOT REJECTED'

// CHECK: conv-strided-dilated: shape (4, 5, 4, 5), max |diff| {{.*}} OK
// CHECK: conv-floor-stride: shape (4, 4, 4, 3), max |diff| {{.*}} OK
// CHECK: grouped: shape (4, 4, 4, 6), max |diff| {{.*}} OK
// CHECK: depthwise-multiplier: shape (4, 6, 6, 6), max |diff| {{.*}} OK
// CHECK: bn-leaky-maxpool: shape (4, 4, 4, 4), max |diff| {{.*}} OK
// CHECK: avgpool-flatten-linear: shape (4, 2), max |diff| {{.*}} OK
// CHECK: residual-concat: shape (4, 150), max |diff| {{.*}} OK
// CHECK: mobilenet-block: shape (4, 10), max |diff| {{.*}} OK
// CHECK: functional-head: shape (4, 4), max |diff| {{.*}} OK
// CHECK: adaptive-sizes: shape (4, 2), max |diff| {{.*}} OK
// CHECK: mean-view: shape (4, 6), max |diff| {{.*}} OK
// CHECK: torchvision-inverted-residual: shape (4, 6, 6, 8), max |diff| {{.*}} OK
// CHECK: ceil-pools: shape (4, 1, 2, 2), max |diff| {{.*}} OK
// CHECK: padded-avg-pool: shape (4, 4, 4, 3), max |diff| {{.*}} OK
// CHECK: adaptive-overlapping: shape (4, 2, 5, 2), max |diff| {{.*}} OK
// CHECK: smooth-activations: shape (4, 5, 5, 6), max |diff| {{.*}} OK
// CHECK: squeeze-excitation: shape (4, 5, 4, 8), max |diff| {{.*}} OK
// CHECK: torchvision-mobilenet-v3-block: shape (4, 6, 6, 8), max |diff| {{.*}} OK
// CHECK: torchvision-shuffle-blocks: shape (4, 4, 3, 16), max |diff| {{.*}} OK
// CHECK: linear-4d: node '_0' (call_module 0): Linear needs a flattened [N, F] input
// CHECK: maxpool-dilation: node '_0' (call_module 0): max pooling with dilation is not supported
// CHECK: avgpool-exclude-pad: node '_0' (call_module 0): average pooling with padding and count_include_pad=False is not supported (the divisor varies at the borders)
// CHECK: avgpool-ceil: node '_0' (call_module 0): average pooling with ceil_mode is not supported (the windows past the input have their own divisors)
// CHECK: hardtanh: node '_0' (call_module 0): only Hardtanh(0, 6) (ReLU6) is supported
// CHECK: flatten-2: node '_0' (call_module 0): only Flatten(1, -1) is supported
// CHECK: bn-no-stats: node '_0' (call_module 0): BatchNorm2d needs running statistics and a 4-d input
// CHECK: two-inputs: node 'y' (placeholder y): the model must take one input (the images)
// CHECK: cat-batch: node 'cat' (call_function cat): only concatenation along channels (dim=1) is supported
// CHECK: add-shapes: node 'add' (call_function add): adds of different shapes (None, 4, 4, 1) and (None, 2, 2, 1) are not supported
// CHECK: function: node 'gelu' (call_function gelu): unsupported function gelu
// CHECK: mul-shapes: node 'mul' (call_function mul): shapes (None, 4, 4, 1) and (None, 2, 2, 1) do not broadcast
// CHECK: chunk-rows: node 'chunk' (call_method chunk): only chunks of channels (dim=1) that divide them evenly are supported
// CHECK: view-other: node 'view' (call_method view): only x.view(x.size(0), -1) and the views of a channel shuffle are supported
// CHECK: transpose-other: node 'transpose' (call_method transpose): only the transpose of a channel shuffle (dims 1 and 2 of its 5-d view) is supported
// CHECK: parameter: node 'scale' (get_attr scale): unsupported graph node (get_attr: use modules for parameters)
// CHECK: two-outputs: node 'output' (output output): the model must return one tensor
// CHECK: size-operand: node 'relu' (call_function relu): expected a tensor operand
// CHECK: stochastic-depth-training: node 'stochastic_depth' (call_function stochastic_depth): stochastic depth in training mode is not supported
// CHECK: torch-flatten-2: node 'flatten' (call_function flatten): only torch.flatten(x, 1) is supported
// CHECK: hardtanh-function: node 'hardtanh' (call_function hardtanh): only hardtanh(x, 0, 6) (ReLU6) is supported
// CHECK: flatten-method-2: node 'flatten' (call_method flatten): only x.flatten(1) is supported
// CHECK: indexing: node 'getitem' (call_function getitem): indexing is supported only on x.size() and x.chunk(...)
// CHECK: mul-ranks: node 'mul' (call_function mul): products of ranks 4 and 2 are not supported
// CHECK: mean-channels: node 'mean' (call_method mean): only the spatial mean x.mean((2, 3)) is supported
// CHECK: reflect: node '{{.*}}' (call_module {{.*}}): only numeric zero padding is supported
// CHECK: gelu: node '{{.*}}' (call_module {{.*}}): unsupported module GELU
// CHECK: avgpool: node '{{.*}}' (call_module {{.*}}): average pooling with divisor_override is not supported

