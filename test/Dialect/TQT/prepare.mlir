// RUN: tqt-opt %s -split-input-file --tqt-prepare | FileCheck %s

// Batch norm as sub / mul / add folds into the convolution:
// (conv(x, w, b) - mean) * s + beta = conv(x, w * s, (b - mean) * s + beta).
// ch0: w 0.5 -> 1.0, b 0.1 -> (0.1 - 1) * 2 + 0.25 = -1.55
// ch1: w -1 -> -0.5, b 0.2 -> (0.2 - 2) * 0.5 - 0.25 = -1.15
// CHECK-LABEL: func.func @bn_sub_mul_add
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{\[\[\[\[}}1.000000e+00]]], {{\[\[\[}}-5.000000e-01]]]]> : tensor<2x1x1x1xf32>}>
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<[-1.550000e+00, -1.150000e+00]> : tensor<2xf32>}>
// CHECK: %[[C:.*]] = tosa.conv2d %{{.*}}, %[[W]], %[[B]]
// CHECK-NOT: tosa.sub
// CHECK-NOT: tosa.mul
// CHECK-NOT: tosa.add
// CHECK: return %[[C]]
func.func @bn_sub_mul_add(%x: tensor<?x4x4x1xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<[[[[0.5]]], [[[-1.0]]]]> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<[0.1, 0.2]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  %mean = "tosa.const"() <{values = dense<[[[[1.0, 2.0]]]]> : tensor<1x1x1x2xf32>}> : () -> tensor<1x1x1x2xf32>
  %scale = "tosa.const"() <{values = dense<[[[[2.0, 0.5]]]]> : tensor<1x1x1x2xf32>}> : () -> tensor<1x1x1x2xf32>
  %beta = "tosa.const"() <{values = dense<[[[[0.25, -0.25]]]]> : tensor<1x1x1x2xf32>}> : () -> tensor<1x1x1x2xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %s = tosa.sub %c, %mean : (tensor<?x4x4x2xf32>, tensor<1x1x1x2xf32>) -> tensor<?x4x4x2xf32>
  %m = tosa.mul %s, %scale, %shift : (tensor<?x4x4x2xf32>, tensor<1x1x1x2xf32>, tensor<1xi8>) -> tensor<?x4x4x2xf32>
  %a = tosa.add %m, %beta : (tensor<?x4x4x2xf32>, tensor<1x1x1x2xf32>) -> tensor<?x4x4x2xf32>
  return %a : tensor<?x4x4x2xf32>
}

// -----

