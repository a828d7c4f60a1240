// RUN: tqt-opt %s --split-input-file --tqt-apply-noalias | FileCheck %s --enable-var-scope

// The positions --tqt-outline-loop-nests listed become llvm.noalias on those
// pointer parameters; the list goes.

// CHECK-LABEL: llvm.func internal @nest(
// CHECK-SAME:      %{{[^:]*}}: i64, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: i64, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: i64)
// CHECK-NOT:       tqt.noalias_pointers
// CHECK-LABEL: llvm.func internal @plain(
// CHECK-SAME:      %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr)
// CHECK-NOT:       llvm.noalias
llvm.func internal @nest(%n: i64, %a0: !llvm.ptr, %a1: !llvm.ptr, %a2: i64, %b0: !llvm.ptr, %b1: !llvm.ptr, %b2: i64) attributes {tqt.noalias_pointers = array<i64: 2, 5>} {
  llvm.return
}
llvm.func internal @plain(%a0: !llvm.ptr, %a1: !llvm.ptr) {
  llvm.return
}
