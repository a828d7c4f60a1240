// The example of scripts/demo.sh keeps parsing and folding to these numbers.
// RUN: tqt-opt --canonicalize %tqt_src_root/examples/quantized_layer.mlir | FileCheck %s

// CHECK-LABEL: func.func @layer
// x/s = [6.4, -44.8, 127.36, -160]: fake_quant and quantize agree.
// CHECK-DAG: arith.constant dense<[9.375000e-02, -7.031250e-01, 1.984375, -2.000000e+00]> : tensor<4xf32>
// CHECK-DAG: arith.constant dense<[6, -45, 127, -128]> : tensor<4xi8>
// acc / 2^9 = [2.5, -9.77, 234.4, 0.5]: ties to even, ReLU, ReLU6 clamp at 192.
// CHECK-DAG: arith.constant dense<[2, 0, -64, 0]> : tensor<4xi8>
// CHECK-DAG: arith.constant dense<[3, 0, -64, 1]> : tensor<4xi8>
// CHECK-DAG: arith.constant dense<[6.250000e-02, 0.000000e+00, 6.000000e+00, 0.000000e+00]> : tensor<4xf32>
// CHECK-DAG: arith.constant dense<-1.39669156> : tensor<f32>
// CHECK-NOT: tqt.
