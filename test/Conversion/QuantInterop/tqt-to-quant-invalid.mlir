// RUN: tqt-opt %s --convert-tqt-to-quant --split-input-file -verify-diagnostics

func.func @overflow(%x: tensor<4xf32>) -> tensor<4xi8> {
  // expected-error @below {{the codes -128..127 times 2^127 are not all finite f32 values, which quant.qcast needs}}
  %q = tqt.quantize %x exp(127) bits(8) signed : tensor<4xf32> -> tensor<4xi8>
  return %q : tensor<4xi8>
}

// -----

func.func @unranked(%x: tensor<*xf32>) -> tensor<*xi8> {
  // expected-error @below {{unranked tensor 'tensor<*xf32>' is not supported by --convert-tqt-to-quant}}
  %q = tqt.quantize %x exp(-2) bits(8) signed : tensor<*xf32> -> tensor<*xi8>
  return %q : tensor<*xi8>
}

// -----

func.func @per_channel(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'tqt.quantize' op has per-channel exponents, which --convert-tqt-to-quant does not express yet (!quant.uniform per-axis types)}}
  %q = tqt.quantize %x exps[-3, -4] axis(0) bits(8) signed : tensor<2x4xf32> -> tensor<2x4xi8>
  // expected-error @+1 {{'tqt.dequantize' op has per-channel exponents, which --convert-tqt-to-quant does not express yet (!quant.uniform per-axis types)}}
  %d = tqt.dequantize %q exps[-3, -4] axis(0) bits(8) signed : tensor<2x4xi8> -> tensor<2x4xf32>
  return %d : tensor<2x4xf32>
}
