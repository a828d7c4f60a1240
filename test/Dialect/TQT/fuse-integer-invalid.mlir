// RUN: tqt-opt %s -split-input-file --tqt-fuse-integer -verify-diagnostics

func.func @not_legalized(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op is not legalized; run --tqt-legalize-pow2 first}}
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @float_op(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tosa.exp' op is not supported by --tqt-fuse-integer}}
  %e = tosa.exp %x : (tensor<4xf32>) -> tensor<4xf32>
  return %e : tensor<4xf32>
}

// -----

func.func @unquantized_operand(%x: tensor<4xf32>) -> tensor<4xf32> {
  %xq = tqt.quantize %x exp(-4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %xd = tqt.dequantize %xq exp(-4) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  // expected-error @+1 {{'tosa.add' op cannot be made integer: operand #1 has no integer form (it is a function argument that is not quantized)}}
  %y = tosa.add %xd, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @different_scales(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = tqt.quantize %x exp(-4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %ad = tqt.dequantize %a exp(-4) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  %b = tqt.quantize %x exp(-3) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %bd = tqt.dequantize %b exp(-3) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  // expected-error @+1 {{'tosa.add' op combines values at exponents -4 and -3; their quantizers must share a threshold}}
  %y = tosa.add %ad, %bd : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @bias_in_conv(%x: tensor<?x4x4x1xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<1.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %xq = tqt.quantize %x exp(-6) bits(8) signed : tensor<?x4x4x1xf32> -> tensor<?x4x4x1xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) signed : tensor<?x4x4x1xi8> -> tensor<?x4x4x1xf32>
  %wq = tqt.quantize %w exp(-7) bits(8) signed : tensor<2x1x1x1xf32> -> tensor<2x1x1x1xi8>
  %wd = tqt.dequantize %wq exp(-7) bits(8) signed : tensor<2x1x1x1xi8> -> tensor<2x1x1x1xf32>
  // expected-error @+1 {{'tosa.conv2d' op has a bias; the integer program expects it split off by --tqt-insert-quantizers}}
  %acc = tosa.conv2d %xd, %wd, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  %aq = tqt.quantize %acc exp(-2) bits(16) signed : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi16>
  %ad = tqt.dequantize %aq exp(-2) bits(16) signed : tensor<?x4x4x2xi16> -> tensor<?x4x4x2xf32>
  return %ad : tensor<?x4x4x2xf32>
}

// -----

func.func @float_result(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'func.return' op cannot be made integer: a result has no integer form (it is a function argument that is not quantized)}}
  return %x : tensor<4xf32>
}

// -----

func.func @clamp_not_relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = tqt.quantize %x exp(-4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %d = tqt.dequantize %q exp(-4) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  // expected-error @+1 {{'tosa.clamp' op is not a ReLU/ReLU6 of an integer value}}
  %c = tosa.clamp %d {max_val = 1.0 : f32, min_val = -1.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  %r = tqt.quantize %c exp(-4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %rd = tqt.dequantize %r exp(-4) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  return %rd : tensor<4xf32>
}

// -----

func.func @relu_on_signed_grid(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = tqt.quantize %x exp(-4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %d = tqt.dequantize %q exp(-4) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  %c = tosa.clamp %d {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  // expected-error @+1 {{'tqt.quantize' op quantizes a ReLU output on a signed grid; the integer program expects an unsigned one}}
  %r = tqt.quantize %c exp(-4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %rd = tqt.dequantize %r exp(-4) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  return %rd : tensor<4xf32>
}

// -----

func.func @concat_scales(%x: tensor<4xf32>) -> tensor<8xf32> {
  %a = tqt.quantize %x exp(-4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %ad = tqt.dequantize %a exp(-4) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  %b = tqt.quantize %x exp(-3) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %bd = tqt.dequantize %b exp(-3) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  // expected-error @+1 {{'tosa.concat' op joins codes of different scales or storage}}
  %c = tosa.concat %ad, %bd {axis = 0 : i32} : (tensor<4xf32>, tensor<4xf32>) -> tensor<8xf32>
  %r = tqt.quantize %c exp(-4) bits(8) signed : tensor<8xf32> -> tensor<8xi8>
  %rd = tqt.dequantize %r exp(-4) bits(8) signed : tensor<8xi8> -> tensor<8xf32>
  return %rd : tensor<8xf32>
}

// -----

// The storage_variants case of ops.mlir: an unranked quantize that is
// returned (this crashed the pass).
// expected-error @+1 {{'func.func' op argument #0 has the unranked type 'tensor<*xf32>'; --tqt-fuse-integer needs ranked tensors (a dynamic dimension is fine)}}
func.func @unranked_argument(%u: tensor<*xf32>) -> tensor<*xi8> {
  %q = tqt.quantize %u exp(1) bits(8) unsigned : tensor<*xf32> -> tensor<*xi8>
  return %q : tensor<*xi8>
}

// -----

func.func @unranked_result(%x: tensor<4xf32>) -> tensor<*xi8> {
  // expected-error @+1 {{'tensor.cast' op result has the unranked type 'tensor<*xf32>'; --tqt-fuse-integer needs ranked tensors (a dynamic dimension is fine)}}
  %u = tensor.cast %x : tensor<4xf32> to tensor<*xf32>
  %q = tqt.quantize %u exp(1) bits(8) unsigned : tensor<*xf32> -> tensor<*xi8>
  return %q : tensor<*xi8>
}

// -----

// Signed and unsigned 8-bit codes are both i8, but not the same codes.
func.func @concat_signedness(%x: tensor<4xf32>) -> tensor<8xf32> {
  %a = tqt.quantize %x exp(-4) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %ad = tqt.dequantize %a exp(-4) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  %b = tqt.quantize %x exp(-4) bits(8) unsigned : tensor<4xf32> -> tensor<4xi8>
  %bd = tqt.dequantize %b exp(-4) bits(8) unsigned : tensor<4xi8> -> tensor<4xf32>
  // expected-error @+1 {{'tosa.concat' op joins codes of different scales or storage}}
  %c = tosa.concat %ad, %bd {axis = 0 : i32} : (tensor<4xf32>, tensor<4xf32>) -> tensor<8xf32>
  %r = tqt.quantize %c exp(-4) bits(8) signed : tensor<8xf32> -> tensor<8xi8>
  %rd = tqt.dequantize %r exp(-4) bits(8) signed : tensor<8xi8> -> tensor<8xf32>
  return %rd : tensor<8xf32>
}

// -----

// Convolutions multiply 8-bit codes: 16-bit activations are refused.
func.func @wide_activations(%x: tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %zero = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %q = tqt.quantize %x exp(-8) bits(16) signed : tensor<1x2x2x1xf32> -> tensor<1x2x2x1xi16>
  %qd = tqt.dequantize %q exp(-8) bits(16) signed : tensor<1x2x2x1xi16> -> tensor<1x2x2x1xf32>
  %wq = tqt.quantize %w exp(-7) bits(8) signed : tensor<1x1x1x1xf32> -> tensor<1x1x1x1xi8>
  %wd = tqt.dequantize %wq exp(-7) bits(8) signed : tensor<1x1x1x1xi8> -> tensor<1x1x1x1xf32>
  // expected-error @+1 {{'tosa.conv2d' op reads 16-bit activation codes; the integer program multiplies 8-bit codes (quantize this layer's input to 8 bits)}}
  %c = tosa.conv2d %qd, %wd, %zero, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x2x2x1xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x1xf32>
  %o = tqt.quantize %c exp(-4) bits(8) signed : tensor<1x2x2x1xf32> -> tensor<1x2x2x1xi8>
  %od = tqt.dequantize %o exp(-4) bits(8) signed : tensor<1x2x2x1xi8> -> tensor<1x2x2x1xf32>
  return %od : tensor<1x2x2x1xf32>
}

// -----

// A per-channel accumulator must be requantized before anything else reads
// it.
func.func @per_channel_acc_into_add(%x: tensor<?x4x4x1xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<[[[[0.5]]], [[[-1.0]]]]> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %zero = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %xq = tqt.quantize %x exp(-6) bits(8) signed : tensor<?x4x4x1xf32> -> tensor<?x4x4x1xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) signed : tensor<?x4x4x1xi8> -> tensor<?x4x4x1xf32>
  %wq = tqt.quantize %w exps[-7, -5] axis(0) bits(8) signed : tensor<2x1x1x1xf32> -> tensor<2x1x1x1xi8>
  %wd = tqt.dequantize %wq exps[-7, -5] axis(0) bits(8) signed : tensor<2x1x1x1xi8> -> tensor<2x1x1x1xf32>
  %acc = tosa.conv2d %xd, %wd, %zero, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  // expected-error @+1 {{'tosa.add' op reads codes with per-channel exponents; only their layer's quantizer may follow a layer with per-channel weights}}
  %y = tosa.add %acc, %acc : (tensor<?x4x4x2xf32>, tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
  %rq = tqt.quantize %y exp(-5) bits(8) signed : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi8>
  %rd = tqt.dequantize %rq exp(-5) bits(8) signed : tensor<?x4x4x2xi8> -> tensor<?x4x4x2xf32>
  return %rd : tensor<?x4x4x2xf32>
}

// -----

// Per-channel exponents belong to weights: activations are per tensor.
func.func @per_channel_activation(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %xq = tqt.quantize %x exp(-6) bits(8) signed : tensor<?x2xf32> -> tensor<?x2xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) signed : tensor<?x2xi8> -> tensor<?x2xf32>
  // expected-error @+1 {{'tqt.quantize' op quantizes a value that is not a constant per channel; the integer program quantizes weights per channel, activations per tensor}}
  %yq = tqt.quantize %xd exps[-5, -4] axis(1) bits(8) signed : tensor<?x2xf32> -> tensor<?x2xi8>
  %yd = tqt.dequantize %yq exps[-5, -4] axis(1) bits(8) signed : tensor<?x2xi8> -> tensor<?x2xf32>
  return %yd : tensor<?x2xf32>
}

// -----

// Per-channel weights along an axis that is not the output channels.
func.func @per_channel_wrong_axis(%x: tensor<?x4x4x1xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %zero = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %xq = tqt.quantize %x exp(-6) bits(8) signed : tensor<?x4x4x1xf32> -> tensor<?x4x4x1xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) signed : tensor<?x4x4x1xi8> -> tensor<?x4x4x1xf32>
  %wq = tqt.quantize %w exps[-7] axis(3) bits(8) signed : tensor<2x1x1x1xf32> -> tensor<2x1x1x1xi8>
  %wd = tqt.dequantize %wq exps[-7] axis(3) bits(8) signed : tensor<2x1x1x1xi8> -> tensor<2x1x1x1xf32>
  // expected-error @+1 {{'tosa.conv2d' op has weights with per-channel exponents along axis 3; its output channels are axis 0 of the weights}}
  %acc = tosa.conv2d %xd, %wd, %zero, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  %aq = tqt.quantize %acc exp(-2) bits(16) signed : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi16>
  %ad = tqt.dequantize %aq exp(-2) bits(16) signed : tensor<?x4x4x2xi16> -> tensor<?x4x4x2xf32>
  return %ad : tensor<?x4x4x2xf32>
}

// -----

func.func @pad_nonzero(%x: tensor<?x2x2x1xf32>) -> tensor<?x4x4x1xf32> {
  %q = tqt.quantize %x exp(-4) bits(8) signed : tensor<?x2x2x1xf32> -> tensor<?x2x2x1xi8>
  %d = tqt.dequantize %q exp(-4) bits(8) signed : tensor<?x2x2x1xi8> -> tensor<?x2x2x1xf32>
  %s = tosa.const_shape {values = dense<[0, 0, 1, 1, 1, 1, 0, 0]> : tensor<8xindex>} : () -> !tosa.shape<8>
  %c = "tosa.const"() <{values = dense<0.5> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-error @+1 {{'tosa.pad' op pads with a value other than 0; the integer program pads codes with code 0}}
  %p = tosa.pad %d, %s, %c : (tensor<?x2x2x1xf32>, !tosa.shape<8>, tensor<1xf32>) -> tensor<?x4x4x1xf32>
  return %p : tensor<?x4x4x1xf32>
}

// -----

func.func @activation_wide_input(%x: tensor<4xf32>) -> tensor<4xf32> {
  %xq = tqt.quantize %x exp(-10) bits(16) signed : tensor<4xf32> -> tensor<4xi32>
  %xd = tqt.dequantize %xq exp(-10) bits(16) signed : tensor<4xi32> -> tensor<4xf32>
  // expected-error @+1 {{'tqt.activation' op reads codes of 16 bits; its lookup table takes codes of at most 8 bits (--tqt-insert-quantizers requantizes a wider input to 8 bits)}}
  %s = tqt.activation sigmoid %xd : tensor<4xf32>
  %sq = tqt.quantize %s exp(-8) bits(8) unsigned : tensor<4xf32> -> tensor<4xi8>
  %sd = tqt.dequantize %sq exp(-8) bits(8) unsigned : tensor<4xi8> -> tensor<4xf32>
  return %sd : tensor<4xf32>
}

// -----

func.func @activation_wide_output(%x: tensor<4xf32>) -> tensor<4xf32> {
  %xq = tqt.quantize %x exp(-5) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %xd = tqt.dequantize %xq exp(-5) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  %s = tqt.activation tanh %xd : tensor<4xf32>
  // expected-error @+1 {{'tqt.quantize' op quantizes an activation to 16 bits; its lookup table holds codes of at most 8 bits (use act-bits/relu-bits <= 8)}}
  %sq = tqt.quantize %s exp(-14) bits(16) signed : tensor<4xf32> -> tensor<4xi32>
  %sd = tqt.dequantize %sq exp(-14) bits(16) signed : tensor<4xi32> -> tensor<4xf32>
  return %sd : tensor<4xf32>
}

// -----

func.func @activation_not_quantized(%x: tensor<4xf32>) -> tensor<4xf32> {
  %xq = tqt.quantize %x exp(-5) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  %xd = tqt.dequantize %xq exp(-5) bits(8) signed : tensor<4xi8> -> tensor<4xf32>
  %s = tqt.activation silu %xd : tensor<4xf32>
  // expected-error @+1 {{'func.return' op cannot be made integer: a result has no integer form (it is computed by 'tqt.activation')}}
  return %s : tensor<4xf32>
}
