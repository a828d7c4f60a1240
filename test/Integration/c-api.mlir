// The C example of examples/c-api links a model compiled by tqt-compile, as
// a static library and as a shared library, and prints the numbers worked
// out by hand in the comments of examples/c-api/model.mlir.
// REQUIRES: c-compiler
// RUN: rm -rf %t && mkdir -p %t
// RUN: tqt-compile %tqt_src_root/examples/c-api/model.mlir -e classify --emit=staticlib -o %t/libclassify.a --header %t/classify.h
// Threaded code (the default) links with the OpenMP runtime.
// RUN: %cc -std=c99 -Wall -Werror -I%t %tqt_src_root/examples/c-api/main.c %t/libclassify.a %openmp_link -lm -o %t/classify-static
// RUN: %t/classify-static | FileCheck %s
// RUN: env OMP_NUM_THREADS=1 %t/classify-static | FileCheck %s
// Sequential code (--threads 1) needs nothing else.
// RUN: tqt-compile %tqt_src_root/examples/c-api/model.mlir -e classify --threads 1 --emit=staticlib -o %t/libclassify1.a
// RUN: %cc -std=c99 -Wall -Werror -I%t %tqt_src_root/examples/c-api/main.c %t/libclassify1.a -lm -o %t/classify-sequential
// RUN: %t/classify-sequential | FileCheck %s
// RUN: llvm-nm %t/libclassify1.a | FileCheck %s --check-prefix=SEQ --implicit-check-not=__kmpc
// RUN: llvm-nm %t/libclassify.a | FileCheck %s --check-prefix=OMP
// SEQ: classify
// OMP: U __kmpc_fork_call
// RUN: mkdir -p %t/shared
// RUN: tqt-compile %tqt_src_root/examples/c-api/model.mlir -e classify --emit=sharedlib -o %t/shared/libclassify.so
// RUN: %cc -std=c99 -Wall -Werror -I%t %tqt_src_root/examples/c-api/main.c -L%t/shared -lclassify -lm -o %t/classify-shared
// RUN: env LD_LIBRARY_PATH=%t/shared %t/classify-shared | FileCheck %s
// The header also compiles as C++.
// RUN: %cc -x c++ -fsyntax-only -Wall -Werror -I%t %tqt_src_root/examples/c-api/main.c

// Row 0: codes round([32, -16, 64, 8] . w / 2^8) = [18, <0, 0].
// CHECK: row 0: 0.5625 (code 18) 0 (code 0) 0 (code 0)
// CHECK: row 1: 0 (code 0) 1.03125 (code 33) 0 (code 0)
// CHECK: bad shape -> 1
