// RUN: tqt-opt %s -split-input-file --tqt-insert-quantizers -verify-diagnostics

func.func @avgpool(%x: tensor<?x4x4x2xf32>) -> tensor<?x1x1x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-error @+1 {{'tosa.avg_pool2d' op is not quantized directly; run --tqt-prepare first (average pooling, batch norm and leaky ReLU become quantizable layers)}}
  %p = tosa.avg_pool2d %x, %zp, %zp {acc_type = f32, kernel = array<i64: 4, 4>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 4, 4>} : (tensor<?x4x4x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x1x1x2xf32>
  return %p : tensor<?x1x1x2xf32>
}

// -----

func.func @not_relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tosa.clamp' op with min_val below 0 is not a ReLU/ReLU6; it is not supported by --tqt-insert-quantizers}}
  %r = tosa.clamp %x {max_val = 1.0 : f32, min_val = -1.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @unsupported(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tosa.exp' op is not supported by --tqt-insert-quantizers}}
  %e = tosa.exp %x : (tensor<4xf32>) -> tensor<4xf32>
  return %e : tensor<4xf32>
}

// -----

func.func @weights_not_constant(%x: tensor<?x4x4x1xf32>, %w: tensor<2x1x1x1xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  // expected-error @+1 {{'tosa.conv2d' op weights must be constants or parameters (tosa.const, arith.constant, ml_program globals)}}
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  return %c : tensor<?x4x4x2xf32>
}

// -----

func.func @unquantized_input(%x: tensor<?x4x4x1xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.5> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %zp8 = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-error @+1 {{'tosa.sub' op is not quantized directly; run --tqt-prepare first}}
  %m = tosa.sub %x, %x : (tensor<?x4x4x1xf32>, tensor<?x4x4x1xf32>) -> tensor<?x4x4x1xf32>
  %c = tosa.conv2d %m, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  return %c : tensor<?x4x4x2xf32>
}

// -----

func.func @twice(%x: tensor<4xf32>, %t: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op is already a quantizer: --tqt-insert-quantizers takes a float model and would quantize it twice}}
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// expected-error @+1 {{'func.func' op argument #0 is not a ranked f32 tensor}}
func.func @int_argument(%x: tensor<4xi8>) -> tensor<4xi8> {
  return %x : tensor<4xi8>
}

// -----

func.func @matmul_of_activations(%x: tensor<1x2x3xf32>, %y: tensor<1x3x2xf32>) -> tensor<1x2x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-error @+1 {{'tosa.matmul' op weights (operand b) must be constants or parameters; a matmul of two activations is not a fully connected layer}}
  %m = tosa.matmul %x, %y, %zp, %zp : (tensor<1x2x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2xf32>
  return %m : tensor<1x2x2xf32>
}

// -----

func.func @pad_nonzero(%x: tensor<?x4x4x2xf32>) -> tensor<?x6x6x2xf32> {
  %s = tosa.const_shape {values = dense<[0, 0, 1, 1, 1, 1, 0, 0]> : tensor<8xindex>} : () -> !tosa.shape<8>
  %c = "tosa.const"() <{values = dense<1.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-error @+1 {{'tosa.pad' op pads with a value other than a constant 0; --tqt-insert-quantizers keeps the input's scale only for zero padding}}
  %p = tosa.pad %x, %s, %c : (tensor<?x4x4x2xf32>, !tosa.shape<8>, tensor<1xf32>) -> tensor<?x6x6x2xf32>
  return %p : tensor<?x6x6x2xf32>
}

// -----

func.func @tosa_sigmoid(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'tosa.sigmoid' op is quantized as tqt.activation; run --tqt-prepare first}}
  %0 = tosa.sigmoid %x : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

ml_program.global private mutable @shift(dense<1> : tensor<1xi8>) : tensor<1xi8>

func.func @product_with_shift(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %shift = ml_program.global_load @shift : tensor<1xi8>
  // expected-error @+1 {{'tosa.mul' op has a shift other than a constant 0; a float product of two activations has none}}
  %0 = tosa.mul %x, %y, %shift : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<1xi8>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
