func.func @layer(%x: tensor<?x4x4x1xf32>) -> tensor<?x4x4x2xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<[[[[0.5]]], [[[-1.0]]]]> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<[1.0, -2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %zero = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %xq = tqt.quantize %x exp(-6) bits(8) signed : tensor<?x4x4x1xf32> -> tensor<?x4x4x1xi8>
  %xd = tqt.dequantize %xq exp(-6) bits(8) signed : tensor<?x4x4x1xi8> -> tensor<?x4x4x1xf32>
  %wq = tqt.quantize %w exp(-7) bits(8) signed : tensor<2x1x1x1xf32> -> tensor<2x1x1x1xi8>
  %wd = tqt.dequantize %wq exp(-7) bits(8) signed : tensor<2x1x1x1xi8> -> tensor<2x1x1x1xf32>
  %bq = tqt.quantize %b exp(-2) bits(16) signed : tensor<2xf32> -> tensor<2xi16>
  %bd = tqt.dequantize %bq exp(-2) bits(16) signed : tensor<2xi16> -> tensor<2xf32>
  %acc = tosa.conv2d %xd, %wd, %zero, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<?x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x2xf32>
  %aq = tqt.quantize %acc exp(-2) bits(16) signed : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi16>
  %ad = tqt.dequantize %aq exp(-2) bits(16) signed : tensor<?x4x4x2xi16> -> tensor<?x4x4x2xf32>
  %s = tosa.const_shape {values = dense<[1, 1, 1, 2]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %b4 = tosa.reshape %bd, %s : (tensor<2xf32>, !tosa.shape<4>) -> tensor<1x1x1x2xf32>
  %y = tosa.add %ad, %b4 : (tensor<?x4x4x2xf32>, tensor<1x1x1x2xf32>) -> tensor<?x4x4x2xf32>
  %r = tosa.clamp %y {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
  %rq = tqt.quantize %r exp(-5) bits(8) unsigned : tensor<?x4x4x2xf32> -> tensor<?x4x4x2xi8>
  %rd = tqt.dequantize %rq exp(-5) bits(8) unsigned : tensor<?x4x4x2xi8> -> tensor<?x4x4x2xf32>
  return %rd : tensor<?x4x4x2xf32>
}
