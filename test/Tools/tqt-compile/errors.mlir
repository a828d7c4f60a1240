// RUN: rm -rf %t && mkdir -p %t
// RUN: not tqt-compile %s -e nope -o %t/x.o 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: tqt-compile: error: no function @nope in the module (public functions: @f, @g)
// RUN: not tqt-compile %s -o %t/x.o 2>&1 | FileCheck %s --check-prefix=WHICH
// WHICH: tqt-compile: error: the module has 2 public functions; name one with -e
// RUN: not tqt-compile %s -e g -o %t/x.o 2>&1 | FileCheck %s --check-prefix=UNRANKED
// UNRANKED: tqt-compile: error: @g argument #0 has type tensor<*xf32>; only ranked tensors cross the entry point
// RUN: not tqt-compile %s -e f -o %t/x.o -O7 2>&1 | FileCheck %s --check-prefix=OPT
// OPT: tqt-compile: error: -O must be 0, 1, 2 or 3
// RUN: not tqt-compile %s -e f -o %t/x.o --emit=wasm 2>&1 | FileCheck %s --check-prefix=EMIT
// EMIT: Cannot find option named 'wasm'!
// RUN: not tqt-compile %s -e f --emit=exe -o %t/x --cc %t/no-such-cc 2>&1 | FileCheck %s --check-prefix=CC
// CC: tqt-compile: error: C compiler '{{.*}}no-such-cc' not found
// RUN: not tqt-compile %s -e f -o %t/no-such-dir/x.o 2>&1 | FileCheck %s --check-prefix=OUT
// OUT: tqt-compile: error: cannot write {{.*}}no-such-dir/x.o: {{[Nn]}}o such file or directory
// RUN: not tqt-compile %s -e f -o %t/x.o --mcpu=pentium9000 2>&1 | FileCheck %s --check-prefix=CPU
// CPU: tqt-compile: error: unknown CPU 'pentium9000' for x86_64{{.*}} (use host, native or an LLVM CPU name such as x86-64-v3)
// RUN: not tqt-compile %s -e f 2>&1 | FileCheck %s --check-prefix=NOOUT
// NOOUT: tqt-compile: for the -o option: must be specified at least once!

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
func.func @g(%x: tensor<*xf32>) -> tensor<*xf32> {
  return %x : tensor<*xf32>
}
