// RUN: tqt-opt %s -split-input-file --convert-tqt-to-linalg -verify-diagnostics

func.func @unranked(%x: tensor<*xf32>, %t: tensor<f32>) -> tensor<*xf32> {
  // expected-error @+1 {{'tqt.fake_quant' op unranked tensor 'tensor<*xf32>' is not supported by --convert-tqt-to-linalg}}
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @unranked_result(%x: tensor<*xf32>) -> tensor<*xi8> {
  // expected-error @+1 {{'tqt.quantize' op unranked tensor 'tensor<*xf32>' is not supported by --convert-tqt-to-linalg}}
  %0 = tqt.quantize %x exp(0) bits(8) signed : tensor<*xf32> -> tensor<*xi8>
  return %0 : tensor<*xi8>
}
