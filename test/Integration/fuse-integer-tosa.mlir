// With rounding=half_up, the fused integer program (static batch: TOSA 1.0
// validation needs static shapes) lowers through --convert-tqt-to-tosa to
// integer TOSA only, passes tosa-validate with the integer profile and the
// int16 extension (unsigned activations live in i16, whose convolutions
// accumulate in i48), and gives the same bits as the simulation graph.
// RUN: rm -rf %t && %python %S/Inputs/gen_small_net.py %t 50
// RUN: %python %S/Inputs/flow.py %t %t/net.mlir %t/x.npy half_up | FileCheck %s
// RUN: tqt-opt %t/half_up/fused.mlir --convert-tqt-to-tosa -o %t/tosa.mlir
// RUN: FileCheck %s --check-prefix=TOSA --implicit-check-not=tqt.requantize < %t/tosa.mlir
// RUN: tqt-opt %t/tosa.mlir --tosa-attach-target="profiles=pro_int extensions=int16" --tosa-validate="strict-op-spec-alignment" -o /dev/null
// RUN: tqt-run %t/tosa.mlir -i %t/x.npy --output-dir %t/out_tosa
// RUN: %npytool same %t/out_tosa/result0.npy %t/half_up/out_sim/result0.npy
// CHECK: half_up: fused == simulation: yes
// TOSA: tqt.quantize
// TOSA: tosa.conv2d {{.*}} -> tensor<50x8x8x4xi32>
// TOSA: tosa.rescale {{.*}}scale32 = true{{.*}} -> tensor<50x8x8x4xi16>
// TOSA: tosa.depthwise_conv2d {{.*}} -> tensor<50x8x8x4xi48>
// TOSA: tosa.rescale {{.*}}scale32 = false{{.*}} : (tensor<50x8x8x4xi48>, tensor<1xi16>, tensor<1xi8>, tensor<1xi48>, tensor<1xi16>) -> tensor<50x8x8x4xi16>
// TOSA: tqt.dequantize
