// RUN: tqt-opt %s --split-input-file --tqt-outline-loop-nests | FileCheck %s --enable-var-scope

// Each top-level loop nest of a public function (here an scf.parallel holding
// an scf.for, then an scf.for) moves into a private, internal, never-inlined
// function of the values it uses from outside; constants are cloned in. The
// new functions come before the one they came from.

// CHECK-LABEL: func.func private @model__loop0(
// CHECK-SAME:      %[[N0:[^:]*]]: index, %[[A0:[^:]*]]: memref<?x4xf32>, %[[B0:[^:]*]]: memref<?x4xf32>)
// CHECK-SAME:      attributes {llvm.linkage = #llvm.linkage<internal>, passthrough = ["noinline"]}
// CHECK-DAG:     %[[Z:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[O:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[F:.*]] = arith.constant 4 : index
// CHECK:         scf.parallel (%[[I:.*]]) = (%[[Z]]) to (%[[N0]]) step (%[[O]]) {
// CHECK:           scf.for %[[J:.*]] = %[[Z]] to %[[F]] step %[[O]] {
// CHECK:             %[[X:.*]] = memref.load %[[A0]][%[[I]], %[[J]]]
// CHECK:             memref.store %[[X]], %[[B0]][%[[I]], %[[J]]]
// CHECK:         return
// CHECK-LABEL: func.func private @model__loop1(
// CHECK-SAME:      %[[B1:[^:]*]]: memref<?x4xf32>)
// CHECK:         %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:         scf.for
// CHECK:           memref.store %[[ONE]], %[[B1]]
// CHECK-LABEL: func.func @model(
// CHECK-SAME:      %[[A:[^:]*]]: memref<?x4xf32>, %[[B:[^:]*]]: memref<?x4xf32>)
// CHECK:         %[[N:.*]] = memref.dim %[[A]], %c0
// CHECK-NEXT:    call @model__loop0(%[[N]], %[[A]], %[[B]]) : (index, memref<?x4xf32>, memref<?x4xf32>) -> ()
// CHECK-NEXT:    call @model__loop1(%[[B]]) : (memref<?x4xf32>) -> ()
// CHECK-NEXT:    return
func.func @model(%a: memref<?x4xf32>, %b: memref<?x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %one = arith.constant 1.0 : f32
  %n = memref.dim %a, %c0 : memref<?x4xf32>
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    scf.for %j = %c0 to %c4 step %c1 {
      %x = memref.load %a[%i, %j] : memref<?x4xf32>
      memref.store %x, %b[%i, %j] : memref<?x4xf32>
    }
    scf.reduce
  }
  scf.for %j = %c0 to %c4 step %c1 {
    memref.store %one, %b[%c0, %j] : memref<?x4xf32>
  }
  return
}

// -----

// A loop that yields values stays (its results are used in place), and so do
// the loops of private functions (kernels, already small); declarations are
// left alone.

// CHECK-NOT:   __loop
// CHECK-LABEL: func.func @sum(
// CHECK:         %[[S:.*]] = scf.for {{.*}} iter_args
// CHECK:         return %[[S]]
// CHECK-LABEL: func.func private @kernel(
// CHECK:         scf.for
// CHECK-LABEL: func.func private @external(
// CHECK-NOT:   __loop
func.func @sum(%a: memref<4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %z = arith.constant 0.0 : f32
  %s = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %z) -> (f32) {
    %x = memref.load %a[%i] : memref<4xf32>
    %y = arith.addf %acc, %x : f32
    scf.yield %y : f32
  }
  return %s : f32
}
func.func private @kernel(%a: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %z = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %z, %a[%i] : memref<4xf32>
  }
  return
}
func.func private @external(memref<4xf32>)

// -----

// Outlined names are unique in the module.

// CHECK-LABEL: func.func private @taken__loop0_0(
// CHECK:         scf.for
// CHECK-LABEL: func.func @taken(
// CHECK-NOT:     scf.for
// CHECK:         call @taken__loop0_0(
// CHECK-LABEL: func.func private @taken__loop0(
// CHECK-NEXT:    return
func.func @taken(%a: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %z = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %z, %a[%i] : memref<4xf32>
  }
  return
}
func.func private @taken__loop0() {
  return
}

// -----

// Nests whose code is the same share one function, across the public
// functions too (equal layers of a network, equal stages of a calibration):
// the first and the third nest of @equal and the nest of @other are one
// function; the second nest of @equal stores another constant, its own.

