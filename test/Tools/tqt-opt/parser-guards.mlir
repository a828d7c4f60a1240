// Inputs that crash Debian's MLIR 22 parser (upstream bugs, docs/Fuzzing.md)
// are refused with a located error before parsing, by tqt-opt and by the
// tools that load models.
// RUN: rm -rf %t && mkdir -p %t
// RUN: not tqt-opt %s 2>&1 | FileCheck %s --check-prefix=INDEX -DFILE=%s
// RUN: not tqt-run %s --random-inputs 2>&1 | FileCheck %s --check-prefix=INDEX -DFILE=%s
// INDEX: [[FILE]]:[[@LINE+13]]:32: error: array<index: ...> crashes MLIR 22's parser (an upstream bug); use an integer element type such as array<i64: ...>

// What the lexer skips (NUL characters, comments) does not hide it.
// RUN: printf 'func.func @f() attributes {a = array<\0\0 // c\n index: 1>} { return }\n' > %t/nul.mlir
// RUN: not tqt-opt %t/nul.mlir 2>&1 | FileCheck %s --check-prefix=NUL
// NUL: nul.mlir:1:32: error: array<index: ...> crashes MLIR 22's parser

// Regions nested 1001 deep; 1000 still parse.
// RUN: %python -c "d = 1001; print('func.func @f() {\n' + 'scf.execute_region {\n' * d + 'scf.yield\n' + '}\nscf.yield\n' * (d - 1) + '}\nreturn\n}')" > %t/deep.mlir
// RUN: not tqt-opt %t/deep.mlir 2>&1 | FileCheck %s --check-prefix=DEEP -DFILE=%t/deep.mlir
// DEEP: [[FILE]]:1001:20: error: nesting deeper than 1000 levels is not supported: MLIR 22's recursive parser overflows the stack on deep inputs
// RUN: %python -c "d = 1000; print('func.func @f() {\n' + 'scf.execute_region {\n' * (d - 1) + 'scf.yield\n' + '}\nscf.yield\n' * (d - 2) + '}\nreturn\n}')" | tqt-opt -o /dev/null

func.func @f() attributes {a = array<index: 1>} {
  return
}
// Comments and strings are not scanned: array<index: 1>
func.func @g() attributes {a = "array<index: 1> [[[[", b = array<i64: 1>} {
  return
}
