// RUN: tqt-opt %s --convert-quant-to-tqt --split-input-file -verify-diagnostics

func.func @per_axis_scale(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @below {{'quant.qcast' op result: '!quant.uniform<i8:f32:1, {1.000000e+00,3.000000e+00,4.000000e+00}>' has scale 3.000000e+00, which is not a power of 2 in [2^-126, 2^127]}}
  %q = quant.qcast %x : tensor<2x3xf32> to tensor<2x3x!quant.uniform<i8:f32:1, {1.0, 3.0, 4.0}>>
  %f = quant.dcast %q : tensor<2x3x!quant.uniform<i8:f32:1, {1.0, 3.0, 4.0}>> to tensor<2x3xf32>
  return %f : tensor<2x3xf32>
}

// -----

func.func @per_axis_zero_point(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @below {{'quant.qcast' op result: '!quant.uniform<i8:f32:1, {1.000000e+00,2.000000e+00:3,4.000000e+00}>' has zero point 3; tqt codes have zero point 0}}
  %q = quant.qcast %x : tensor<2x3xf32> to tensor<2x3x!quant.uniform<i8:f32:1, {1.0, 2.0:3, 4.0}>>
  %f = quant.dcast %q : tensor<2x3x!quant.uniform<i8:f32:1, {1.0, 2.0:3, 4.0}>> to tensor<2x3xf32>
  return %f : tensor<2x3xf32>
}

// -----

// expected-error @below {{'func.func' op argument #0 has the per-axis type 'tensor<2x3x!quant.uniform<i8:f32:1, {1.000000e+00,2.000000e+00,4.000000e+00}>>'; the boundary codes of a function (tqt.exp) have one scale}}
func.func @per_axis_argument(%q: tensor<2x3x!quant.uniform<i8:f32:1, {1.0, 2.0, 4.0}>>) -> tensor<2x3xf32> {
  %f = quant.dcast %q : tensor<2x3x!quant.uniform<i8:f32:1, {1.0, 2.0, 4.0}>> to tensor<2x3xf32>
  return %f : tensor<2x3xf32>
}

// -----

func.func @scale(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @below {{'quant.qcast' op result: '!quant.uniform<i8:f32, 3.000000e-01>' has scale 3.000000e-01, which is not a power of 2 in [2^-126, 2^127]}}
  %q = quant.qcast %x : tensor<2xf32> to tensor<2x!quant.uniform<i8:f32, 0.3>>
  %f = quant.dcast %q : tensor<2x!quant.uniform<i8:f32, 0.3>> to tensor<2xf32>
  return %f : tensor<2xf32>
}

// -----

func.func @zero_point(%x: tensor<2xi8>) -> tensor<2xf32> {
  %q = quant.scast %x : tensor<2xi8> to tensor<2x!quant.uniform<i8:f32, 0.5:3>>
  // expected-error @below {{'quant.dcast' op input: '!quant.uniform<i8:f32, 5.000000e-01:3>' has zero point 3; tqt codes have zero point 0}}
  %f = quant.dcast %q : tensor<2x!quant.uniform<i8:f32, 0.5:3>> to tensor<2xf32>
  return %f : tensor<2xf32>
}

// -----

// expected-error @below {{'func.func' op argument #0: '!quant.uniform<i8:f32, 5.000000e-01:3>' has zero point 3; tqt codes have zero point 0}}
func.func @zero_point_boundary(%q: tensor<2x!quant.uniform<i8:f32, 0.5:3>>) -> tensor<2xf32> {
  %f = quant.dcast %q : tensor<2x!quant.uniform<i8:f32, 0.5:3>> to tensor<2xf32>
  return %f : tensor<2xf32>
}

// -----

func.func @f16(%x: tensor<2xf16>) -> tensor<2xf16> {
  // expected-error @below {{'quant.qcast' op result: '!quant.uniform<i8:f16, 5.000000e-01>' expresses 'f16'; tqt codes express f32}}
  %q = quant.qcast %x : tensor<2xf16> to tensor<2x!quant.uniform<i8:f16, 0.5>>
  %f = quant.dcast %q : tensor<2x!quant.uniform<i8:f16, 0.5>> to tensor<2xf16>
  return %f : tensor<2xf16>
}

// -----

func.func @range(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @below {{'quant.qcast' op result: '!quant.uniform<i8<-5:10>:f32, 5.000000e-01>' has storage range [-5, 10], which is no tqt grid}}
  %q = quant.qcast %x : tensor<2xf32> to tensor<2x!quant.uniform<i8<-5:10>:f32, 0.5>>
  %f = quant.dcast %q : tensor<2x!quant.uniform<i8<-5:10>:f32, 0.5>> to tensor<2xf32>
  return %f : tensor<2xf32>
}

// -----

func.func @scalar(%x: f32) -> f32 {
  // expected-error @below {{'quant.qcast' op result '!quant.uniform<i8:f32, 5.000000e-01>' is not a ranked tensor; tqt codes are}}
  %q = quant.qcast %x : f32 to !quant.uniform<i8:f32, 0.5>
  %f = quant.dcast %q : !quant.uniform<i8:f32, 0.5> to f32
  return %f : f32
}

// -----

// expected-error @below {{'func.func' op argument #0 has the narrow grid of 'tensor<2x!quant.uniform<i8<-127:127>:f32, 5.000000e-01>>'; tqt.bits / tqt.is_signed describe full grids only}}
func.func @narrow_boundary(%q: tensor<2x!quant.uniform<i8<-127:127>:f32, 0.5>>) -> tensor<2xf32> {
  %f = quant.dcast %q : tensor<2x!quant.uniform<i8<-127:127>:f32, 0.5>> to tensor<2xf32>
  return %f : tensor<2xf32>
}

// -----

func.func @other_use(%x: tensor<2xi8>) -> tensor<?xi8> {
  // expected-error @below {{'quant.scast' op produces a value of quantized type 'tensor<2x!quant.uniform<i8:f32, 5.000000e-01>>' that no tqt op reads}}
  %q = quant.scast %x : tensor<2xi8> to tensor<2x!quant.uniform<i8:f32, 0.5>>
  %c = tensor.cast %q : tensor<2x!quant.uniform<i8:f32, 0.5>> to tensor<?x!quant.uniform<i8:f32, 0.5>>
  %r = quant.scast %c : tensor<?x!quant.uniform<i8:f32, 0.5>> to tensor<?xi8>
  return %r : tensor<?xi8>
}