// CHECK-LABEL: func.func private @equal__loop0(
// CHECK-SAME:      %{{[^:]*}}: memref<4xf32>)
// CHECK:         %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         memref.store %[[Z]]
// CHECK-LABEL: func.func private @equal__loop1(
// CHECK:         %[[T:.*]] = arith.constant 2.000000e+00 : f32
// CHECK:         memref.store %[[T]]
// CHECK-NOT:   func.func private
// CHECK-LABEL: func.func @equal(
// CHECK-SAME:      %[[A:[^:]*]]: memref<4xf32>, %[[B:[^:]*]]: memref<4xf32>)
// CHECK-NOT:     scf.for
// CHECK:         call @equal__loop0(%[[A]])
// CHECK-NEXT:    call @equal__loop1(%[[A]])
// CHECK-NEXT:    call @equal__loop0(%[[B]])
// CHECK-NEXT:    return
// CHECK-NOT:   func.func private
// CHECK-LABEL: func.func @other(
// CHECK-NOT:     scf.for
// CHECK:         call @equal__loop0(
// CHECK-NEXT:    return
func.func @equal(%a: memref<4xf32>, %b: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %z = arith.constant 0.0 : f32
  %two = arith.constant 2.0 : f32
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %z, %a[%i] : memref<4xf32>
  }
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %two, %a[%i] : memref<4xf32>
  }
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %z, %b[%i] : memref<4xf32>
  }
  return
}
func.func @other(%a: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %z = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c4 step %c1 {
    memref.store %z, %a[%i] : memref<4xf32>
  }
  return
}

// -----

// Alias facts at the call: a memref argument that is a view of its own
// allocation in the caller (%acc: an alloc; %rows: a collapse of another)
// aliases nothing else the nest reaches, and its aligned pointer's position
// in the LLVM calling convention is listed (an index is one parameter, a
// rank-r memref 3 + 2r: allocated and aligned pointers, offset, sizes,
// strides): %acc's at 1 + 7 + 1 = 9, %rows' at 1 + 7 + 3 + 1 = 12. Not listed: the caller's parameter %x (the caller's caller may
// pass it twice), and two views of one allocation (%v0, %v1).

// CHECK-LABEL: func.func private @facts__loop0(
// CHECK-SAME:      %{{[^:]*}}: index, %{{[^:]*}}: memref<?x8xf32>, %{{[^:]*}}: memref<f64>, %{{[^:]*}}: memref<?xf32>)
// CHECK-SAME:      tqt.noalias_pointers = array<i64: 9, 12>
// CHECK-LABEL: func.func private @facts__loop1(
// CHECK-SAME:      %{{[^:]*}}: memref<4xf32>, %{{[^:]*}}: memref<4xf32>)
// CHECK-SAME:      attributes {llvm.linkage = #llvm.linkage<internal>, passthrough = ["noinline"]} {{\{$}}
// CHECK-LABEL: func.func @facts(
func.func @facts(%x: memref<?x8xf32>, %n: index) -> (memref<f64>, memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %acc = memref.alloc() : memref<f64>
  %buf = memref.alloc(%n) : memref<?x1xf32>
  %rows = memref.collapse_shape %buf [[0, 1]] : memref<?x1xf32> into memref<?xf32>
  scf.for %i = %c0 to %n step %c1 {
    scf.for %j = %c0 to %c8 step %c1 {
      %v = memref.load %x[%i, %j] : memref<?x8xf32>
      %w = arith.extf %v : f32 to f64
      %s = memref.load %acc[] : memref<f64>
      %t = arith.addf %s, %w : f64
      memref.store %t, %acc[] : memref<f64>
      memref.store %v, %rows[%i] : memref<?xf32>
    }
  }
  %pair = memref.alloc() : memref<8xf32>
  %v0 = memref.subview %pair[0] [4] [1] : memref<8xf32> to memref<4xf32>
  %v1 = memref.subview %pair[0] [4] [1] : memref<8xf32> to memref<4xf32>
  scf.for %i = %c0 to %c8 step %c1 {
    %k = arith.remui %i, %c8 : index
    %c3 = arith.constant 3 : index
    %q = arith.minui %k, %c3 : index
    %e = memref.load %v0[%q] : memref<4xf32>
    memref.store %e, %v1[%q] : memref<4xf32>
  }
  return %acc, %rows : memref<f64>, memref<?xf32>
}

// -----

// A buffer of unknown origin (returned by a call) could alias any other,
// the allocation too: nothing is listed.

// CHECK-LABEL: func.func private @unknown__loop0(
// CHECK-SAME:      attributes {llvm.linkage = #llvm.linkage<internal>, passthrough = ["noinline"]} {{\{$}}
// CHECK-LABEL: func.func @unknown(
func.func private @buffer() -> memref<4xf32>
func.func @unknown() -> memref<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %from = call @buffer() : () -> memref<4xf32>
  %to = memref.alloc() : memref<4xf32>
  scf.for %i = %c0 to %c4 step %c1 {
    %e = memref.load %from[%i] : memref<4xf32>
    memref.store %e, %to[%i] : memref<4xf32>
  }
  return %to : memref<4xf32>
}
