// With rounding=half_up, the fused integer program (static batch: TOSA 1.0
// validation needs static shapes) lowers through --convert-tqt-to-tosa to
// integer TOSA only, passes tosa-validate with the integer profile and the
// int16 extension (the 16-bit bias sums), and gives the same bits as the
// simulation graph. Unsigned activations are raw bytes in i8 that the
// depthwise convolution, max pooling and matmul read through the zero-point
// view (xor 0x80, zero point -128), accumulating in i32.
// RUN: rm -rf %t && %python %S/Inputs/gen_small_net.py %t 50
// RUN: %python %S/Inputs/flow.py %t %t/net.mlir %t/x.npy half_up | FileCheck %s
// RUN: tqt-opt %t/half_up/fused.mlir --convert-tqt-to-tosa -o %t/tosa.mlir
// RUN: FileCheck %s --check-prefix=TOSA --implicit-check-not=tqt.requantize --implicit-check-not=xi48 < %t/tosa.mlir
// RUN: tqt-opt %t/tosa.mlir --tosa-attach-target="profiles=pro_int extensions=int16" --tosa-validate="strict-op-spec-alignment" -o /dev/null
// RUN: tqt-run %t/tosa.mlir -i %t/x.npy --output-dir %t/out_tosa
// RUN: %npytool same %t/out_tosa/result0.npy %t/half_up/out_sim/result0.npy
// CHECK: half_up: fused == simulation: yes
// TOSA: tqt.quantize
// TOSA: tosa.conv2d {{.*}} -> tensor<50x8x8x4xi32>
// TOSA: tosa.rescale {{.*}}scale32 = true{{.*}} -> tensor<50x8x8x4xi16>
// TOSA: [[RELU:%.*]] = tosa.rescale {{.*}}output_unsigned = true{{.*}} -> tensor<50x8x8x4xi8>
// TOSA: [[VIEW:%.*]] = tosa.bitwise_xor [[RELU]], %{{.*}} : (tensor<50x8x8x4xi8>, tensor<1x1x1x1xi8>)
// TOSA: [[ZP:%.*]] = "tosa.const"() <{values = dense<-128> : tensor<1xi8>}>
// TOSA: tosa.depthwise_conv2d [[VIEW]], %{{.*}}, %{{.*}}, [[ZP]], %{{.*}} {acc_type = i32{{.*}} -> tensor<50x8x8x4xi32>
// TOSA: tosa.max_pool2d {{.*}} -> tensor<50x4x4x4xi8>
// TOSA: tosa.matmul {{.*}} -> tensor<1x50x10xi32>
// TOSA: tqt.dequantize
