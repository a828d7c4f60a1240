// RUN: tqt-opt %s -split-input-file -verify-diagnostics --tqt-expand-training

// expected-error@below {{no public function to train}}
module {
  func.func private @f(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
    return %x : tensor<2x3xf32>
  }
}

// -----

// expected-error@below {{several public functions; choose one with entry=NAME}}
module {
  func.func @f(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
    return %x : tensor<2x3xf32>
  }
  func.func @g(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
    return %x : tensor<2x3xf32>
  }
}

// -----

// expected-error@below {{must have exactly one result (the loss is computed on it), got 2}}
func.func @two(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  return %x, %x : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// expected-error@below {{cross-entropy needs logits of rank 2 [batch, classes], got 'tensor<2x3x4xf32>'}}
func.func @rank3(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  return %x : tensor<2x3x4xf32>
}

// -----

// expected-error@below {{has no trainable parameters: it loads no float ml_program.global}}
func.func @none(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = tosa.add %x, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

ml_program.global private @b(dense<0.5> : tensor<1x3xf32>) : tensor<1x3xf32>
func.func @sigmoid(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %b = ml_program.global_load @b : tensor<1x3xf32>
  %y = tosa.add %x, %b : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
  // expected-error@below {{'tosa.sigmoid' op has no gradient rule; --tqt-expand-training differentiates}}
  %z = tosa.sigmoid %y : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %z : tensor<2x3xf32>
}

// -----

ml_program.global private @w(dense<0.5> : tensor<2x1x1x1xf32>) : tensor<2x1x1x1xf32>
func.func @dynamic(%x: tensor<1x?x4x1xf32>) -> tensor<1x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %w = ml_program.global_load @w : tensor<2x1x1x1xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x?x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x4x2xf32>
  // expected-error@below {{'tosa.max_pool2d' op cannot be differentiated: the input needs a static dimension 1 (got 'tensor<1x?x4x2xf32>')}}
  %p = tosa.max_pool2d %c {kernel = array<i64: 1, 4>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x?x4x2xf32>) -> tensor<1x?x1x2xf32>
  %s = tosa.const_shape {values = dense<[1, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.reshape %p, %s : (tensor<1x?x1x2xf32>, !tosa.shape<2>) -> tensor<1x2xf32>
  return %r : tensor<1x2xf32>
}

// -----

// expected-error@below {{symbol @f_eval already exists; was the model expanded already?}}
module {
  ml_program.global private @b(dense<0.5> : tensor<1x3xf32>) : tensor<1x3xf32>
  func.func @f(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
    %b = ml_program.global_load @b : tensor<1x3xf32>
    %y = tosa.add %x, %b : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
    return %y : tensor<2x3xf32>
  }
  func.func private @f_eval() {
    return
  }
}

// -----

// expected-error@below {{must have a single block to be differentiated}}
func.func @blocks(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  cf.br ^bb1
^bb1:
  return %x : tensor<2x3xf32>
}

// -----

// expected-error@below {{result must be a ranked f32 tensor}}
func.func @ints(%x: tensor<2x3xi32>) -> tensor<2x3xi32> {
  return %x : tensor<2x3xi32>
}

// -----

// expected-error@below {{arguments must be ranked tensors}}
func.func @unranked(%x: tensor<*xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %y : tensor<2x3xf32>
}

// -----

// expected-error@below {{parameter globals need a static shape}}
ml_program.global private mutable @dyn : tensor<?xf32>
func.func @dynamic_global(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %d = ml_program.global_load @dyn : tensor<?xf32>
  return %x : tensor<2x3xf32>
}

// -----

ml_program.global private @b(dense<0.5> : tensor<1x3xf32>) : tensor<1x3xf32>
func.func @concat_dynamic(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %b = ml_program.global_load @b : tensor<1x3xf32>
  %y = tosa.add %x, %b : (tensor<?x3xf32>, tensor<1x3xf32>) -> tensor<?x3xf32>
  // expected-error@below {{'tosa.concat' op cannot be differentiated: inputs need a static size along the axis}}
  %c = tosa.concat %y, %x {axis = 0 : i32} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %c : tensor<?x3xf32>
}

// -----

ml_program.global private @b(dense<0.5> : tensor<1x3xf32>) : tensor<1x3xf32>
func.func @mul_shift(%x: tensor<2x3xf32>, %s: tensor<1xi8>) -> tensor<2x3xf32> {
  %b = ml_program.global_load @b : tensor<1x3xf32>
  // expected-error@below {{'tosa.mul' op cannot be differentiated: the shift of a float tosa.mul must be a constant 0}}
  %y = tosa.mul %x, %b, %s : (tensor<2x3xf32>, tensor<1x3xf32>, tensor<1xi8>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
