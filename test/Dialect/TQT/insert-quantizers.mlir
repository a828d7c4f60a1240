// RUN: tqt-opt %s -split-input-file --tqt-insert-quantizers | FileCheck %s
// RUN: tqt-opt %s -split-input-file --tqt-insert-quantizers="weight-bits=4 act-bits=8 layer-bits=16 relu-bits=8 first-last-bits=8 rounding=half_up" | FileCheck %s --check-prefix=INT4

// conv + bias + ReLU6: input int8, weights int8 (role weight), accumulator
// and bias int16 sharing one threshold, the bias split off into an add, and
// uint8 after the ReLU6.
// CHECK: ml_program.global private mutable @q.input0(dense<0.000000e+00> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
// CHECK: ml_program.global private mutable @q.conv2d_0.weight({{.*}}) : tensor<f32> {tqt.log2_threshold, tqt.role = "weight"}
// CHECK: ml_program.global private mutable @q.conv2d_0.acc(
// CHECK: ml_program.global private mutable @q.relu_0.out(
// CHECK-LABEL: func.func @conv_relu6
// CHECK-SAME: (%[[X:.*]]: tensor<?x8x8x1xf32>)
// CHECK: %[[TIN:.*]] = ml_program.global_load @q.input0
// CHECK: %[[XQ:.*]] = tqt.fake_quant %[[X]], %[[TIN]] bits(8) signed : tensor<?x8x8x1xf32>
// CHECK: %[[TW:.*]] = ml_program.global_load @q.conv2d_0.weight
// CHECK: %[[WQ:.*]] = tqt.fake_quant %{{.*}}, %[[TW]] bits(8) signed : tensor<4x3x3x1xf32>
// CHECK: %[[TB:.*]] = ml_program.global_load @q.conv2d_0.acc
// CHECK: %[[BQ:.*]] = tqt.fake_quant %{{.*}}, %[[TB]] bits(16) signed : tensor<4xf32>
// CHECK: %[[ZERO:.*]] = "tosa.const"() <{values = dense<0.000000e+00> : tensor<4xf32>}>
// CHECK: %[[ACC:.*]] = tosa.conv2d %[[XQ]], %[[WQ]], %[[ZERO]]
// CHECK: %[[TA:.*]] = ml_program.global_load @q.conv2d_0.acc
// CHECK: %[[ACCQ:.*]] = tqt.fake_quant %[[ACC]], %[[TA]] bits(16) signed : tensor<?x8x8x4xf32>
// CHECK: %[[B4:.*]] = tosa.reshape %[[BQ]], %{{.*}} : (tensor<4xf32>, !tosa.shape<4>) -> tensor<1x1x1x4xf32>
// CHECK: %[[Y:.*]] = tosa.add %[[ACCQ]], %[[B4]]
// CHECK: %[[R:.*]] = tosa.clamp %[[Y]] {max_val = 6.000000e+00 : f32, min_val = 0.000000e+00 : f32}
// CHECK: %[[TR:.*]] = ml_program.global_load @q.relu_0.out
// CHECK: %[[RQ:.*]] = tqt.fake_quant %[[R]], %[[TR]] bits(8) unsigned
// CHECK: return %[[RQ]]
// INT4-LABEL: func.func @conv_relu6
// INT4: tqt.fake_quant %{{.*}}, %{{.*}} bits(8) signed rounding<half_up> : tensor<4x3x3x1xf32>
func.func @conv_relu6(%x: tensor<?x8x8x1xf32>) -> tensor<?x8x8x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.25> : tensor<4x3x3x1xf32>}> : () -> tensor<4x3x3x1xf32>
  %b = "tosa.const"() <{values = dense<[0.1, -0.2, 0.3, 0.0]> : tensor<4xf32>}> : () -> tensor<4xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<?x8x8x1xf32>, tensor<4x3x3x1xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x8x8x4xf32>
  %r = tosa.clamp %c {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<?x8x8x4xf32>) -> tensor<?x8x8x4xf32>
  return %r : tensor<?x8x8x4xf32>
}

// -----

