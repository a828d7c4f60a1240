// RUN: tqt-opt %s -split-input-file --tqt-lower-alloca-scopes | FileCheck %s --enable-var-scope

// A scope that allocates: its body is inlined between a stack save and a
// restore, so every execution frees what it allocated.
// CHECK-LABEL: func.func @allocates
// CHECK:         %[[SP:.*]] = llvm.intr.stacksave : !llvm.ptr
// CHECK-NEXT:    %[[A:.*]] = memref.alloca() : memref<4xf32>
// CHECK-NEXT:    memref.store %{{.*}}, %[[A]]
// CHECK-NEXT:    %[[V:.*]] = memref.load %[[A]]
// CHECK-NEXT:    llvm.intr.stackrestore %[[SP]] : !llvm.ptr
// CHECK-NEXT:    return %[[V]]
// CHECK-NOT:     memref.alloca_scope
func.func @allocates(%x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %r = memref.alloca_scope -> f32 {
    %a = memref.alloca() : memref<4xf32>
    memref.store %x, %a[%c0] : memref<4xf32>
    %v = memref.load %a[%c0] : memref<4xf32>
    memref.alloca_scope.return %v : f32
  }
  return %r : f32
}

// -----

// Scopes without allocations are inlined as they are; nested ones too.
// CHECK-LABEL: func.func @plain
// CHECK-NOT:     llvm.intr.stacksave
// CHECK-NOT:     memref.alloca_scope
// CHECK:         %[[S:.*]] = arith.addf %{{.*}}, %{{.*}}
// CHECK-NEXT:    %[[T:.*]] = arith.mulf %[[S]], %[[S]]
// CHECK-NEXT:    return %[[T]]
func.func @plain(%x: f32) -> f32 {
  %r = memref.alloca_scope -> f32 {
    %s = arith.addf %x, %x : f32
    %t = memref.alloca_scope -> f32 {
      %m = arith.mulf %s, %s : f32
      memref.alloca_scope.return %m : f32
    }
    memref.alloca_scope.return %t : f32
  }
  return %r : f32
}
