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

