// RUN: tqt-opt %s -split-input-file --tqt-outer-parallel-loops | FileCheck %s --enable-var-scope

// A 4-D elementwise loop (a dynamic batch, rows, columns, channels): the two
// outer dimensions stay parallel, the others become sequential loops inside,
// the innermost last (so that it can be vectorized).
// CHECK-LABEL: func.func @nhwc
// CHECK-SAME:    (%[[B:.*]]: memref<?x8x6x16xf32>)
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[C6:.*]] = arith.constant 6 : index
// CHECK-DAG:     %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG:     %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG:     %[[N:.*]] = memref.dim %[[B]], %[[C0]]
// CHECK:         scf.parallel (%[[I:.*]], %[[J:.*]]) = (%[[C0]], %[[C0]]) to (%[[N]], %[[C8]]) step (%[[C1]], %[[C1]]) {
// CHECK-NEXT:      scf.for %[[K:.*]] = %[[C0]] to %[[C6]] step %[[C1]] {
// CHECK-NEXT:        scf.for %[[L:.*]] = %[[C0]] to %[[C16]] step %[[C1]] {
// CHECK-NEXT:          %[[V:.*]] = memref.load %[[B]][%[[I]], %[[J]], %[[K]], %[[L]]]
// CHECK-NEXT:          %[[W:.*]] = arith.addf %[[V]], %[[V]]
// CHECK-NEXT:          memref.store %[[W]], %[[B]][%[[I]], %[[J]], %[[K]], %[[L]]]
// CHECK-NOT:     scf.parallel
func.func @nhwc(%b: memref<?x8x6x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c6 = arith.constant 6 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %n = memref.dim %b, %c0 : memref<?x8x6x16xf32>
  scf.parallel (%i, %j, %k, %l) = (%c0, %c0, %c0, %c0) to (%n, %c8, %c6, %c16) step (%c1, %c1, %c1, %c1) {
    %v = memref.load %b[%i, %j, %k, %l] : memref<?x8x6x16xf32>
    %w = arith.addf %v, %v : f32
    memref.store %w, %b[%i, %j, %k, %l] : memref<?x8x6x16xf32>
    scf.reduce
  }
  return
}

// -----

// Dimensions of one iteration are skipped: the batch of 1 and the unit
// height leave the columns (and not the innermost channels) parallel.
// CHECK-LABEL: func.func @unit_dims
// CHECK:         scf.parallel (%{{.*}}) = (%{{.*}}) to (%c7) step
// CHECK-NEXT:      scf.for %{{.*}} = %{{.*}} to %c1
// CHECK-NEXT:        scf.for %{{.*}} = %{{.*}} to %c1
// CHECK-NEXT:          scf.for %{{.*}} = %{{.*}} to %c3
func.func @unit_dims(%b: memref<1x1x7x3xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c7 = arith.constant 7 : index
  scf.parallel (%i, %j, %k, %l) = (%c0, %c0, %c0, %c0) to (%c1, %c1, %c7, %c3) step (%c1, %c1, %c1, %c1) {
    %v = memref.load %b[%i, %j, %k, %l] : memref<1x1x7x3xf32>
    memref.store %v, %b[%i, %j, %k, %l] : memref<1x1x7x3xf32>
    scf.reduce
  }
  return
}

// -----

// One-dimensional loops (the int8 kernels' row tiles) and loops with
// reductions are left as they are.
// CHECK-LABEL: func.func @untouched
// CHECK:         scf.parallel (%{{.*}}) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK:         scf.parallel (%{{.*}}, %{{.*}}) = {{.*}} init (%{{.*}}) -> f32 {
func.func @untouched(%b: memref<4x4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    memref.store %zero, %b[%i, %i] : memref<4x4xf32>
    scf.reduce
  }
  %s = scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c4) step (%c1, %c1) init (%zero) -> f32 {
    %v = memref.load %b[%i, %j] : memref<4x4xf32>
    scf.reduce(%v : f32) {
    ^bb0(%x: f32, %y: f32):
      %r = arith.addf %x, %y : f32
      scf.reduce.return %r : f32
    }
  }
  return %s : f32
}

// -----

// A parallel loop inside a sequential one (the weight gradient of a
// convolution: its reduction dimensions come first) becomes sequential: it
// would fork threads on every outer iteration.
// CHECK-LABEL: func.func @inside_a_loop
// CHECK:         scf.for %[[R:.*]] = %{{.*}} to %c9
// CHECK-NEXT:      scf.for %[[I:.*]] = %{{.*}} to %c4
// CHECK-NEXT:        scf.for %[[J:.*]] = %{{.*}} to %c5
// CHECK-NEXT:          memref.load %{{.*}}[%[[R]], %[[I]], %[[J]]]
// CHECK-NOT:     scf.parallel
func.func @inside_a_loop(%b: memref<9x4x5xf32>, %acc: memref<4x5xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c9 = arith.constant 9 : index
  scf.for %r = %c0 to %c9 step %c1 {
    scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c5) step (%c1, %c1) {
      %v = memref.load %b[%r, %i, %j] : memref<9x4x5xf32>
      %a = memref.load %acc[%i, %j] : memref<4x5xf32>
      %s = arith.addf %a, %v : f32
      memref.store %s, %acc[%i, %j] : memref<4x5xf32>
      scf.reduce
    }
  }
  return
}
