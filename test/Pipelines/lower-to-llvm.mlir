// RUN: tqt-opt %s --tqt-lower-to-llvm | FileCheck %s --implicit-check-not=tensor. --implicit-check-not=linalg. --implicit-check-not=tosa. --implicit-check-not=tqt. --implicit-check-not=memref. --implicit-check-not=bufferization.
// RUN: tqt-opt %s --tqt-lower-to-llvm="emit-c-interface=false" | FileCheck %s --check-prefix=NOCIFACE
// With threads, the parallel loops are OpenMP regions (LLVM and omp only:
// no scf loop, no alloca scope is left); the thread count is baked in.
// RUN: tqt-opt %s --tqt-lower-to-llvm="threads=3" | FileCheck %s --check-prefix=THREADS --enable-var-scope --implicit-check-not=scf. --implicit-check-not=memref. --implicit-check-not=tqt.
// RUN: tqt-opt %s --tqt-lower-to-llvm="threads=0" | FileCheck %s --check-prefix=ANY-THREADS
// RUN: tqt-opt %s --tqt-lower-to-llvm | FileCheck %s --check-prefix=SEQUENTIAL
// Each loop nest is its own internal, never-inlined function
// (--tqt-outline-loop-nests), called by the model's.
// THREADS-LABEL: llvm.func internal @layer__loop0(
// THREADS-SAME:      attributes {passthrough = ["noinline"]
// THREADS:         %[[NT:.*]] = llvm.mlir.constant(3 : i32) : i32
// THREADS:         omp.parallel num_threads(%[[NT]] : i32)
// THREADS:           omp.wsloop
// THREADS-LABEL: llvm.func @layer(
// THREADS:         llvm.call @layer__loop0(
// THREADS:         llvm.call @layer__loop1(
// ANY-THREADS:     omp.parallel {
// SEQUENTIAL-NOT:  omp.
// A nest's buffers the model allocated alias nothing else it reaches: their
// aligned pointers are llvm.noalias (--tqt-apply-noalias); the first nest
// (quantize) reads the model's argument, whose pointers are not.
// SEQUENTIAL-LABEL: llvm.func internal @layer__loop0(
// SEQUENTIAL-SAME:      %{{[^:]*}}: i64, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, {{.*}}, %{{[^:]*}}: !llvm.ptr {llvm.noalias},

// Tensor-level TOSA and tqt become the LLVM dialect only, with the C
// interface wrapper of each public function (no op of another dialect
// anywhere in the output: --implicit-check-not).
// CHECK-LABEL: llvm.func @layer
// CHECK: llvm.func @_mlir_ciface_layer
// NOCIFACE: llvm.func @layer
// NOCIFACE-NOT: _mlir_ciface_layer
func.func @layer(%x: tensor<?x8xf32>, %w: tensor<1x8x4xi8>, %t: tensor<f32>) -> tensor<?x4xf32> {
  %q = tqt.quantize %x exp(-6) bits(8) signed : tensor<?x8xf32> -> tensor<?x8xi8>
  %shape = tosa.const_shape {values = dense<[1, -1, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %q3 = tosa.reshape %q, %shape : (tensor<?x8xi8>, !tosa.shape<3>) -> tensor<1x?x8xi8>
  %zp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %acc = tosa.matmul %q3, %w, %zp, %zp : (tensor<1x?x8xi8>, tensor<1x8x4xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x?x4xi32>
  %shape2 = tosa.const_shape {values = dense<[-1, 4]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %acc2 = tosa.reshape %acc, %shape2 : (tensor<1x?x4xi32>, !tosa.shape<2>) -> tensor<?x4xi32>
  %y = tqt.requantize %acc2 shift(6) bits(8) unsigned : tensor<?x4xi32> -> tensor<?x4xi8>
  %f = tqt.dequantize %y exp(-6) bits(8) unsigned : tensor<?x4xi8> -> tensor<?x4xf32>
  %g = tqt.fake_quant %f, %t bits(8) unsigned : tensor<?x4xf32>
  return %g : tensor<?x4xf32>
}
