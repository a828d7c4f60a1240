// RUN: tqt-opt %s --split-input-file --tqt-apply-noalias --verify-diagnostics

// A listed position must be a pointer parameter of the converted function.

// expected-error @+1 {{'tqt.noalias_pointers' lists position 1, which is not a pointer parameter of the function (run --tqt-apply-noalias right after --convert-func-to-llvm)}}
llvm.func internal @not_a_pointer(%a: !llvm.ptr, %n: i64) attributes {tqt.noalias_pointers = array<i64: 1>} {
  llvm.return
}

// -----

// expected-error @+1 {{'tqt.noalias_pointers' lists position 2, which is not a pointer parameter of the function (run --tqt-apply-noalias right after --convert-func-to-llvm)}}
llvm.func internal @past_the_end(%a: !llvm.ptr, %b: !llvm.ptr) attributes {tqt.noalias_pointers = array<i64: 2>} {
  llvm.return
}
