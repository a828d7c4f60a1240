// half_up requantization lowered through --convert-tqt-to-tosa (tosa.rescale
// with multiplier 2^30, shift 30 + k, SINGLE_ROUND) and upstream TOSA to
// linalg gives the same bits as --convert-tqt-to-linalg, over random i32,
// i16 and i8 accumulators and over every exact tie (with its neighbours) of
// every shift, for every shift in [-28, 32], and the TOSA form
// passes tosa-validate with the integer profile (and the int16 extension
// for the i16 clamps of unsigned outputs).
//
// RUN: rm -rf %t && mkdir -p %t && %python %S/Inputs/gen_rescale_matrix.py %t/half_up.mlir
// RUN: tqt-opt --convert-tqt-to-tosa %t/half_up.mlir -o %t/tosa.mlir
// RUN: FileCheck %s --check-prefix=TOSA --implicit-check-not=tqt.requantize < %t/tosa.mlir
// RUN: %python %S/Inputs/gen_rescale_matrix.py %t/static.mlir 64
// RUN: tqt-opt --convert-tqt-to-tosa --tosa-attach-target="profiles=pro_int extensions=int16" --tosa-validate="strict-op-spec-alignment" %t/static.mlir -o /dev/null
// RUN: tqt-run %t/half_up.mlir --random-inputs --seed 5 --dynamic-size 4096 --dump-inputs %t/in --output-dir %t/linalg
// RUN: tqt-run %t/tosa.mlir -i %t/in/input0.npy -i %t/in/input1.npy -i %t/in/input2.npy --output-dir %t/tosa
// RUN: tqt-run %t/half_up.mlir -i %t/in/input0.npy -i %t/in/input1.npy -i %t/in/input2.npy --output-dir %t/ref --reference
// RUN: %npytool same-dir %t/linalg %t/tosa | FileCheck %s
// RUN: %npytool same-dir %t/ref %t/tosa | FileCheck %s
// The same on exact ties (and their neighbours) of every shift of every
// accumulator type:
// RUN: %python %S/Inputs/gen_rescale_matrix.py --ties %t/ties
// RUN: tqt-run %t/half_up.mlir -i %t/ties/input0.npy -i %t/ties/input1.npy -i %t/ties/input2.npy --output-dir %t/ties_linalg
// RUN: tqt-run %t/tosa.mlir -i %t/ties/input0.npy -i %t/ties/input1.npy -i %t/ties/input2.npy --output-dir %t/ties_tosa
// RUN: tqt-run %t/half_up.mlir -i %t/ties/input0.npy -i %t/ties/input1.npy -i %t/ties/input2.npy --output-dir %t/ties_ref --reference
// RUN: %npytool same-dir %t/ties_linalg %t/ties_tosa | FileCheck %s
// RUN: %npytool same-dir %t/ties_ref %t/ties_tosa | FileCheck %s
// CHECK: 336 of 336 files identical
//
// TOSA-LABEL: func.func @half_up_all
// TOSA: tosa.rescale
// TOSA-SAME: rounding_mode = SINGLE_ROUND
// TOSA-SAME: scale32 = true
