// RUN: tqt-opt %s -split-input-file --tqt-prepare-entry-points | FileCheck %s
// RUN: tqt-opt %s -split-input-file --tqt-prepare-entry-points="emit-c-interface=false" | FileCheck %s --check-prefix=NOC

// CHECK-LABEL: func.func @entry
// CHECK-SAME: (%{{.*}}: tensor<4xf32> {bufferization.writable = false}, %{{.*}}: i32)
// CHECK-SAME: attributes {llvm.emit_c_interface}
// NOC-LABEL: func.func @entry
// NOC-SAME: {bufferization.writable = false}
// NOC-NOT: llvm.emit_c_interface
func.func @entry(%x: tensor<4xf32>, %n: i32) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// -----

// Private functions and declarations are left alone.
// CHECK-LABEL: func.func private @helper
// CHECK-NOT: bufferization.writable
// CHECK-NOT: llvm.emit_c_interface
// CHECK: func.func private @decl
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
func.func private @decl(tensor<4xf32>) -> tensor<4xf32>