// Three layers: INT4 weights in the middle only (first and last stay 8-bit);
// a layer without ReLU ends with an int8 output quantizer.
// INT4-LABEL: func.func @three_layers
// INT4: tqt.fake_quant %{{.*}}, %{{.*}} bits(8) signed rounding<half_up> : tensor<2x1x1x1xf32>
// INT4: tqt.fake_quant %{{.*}}, %{{.*}} bits(4) signed rounding<half_up> : tensor<2x1x1x2xf32>
// INT4: tqt.fake_quant %{{.*}}, %{{.*}} bits(8) signed rounding<half_up> : tensor<3x1x1x2xf32>
// CHECK-LABEL: func.func @three_layers
// CHECK: %[[Y:.*]] = tosa.add
// CHECK: %[[T:.*]] = ml_program.global_load @q.conv2d_{{[0-9]+}}.out
// CHECK: tqt.fake_quant %[[Y]], %[[T]] bits(8) signed : tensor<?x4x4x2xf32>
func.func @three_layers(%x: tensor<?x4x4x1xf32>) -> tensor<?x4x4x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w1 = "tosa.const"() <{values = dense<0.5> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %w2 = "tosa.const"() <{values = dense<0.5> : tensor<2x1x1x2xf32>}> : () -> tensor<2x1x1x2xf32>
  %w3 = "tosa.const"() <{values = dense<0.5> : tensor<3x1x1x2xf32>}> : () -> tensor<3x1x1x2xf32>
  %b2 = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %b3 = "tosa.const"() <{values = dense<0.0> : tensor<3xf32>}> : () -> tensor<3xf32>
  %c1 = tosa.conv2d %x, %w1, %b2, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  %c2 = tosa.conv2d %c1, %w2, %b2, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  %c3 = tosa.conv2d %c2, %w3, %b3, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x3xf32>
  return %c3 : tensor<?x4x4x3xf32>
}

// -----

