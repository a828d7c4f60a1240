// Every --emit kind, and the header.
// RUN: rm -rf %t && mkdir -p %t
// RUN: tqt-compile %s -e layer --emit=llvm -o %t/layer.ll
// RUN: FileCheck %s --check-prefix=LLVM < %t/layer.ll
// LLVM: define {{.*}}void @_mlir_ciface_layer(ptr
// LLVM-NOT: @helper_unused
//
// RUN: tqt-compile %s -e layer --emit=obj -o %t/layer.o
// RUN: llvm-nm %t/layer.o | FileCheck %s --check-prefix=SYMS
// RUN: tqt-compile %s -e layer --emit=staticlib -o %t/liblayer.a
// RUN: llvm-nm %t/liblayer.a | FileCheck %s --check-prefix=SYMS
// SYMS: T _mlir_ciface_layer
// SYMS: T layer
//
// RUN: tqt-compile %s -e layer --emit=obj -o %t/layer-znver.o --mcpu=znver3 -O1
// RUN: llvm-objdump -d %t/layer-znver.o | FileCheck %s --check-prefix=DISASM
// DISASM: <_mlir_ciface_layer>:
//
// RUN: tqt-compile %s -e layer --emit=obj -o %t/h.o --header %t/layer.h
// RUN: FileCheck %s --check-prefix=HEADER < %t/layer.h
// HEADER: *   arg0: tensor<?x8xf32>
// HEADER: *   result0: tensor<?x8xi8>
// HEADER: #ifndef TQT_MODEL_LAYER_H
// HEADER: } tqt_memref_f32_2;
// HEADER: } tqt_memref_i8_2;
// HEADER: void _mlir_ciface_layer(layer_ciface_results *results, tqt_memref_f32_2 *arg0);
// HEADER: static const int64_t layer_arg0_shape[2] = {-1, 8};
// HEADER: static inline int layer_run(const float *arg0, const int64_t arg0_shape[2], layer_results *results) {
// HEADER: if (arg0_shape[1] != 8) return 1;
// HEADER: static inline void layer_free_results(layer_results *results) {

func.func @layer(%x: tensor<?x8xf32>) -> tensor<?x8xi8> {
  %q = tqt.quantize %x exp(-6) bits(8) signed rounding<half_up> : tensor<?x8xf32> -> tensor<?x8xi8>
  return %q : tensor<?x8xi8>
}
func.func @helper_unused(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