// Depthwise weights HWCM scale by output channel c * M + m.
// CHECK-LABEL: func.func @bn_depthwise
// CHECK-DAG: "tosa.const"() <{values = dense<{{\[\[\[\[}}2.000000e+00], [3.000000e+00]]]]> : tensor<1x1x2x1xf32>}>
// CHECK-DAG: "tosa.const"() <{values = dense<[1.000000e+00, 3.000000e+00]> : tensor<2xf32>}>
// CHECK: tosa.depthwise_conv2d
// CHECK-NOT: tosa.mul
func.func @bn_depthwise(%x: tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<1.0> : tensor<1x1x2x1xf32>}> : () -> tensor<1x1x2x1xf32>
  %b = "tosa.const"() <{values = dense<[0.5, 1.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %c = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x2xf32>, tensor<1x1x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  %scale = "tosa.const"() <{values = dense<[2.0, 3.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %scale4 = tosa.const_shape {values = dense<[1, 1, 1, 2]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %s4 = tosa.reshape %scale, %scale4 : (tensor<2xf32>, !tosa.shape<4>) -> tensor<1x1x1x2xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.mul %s4, %c, %shift : (tensor<1x1x1x2xf32>, tensor<?x4x4x2xf32>, tensor<1xi8>) -> tensor<?x4x4x2xf32>
  return %m : tensor<?x4x4x2xf32>
}

// -----

// Average pooling becomes a depthwise convolution by 1/49, marked for the
// Graffitist avgpool quantizers.
// CHECK-LABEL: func.func @global_avgpool
// CHECK: %[[R:.*]] = "tosa.const"() <{values = dense<0.0204081628> : tensor<7x7x3x1xf32>}>
// CHECK: tosa.depthwise_conv2d %{{.*}}, %[[R]], %{{.*}} {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 7, 7>, tqt.avgpool}
func.func @global_avgpool(%x: tensor<?x7x7x3xf32>) -> tensor<?x1x1x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %p = tosa.avg_pool2d %x, %zp, %zp {acc_type = f32, kernel = array<i64: 7, 7>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 7, 7>} : (tensor<?x7x7x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x1x1x3xf32>
  return %p : tensor<?x1x1x3xf32>
}

// -----

// A conv with a second use keeps its weights (folding would change the
// other use); its batch norm becomes a 1x1 depthwise layer of its own.
// CHECK-LABEL: func.func @shared_conv
// CHECK-DAG: %[[S:.*]] = "tosa.const"() <{values = dense<2.000000e+00> : tensor<1x1x1x1xf32>}>
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<1.000000e+00> : tensor<1x1x1x1xf32>}>
// CHECK: %[[C:.*]] = tosa.conv2d %{{.*}}, %[[W]]
// CHECK: %[[D:.*]] = tosa.depthwise_conv2d %[[C]], %[[S]]
// CHECK-NOT: tosa.mul
// CHECK: return %[[D]], %[[C]]
func.func @shared_conv(%x: tensor<?x4x4x1xf32>) -> (tensor<?x4x4x1xf32>, tensor<?x4x4x1xf32>) {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<1.0> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x1xf32>
  %scale = "tosa.const"() <{values = dense<2.0> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.mul %c, %scale, %shift : (tensor<?x4x4x1xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<?x4x4x1xf32>
  return %m, %c : tensor<?x4x4x1xf32>, tensor<?x4x4x1xf32>
}

// -----

// A spatial mean (reduce_sum over H and W, times 1/(H*W)) is global average
// pooling, hence a depthwise reciprocal.
// CHECK-LABEL: func.func @spatial_mean
// CHECK: %[[R:.*]] = "tosa.const"() <{values = dense<6.250000e-02> : tensor<4x4x3x1xf32>}>
// CHECK: tosa.depthwise_conv2d %{{.*}}, %[[R]], %{{.*}} {{.*}}stride = array<i64: 4, 4>, tqt.avgpool}
// CHECK-NOT: tosa.reduce_sum
func.func @spatial_mean(%x: tensor<?x4x4x3xf32>) -> tensor<?x1x1x3xf32> {
  %s1 = tosa.reduce_sum %x {axis = 2 : i32} : (tensor<?x4x4x3xf32>) -> tensor<?x4x1x3xf32>
  %s2 = tosa.reduce_sum %s1 {axis = 1 : i32} : (tensor<?x4x1x3xf32>) -> tensor<?x1x1x3xf32>
  %c = "tosa.const"() <{values = dense<0.0625> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.mul %s2, %c, %shift : (tensor<?x1x1x3xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<?x1x1x3xf32>
  return %m : tensor<?x1x1x3xf32>
}

// -----

// Not a mean (wrong factor): the sums stay (quantizer insertion reports
// them); the scale is a per-channel mul like any other.
// CHECK-LABEL: func.func @not_a_mean
// CHECK: tosa.reduce_sum
// CHECK: tosa.reduce_sum
// CHECK: tosa.depthwise_conv2d
func.func @not_a_mean(%x: tensor<?x4x4x3xf32>) -> tensor<?x1x1x3xf32> {
  %s1 = tosa.reduce_sum %x {axis = 1 : i32} : (tensor<?x4x4x3xf32>) -> tensor<?x1x4x3xf32>
  %s2 = tosa.reduce_sum %s1 {axis = 2 : i32} : (tensor<?x1x4x3xf32>) -> tensor<?x1x1x3xf32>
  %c = "tosa.const"() <{values = dense<0.5> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.mul %s2, %c, %shift : (tensor<?x1x1x3xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<?x1x1x3xf32>
  return %m : tensor<?x1x1x3xf32>
}

// -----

// Batch norm after a fully connected layer with a bias: (y + b) * s + t
// folds into W's columns and the bias: W' = W * s, b' = b * s + t.
// W = 0.5 everywhere, b = [1, 2], s = [2, 4], t = [0.5, -1]:
// W' columns [1.0, 2.0], b' = [2.5, 7.0].
// CHECK-LABEL: func.func @bn_after_fc
// CHECK-DAG: "tosa.const"() <{values = dense<{{\[\[\[}}1.000000e+00, 2.000000e+00], [1.000000e+00, 2.000000e+00], [1.000000e+00, 2.000000e+00]]]> : tensor<1x3x2xf32>}>
// CHECK-DAG: "tosa.const"() <{values = dense<{{\[\[}}2.500000e+00, 7.000000e+00]]> : tensor<1x2xf32>}>
// CHECK: tosa.matmul
// CHECK: tosa.reshape
// CHECK: %[[Y:.*]] = tosa.add
// CHECK-NOT: tosa.mul
// CHECK-NOT: tosa.add
// CHECK: return %[[Y]]
func.func @bn_after_fc(%x: tensor<1x?x3xf32>) -> tensor<?x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<1x3x2xf32>}> : () -> tensor<1x3x2xf32>
  %mm = tosa.matmul %x, %w, %zp, %zp : (tensor<1x?x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x2xf32>
  %s2 = tosa.const_shape {values = dense<[-1, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.reshape %mm, %s2 : (tensor<1x?x2xf32>, !tosa.shape<2>) -> tensor<?x2xf32>
  %b = "tosa.const"() <{values = dense<[[1.0, 2.0]]> : tensor<1x2xf32>}> : () -> tensor<1x2xf32>
  %y = tosa.add %r, %b : (tensor<?x2xf32>, tensor<1x2xf32>) -> tensor<?x2xf32>
  %scale = "tosa.const"() <{values = dense<[[2.0, 4.0]]> : tensor<1x2xf32>}> : () -> tensor<1x2xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.mul %y, %scale, %shift : (tensor<?x2xf32>, tensor<1x2xf32>, tensor<1xi8>) -> tensor<?x2xf32>
  %t = "tosa.const"() <{values = dense<[[0.5, -1.0]]> : tensor<1x2xf32>}> : () -> tensor<1x2xf32>
  %a = tosa.add %m, %t : (tensor<?x2xf32>, tensor<1x2xf32>) -> tensor<?x2xf32>
  return %a : tensor<?x2xf32>
}

// -----

// Without a bias, a subtraction becomes the layer's bias add.
// CHECK-LABEL: func.func @sub_after_fc
// CHECK: %[[B:.*]] = "tosa.const"() <{values = dense<{{\[\[}}-1.000000e+00, -2.000000e+00]]> : tensor<1x2xf32>}>
// CHECK: tosa.add %{{.*}}, %[[B]]
// CHECK-NOT: tosa.sub
func.func @sub_after_fc(%x: tensor<1x?x3xf32>) -> tensor<?x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<1x3x2xf32>}> : () -> tensor<1x3x2xf32>
  %mm = tosa.matmul %x, %w, %zp, %zp : (tensor<1x?x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x2xf32>
  %s2 = tosa.const_shape {values = dense<[-1, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.reshape %mm, %s2 : (tensor<1x?x2xf32>, !tosa.shape<2>) -> tensor<?x2xf32>
  %mean = "tosa.const"() <{values = dense<[[1.0, 2.0]]> : tensor<1x2xf32>}> : () -> tensor<1x2xf32>
  %y = tosa.sub %r, %mean : (tensor<?x2xf32>, tensor<1x2xf32>) -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

// -----

// Batch norm that no layer absorbs (after an activation, as pre-activation
// networks place it): sub, mul and add become one 1x1 depthwise layer,
// w = s = [2, 4], b = (0 - m) * s + t = [-1 * 2 + 0.5, -2 * 4 + 1] = [-1.5, -7].
// CHECK-LABEL: func.func @standalone_bn
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<[{{\[\[\[}}2.000000e+00], [4.000000e+00]]]]> : tensor<1x1x2x1xf32>}>
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<[-1.500000e+00, -7.000000e+00]> : tensor<2xf32>}>
// CHECK: %[[R:.*]] = tosa.clamp
// CHECK: %[[D:.*]] = tosa.depthwise_conv2d %[[R]], %[[W]], %[[B]], %{{.*}}, %{{.*}} {{{.*}}pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>}
// CHECK-NOT: tosa.sub
// CHECK-NOT: tosa.mul
// CHECK-NOT: tosa.add
// CHECK: return %[[D]]
func.func @standalone_bn(%x: tensor<?x3x3x2xf32>) -> tensor<?x3x3x2xf32> {
  %r = tosa.clamp %x {max_val = 3.4028235e+38 : f32, min_val = 0.0 : f32} : (tensor<?x3x3x2xf32>) -> tensor<?x3x3x2xf32>
  %m = "tosa.const"() <{values = dense<[[[[1.0, 2.0]]]]> : tensor<1x1x1x2xf32>}> : () -> tensor<1x1x1x2xf32>
  %s = "tosa.const"() <{values = dense<[[[[2.0, 4.0]]]]> : tensor<1x1x1x2xf32>}> : () -> tensor<1x1x1x2xf32>
  %t = "tosa.const"() <{values = dense<[[[[0.5, 1.0]]]]> : tensor<1x1x1x2xf32>}> : () -> tensor<1x1x1x2xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %a = tosa.sub %r, %m : (tensor<?x3x3x2xf32>, tensor<1x1x1x2xf32>) -> tensor<?x3x3x2xf32>
  %b = tosa.mul %a, %s, %shift : (tensor<?x3x3x2xf32>, tensor<1x1x1x2xf32>, tensor<1xi8>) -> tensor<?x3x3x2xf32>
  %y = tosa.add %b, %t : (tensor<?x3x3x2xf32>, tensor<1x1x1x2xf32>) -> tensor<?x3x3x2xf32>
  return %y : tensor<?x3x3x2xf32>
}

// -----

// A leaky ReLU's mul by alpha is not a channel scale: it stays.
// CHECK-LABEL: func.func @leaky_stays
// CHECK: tosa.mul
// CHECK: tosa.maximum
// CHECK-NOT: tosa.depthwise_conv2d
func.func @leaky_stays(%x: tensor<?x3x3x2xf32>) -> tensor<?x3x3x2xf32> {
  %alpha = "tosa.const"() <{values = dense<0.1> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %a = tosa.mul %x, %alpha, %shift : (tensor<?x3x3x2xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<?x3x3x2xf32>
  %y = tosa.maximum %a, %x : (tensor<?x3x3x2xf32>, tensor<?x3x3x2xf32>) -> tensor<?x3x3x2xf32>
  return %y : tensor<?x3x3x2xf32>
}

// -----

// tosa.sigmoid and tosa.tanh become tqt.activation (one exact sequence for
// the simulation and the integer program's tables); integer ones stay.
// CHECK-LABEL: func.func @smooth_activations
// CHECK: %[[S:.*]] = tqt.activation sigmoid %{{.*}} : tensor<?x4xf32>
// CHECK: %[[T:.*]] = tqt.activation tanh %[[S]] : tensor<?x4xf32>
// CHECK: tosa.sigmoid %{{.*}} : (tensor<4xbf16>) -> tensor<4xbf16>
// CHECK: return %[[T]]
func.func @smooth_activations(%x: tensor<?x4xf32>, %b: tensor<4xbf16>) -> (tensor<?x4xf32>, tensor<4xbf16>) {
  %s = tosa.sigmoid %x : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %t = tosa.tanh %s : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %u = tosa.sigmoid %b : (tensor<4xbf16>) -> tensor<4xbf16>
  return %t, %u : tensor<?x4xf32>, tensor<4xbf16>
}