// Residual add: the layer's int8 output and the rescaled identity shortcut
// share one threshold; the ReLU after the add gets the uint8 quantizer.
// CHECK-LABEL: func.func @residual
// CHECK: %[[SC:.*]] = tqt.fake_quant %{{.*}}, %{{.*}} bits(8) unsigned
// CHECK: %[[T1:.*]] = ml_program.global_load @[[SHARED:q\.conv2d_[0-9]+\.out]]
// CHECK: %[[RS:.*]] = tqt.fake_quant %[[SC]], %[[T1]] bits(8) signed
// CHECK: %[[T2:.*]] = ml_program.global_load @[[SHARED]]
// CHECK: %[[BR:.*]] = tqt.fake_quant %{{.*}}, %[[T2]] bits(8) signed
// CHECK: %[[SUM:.*]] = tosa.add %[[BR]], %[[RS]]
// CHECK: %[[RELU:.*]] = tosa.clamp %[[SUM]]
// CHECK: tqt.fake_quant %[[RELU]], %{{.*}} bits(8) unsigned
func.func @residual(%x: tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<2x1x1x2xf32>}> : () -> tensor<2x1x1x2xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %r0 = tosa.clamp %x {max_val = 3.4e38 : f32, min_val = 0.0 : f32} : (tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
  %c = tosa.conv2d %r0, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x2xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  %a = tosa.add %c, %r0 : (tensor<?x4x4x2xf32>, tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
  %r = tosa.clamp %a {max_val = 3.4e38 : f32, min_val = 0.0 : f32} : (tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
  return %r : tensor<?x4x4x2xf32>
}

// -----

// Concat: all inputs share one threshold (named after the earliest
// quantizer, here the model input's); with a signed input among them, the
// unsigned ReLU branch is rescaled into that signed grid. Max pooling keeps
// its input's scale.
// CHECK-LABEL: func.func @concat
// CHECK: %[[XQ:.*]] = tqt.fake_quant %{{.*}}, %{{.*}} bits(8) signed
// CHECK: %[[A:.*]] = tqt.fake_quant %{{.*}}, %{{.*}} bits(8) unsigned
// CHECK: %[[P:.*]] = tosa.max_pool2d %[[A]]
// CHECK: %[[T:.*]] = ml_program.global_load @q.input0
// CHECK: %[[RS:.*]] = tqt.fake_quant %[[P]], %[[T]] bits(8) signed
// CHECK: %[[Q:.*]] = tosa.max_pool2d %[[XQ]]
// CHECK: tosa.concat %[[RS]], %[[Q]]
// CHECK-NOT: tqt.fake_quant
// CHECK: return
func.func @concat(%x: tensor<?x4x4x2xf32>) -> tensor<?x2x2x4xf32> {
  %r = tosa.clamp %x {max_val = 3.4e38 : f32, min_val = 0.0 : f32} : (tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
  %p = tosa.max_pool2d %r {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<?x4x4x2xf32>) -> tensor<?x2x2x2xf32>
  %q = tosa.max_pool2d %x {kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<?x4x4x2xf32>) -> tensor<?x2x2x2xf32>
  %c = tosa.concat %p, %q {axis = 3 : i32} : (tensor<?x2x2x2xf32>, tensor<?x2x2x2xf32>) -> tensor<?x2x2x4xf32>
  return %c : tensor<?x2x2x4xf32>
}

// -----

// Leaky ReLU max(alpha * y, y): y and alpha * y share a 16-bit threshold,
// alpha is a 16-bit weight, the maximum gets int8. Average pooling (as
// prepared): an unsigned 8-bit reciprocal and a floor-rounded output.
// CHECK-LABEL: func.func @leaky_avgpool
// CHECK: %[[T:.*]] = ml_program.global_load @[[LRELU:q\.conv2d_[0-9]+\.lrelu]]
// CHECK: %[[YQ:.*]] = tqt.fake_quant %{{.*}}, %[[T]] bits(16) signed
// CHECK: %[[TA:.*]] = ml_program.global_load @q.conv2d_{{[0-9]+}}.alpha
// CHECK: %[[AQ:.*]] = tqt.fake_quant %{{.*}}, %[[TA]] bits(16) signed : tensor<1x1x1x1xf32>
// CHECK: %[[AX:.*]] = tosa.mul %[[YQ]], %[[AQ]]
// CHECK: %[[T2:.*]] = ml_program.global_load @[[LRELU]]
// CHECK: %[[AXQ:.*]] = tqt.fake_quant %[[AX]], %[[T2]] bits(16) signed
// CHECK: %[[M:.*]] = tosa.maximum %[[AXQ]], %[[YQ]]
// CHECK: %[[MQ:.*]] = tqt.fake_quant %[[M]], %{{.*}} bits(8) signed
// CHECK: %[[TR:.*]] = ml_program.global_load @q.avgpool_0.reciprocal
// CHECK: %[[RQ:.*]] = tqt.fake_quant %{{.*}}, %[[TR]] bits(8) unsigned : tensor<4x4x2x1xf32>
// CHECK: %[[P:.*]] = tosa.depthwise_conv2d %[[MQ]], %[[RQ]]
// CHECK: tqt.fake_quant %[[P]], %{{.*}} bits(8) signed rounding<floor>
func.func @leaky_avgpool(%x: tensor<?x4x4x1xf32>) -> tensor<?x1x1x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<[[[[0.5]]], [[[-1.0]]]]> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<[0.1, 0.2]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  %alpha = "tosa.const"() <{values = dense<0.1> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %ax = tosa.mul %c, %alpha, %shift : (tensor<?x4x4x2xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<?x4x4x2xf32>
  %l = tosa.maximum %ax, %c : (tensor<?x4x4x2xf32>, tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
  %r = "tosa.const"() <{values = dense<0.0625> : tensor<4x4x2x1xf32>}> : () -> tensor<4x4x2x1xf32>
  %b0 = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %p = tosa.depthwise_conv2d %l, %r, %b0, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 4, 4>, tqt.avgpool} : (tensor<?x4x4x2xf32>, tensor<4x4x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x1x1x2xf32>
  return %p : tensor<?x1x1x2xf32>
}

// -----

// Fully connected: reshape, matmul with constant weights, reshape, bias add.
// The accumulator (after the matmul) and the bias share a 16-bit threshold;
// the bias add's output gets the int8 output quantizer.
// CHECK-LABEL: func.func @fully_connected
// CHECK: %[[TW:.*]] = ml_program.global_load @q.matmul_0.weight
// CHECK: %[[WQ:.*]] = tqt.fake_quant %{{.*}}, %[[TW]] bits(8) signed : tensor<1x4x3xf32>
// CHECK: %[[MM:.*]] = tosa.matmul %{{.*}}, %[[WQ]]
// CHECK: %[[TA:.*]] = ml_program.global_load @q.matmul_0.acc
// CHECK: %[[AQ:.*]] = tqt.fake_quant %[[MM]], %[[TA]] bits(16) signed : tensor<1x?x3xf32>
// CHECK: %[[R:.*]] = tosa.reshape %[[AQ]]
// CHECK: %[[TB:.*]] = ml_program.global_load @q.matmul_0.acc
// CHECK: %[[BQ:.*]] = tqt.fake_quant %{{.*}}, %[[TB]] bits(16) signed : tensor<1x3xf32>
// CHECK: %[[Y:.*]] = tosa.add %[[R]], %[[BQ]]
// CHECK: tqt.fake_quant %[[Y]], %{{.*}} bits(8) signed : tensor<?x3xf32>
func.func @fully_connected(%x: tensor<?x4xf32>) -> tensor<?x3xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %s1 = tosa.const_shape {values = dense<[1, -1, 4]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %x3 = tosa.reshape %x, %s1 : (tensor<?x4xf32>, !tosa.shape<3>) -> tensor<1x?x4xf32>
  %w = "tosa.const"() <{values = dense<0.25> : tensor<1x4x3xf32>}> : () -> tensor<1x4x3xf32>
  %mm = tosa.matmul %x3, %w, %zp, %zp : (tensor<1x?x4xf32>, tensor<1x4x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x3xf32>
  %s2 = tosa.const_shape {values = dense<[-1, 3]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y2 = tosa.reshape %mm, %s2 : (tensor<1x?x3xf32>, !tosa.shape<2>) -> tensor<?x3xf32>
  %b = "tosa.const"() <{values = dense<0.5> : tensor<1x3xf32>}> : () -> tensor<1x3xf32>
  %y = tosa.add %y2, %b : (tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}

// -----

// Smooth activations: the input keeps its quantizer, the output gets its
// own (unsigned for sigmoid); a product of two activations (an SE gate
// broadcast over H and W times the features) is quantized at act-bits,
// signed because the features are.
// CHECK-LABEL: func.func @activations_and_product
// CHECK: %[[XQ:.*]] = tqt.fake_quant %{{.*}}, %{{.*}} bits(8) signed
// CHECK: %[[H:.*]] = tqt.activation hardswish %[[XQ]]
// CHECK: %[[TH:.*]] = ml_program.global_load @q.hardswish_0.out
// CHECK: %[[HQ:.*]] = tqt.fake_quant %[[H]], %[[TH]] bits(8) signed
// CHECK: %[[P:.*]] = tosa.max_pool2d %[[HQ]]
// CHECK: %[[G:.*]] = tqt.activation sigmoid %[[P]]
// CHECK: %[[TG:.*]] = ml_program.global_load @q.sigmoid_0.out
// CHECK: %[[GQ:.*]] = tqt.fake_quant %[[G]], %[[TG]] bits(8) unsigned
// CHECK: %[[M:.*]] = tosa.mul %[[HQ]], %[[GQ]]
// CHECK: %[[TM:.*]] = ml_program.global_load @q.mul_0.out
// CHECK: %[[MQ:.*]] = tqt.fake_quant %[[M]], %[[TM]] bits(8) signed
// CHECK: return %[[MQ]]
// INT4-LABEL: func.func @activations_and_product
// INT4: tqt.activation hardswish
// INT4: tqt.fake_quant %{{.*}}, %{{.*}} bits(8) signed rounding<half_up>
func.func @activations_and_product(%x: tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32> {
  %h = tqt.activation hardswish %x : tensor<?x4x4x2xf32>
  %p = tosa.max_pool2d %h {kernel = array<i64: 4, 4>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 4, 4>} : (tensor<?x4x4x2xf32>) -> tensor<?x1x1x2xf32>
  %g = tqt.activation sigmoid %p : tensor<?x1x1x2xf32>
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m = tosa.mul %h, %g, %shift : (tensor<?x4x4x2xf32>, tensor<?x1x1x2xf32>, tensor<1xi8>) -> tensor<?x4x4x2xf32>
  return %m : tensor<?x4x4x2xf32>
}
