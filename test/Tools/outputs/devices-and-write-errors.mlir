// Every tool writes its outputs whole or not at all (mlir::tqt::OutputFile):
// character devices are written in place and never replaced by a regular
// file, directories are refused, and write errors (a full device, a file
// size limit) are diagnostics that name the file, with no partial output and
// no temporary left behind. Device nodes are made in %t (mknod: root).
// REQUIRES: root
// RUN: rm -rf %t && mkdir -p %t
// RUN: mknod %t/null c 1 3 && mknod %t/full c 1 7

// tqt-opt: a device in place, a full device, a directory, standard output.
// RUN: tqt-opt %s -o %t/null
// RUN: test -c %t/null
// RUN: not tqt-opt %s -o %t/full 2>&1 | FileCheck %s --check-prefix=FULL -DPATH=%t/full
// FULL: tqt-opt: error: cannot write [[PATH]]: No space left on device
// RUN: test -c %t/full
// RUN: not tqt-opt %s -o %t 2>&1 | FileCheck %s --check-prefix=DIR -DPATH=%t
// DIR: tqt-opt: error: cannot write [[PATH]]: it is a directory
// RUN: not tqt-opt %s > %t/full 2>%t/stdout.err
// RUN: FileCheck %s --check-prefix=STDOUT < %t/stdout.err
// STDOUT: tqt-opt: error: cannot write to standard output: No space left on device
// STDOUT-NOT: LLVM ERROR

// A write error in the middle of a regular file (bash's ulimit -f with
// SIGXFSZ ignored makes write() fail with EFBIG): the old file stays as it
// was and no temporary is left.
// RUN: echo old > %t/kept.mlir
// RUN: not bash -c "trap '' XFSZ; ulimit -f 1; exec tqt-opt %s -o %t/kept.mlir" 2>&1 | FileCheck %s --check-prefix=FSIZE -DPATH=%t/kept.mlir
// FSIZE: tqt-opt: error: cannot write [[PATH]]: File too large
// RUN: FileCheck %s --check-prefix=OLD < %t/kept.mlir
// OLD: {{^old$}}
// RUN: ls %t | FileCheck %s --check-prefix=NOTEMP
// NOTEMP-NOT: .tmp-

// tqt-compile: every kind of output into a device keeps the device.
// RUN: tqt-compile %s -e f --emit=staticlib -o %t/null
// RUN: tqt-compile %s -e f --emit=obj -o %t/null --header %t/null
// RUN: test -c %t/null
// RUN: not tqt-compile %s -e f --emit=staticlib -o %t/full 2>&1 | FileCheck %s --check-prefix=CFULL -DPATH=%t/full
// CFULL: tqt-compile: error: cannot write [[PATH]]: No space left on device
// RUN: not tqt-compile %s -e f --emit=llvm -o %t/out.ll --header %t/full 2>&1 | FileCheck %s --check-prefix=CFULL -DPATH=%t/full
// RUN: not ls %t/out.ll
// RUN: test -c %t/full
// RUN: tqt-compile %s -e f --emit=llvm -o - | FileCheck %s --check-prefix=LLSTDOUT
// LLSTDOUT: define {{.*}}@f(
// RUN: not tqt-compile %s -e f --emit=obj -o - 2>&1 | FileCheck %s --check-prefix=OBJSTDOUT
// OBJSTDOUT: tqt-compile: error: this output cannot go to standard output ('-'); give a file name

// tqt-calibrate and tqt-train: a full device for the model or the log is an
// error naming it (the training runs first: its outputs are committed last).
// RUN: %npytool write %t/cal.npy f32 "[0.5, -1.0, 1.5, 2.0]" --shape 1,4
// RUN: not tqt-calibrate %s -e q --data %t/cal.npy -o %t/full 2>&1 | FileCheck %s --check-prefix=CALFULL -DPATH=%t/full
// CALFULL: tqt-calibrate: error: cannot write [[PATH]]: No space left on device
// RUN: tqt-calibrate %s -e q --data %t/cal.npy --quiet -o %t/null
// RUN: test -c %t/null
// RUN: %if fashion-mnist %{ not tqt-train %s -e net --dataset fashion-mnist --steps 2 --val-samples 100 --quiet -o %t/full 2>&1 | FileCheck %s --check-prefix=TRAINFULL -DPATH=%t/full %}
// RUN: %if fashion-mnist %{ not tqt-train %s -e net --dataset fashion-mnist --steps 2 --val-samples 100 --quiet --log %t/full -o %t/trained.mlir 2>&1 | FileCheck %s --check-prefix=TRAINFULL -DPATH=%t/full %}
// RUN: not ls %t/trained.mlir
// TRAINFULL: tqt-train: error: cannot write [[PATH]]: No space left on device
// RUN: test -c %t/full

// tqt-run: result files.
// RUN: %npytool write %t/x.npy f32 "[1, 2, 3, 4]"
// RUN: tqt-run %s -e f -i %t/x.npy --output-dir %t/res
// RUN: %npytool within %t/res/result0.npy %t/x.npy 0
// RUN: not tqt-run %s -e f -i %t/x.npy > %t/full 2>%t/run.err
// RUN: FileCheck %s --check-prefix=RUNSTDOUT < %t/run.err
// RUNSTDOUT: tqt-run: error: cannot write to standard output: No space left on device

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = arith.addf %x, %x : tensor<4xf32>
  %1 = arith.subf %0, %x : tensor<4xf32>
  return %1 : tensor<4xf32>
}
// Padding so that the printed module is larger than ulimit -f 1 (1024
// bytes): a few more functions.
func.func private @g0(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = arith.addf %x, %x : tensor<4xf32>
  %1 = arith.mulf %0, %x : tensor<4xf32>
  %2 = arith.subf %1, %x : tensor<4xf32>
  return %2 : tensor<4xf32>
}
func.func private @g1(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = arith.addf %x, %x : tensor<4xf32>
  %1 = arith.mulf %0, %x : tensor<4xf32>
  %2 = arith.subf %1, %x : tensor<4xf32>
  return %2 : tensor<4xf32>
}
func.func private @g2(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = arith.addf %x, %x : tensor<4xf32>
  %1 = arith.mulf %0, %x : tensor<4xf32>
  %2 = arith.subf %1, %x : tensor<4xf32>
  return %2 : tensor<4xf32>
}
func.func private @g3(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = arith.addf %x, %x : tensor<4xf32>
  %1 = arith.mulf %0, %x : tensor<4xf32>
  %2 = arith.subf %1, %x : tensor<4xf32>
  return %2 : tensor<4xf32>
}
ml_program.global private mutable @t(dense<0.0> : tensor<f32>) : tensor<f32> {tqt.log2_threshold}
func.func @q(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %t = ml_program.global_load @t : tensor<f32>
  %0 = tqt.fake_quant %x, %t bits(8) signed : tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
ml_program.global private @w(dense<0.001> : tensor<1x784x10xf32>) : tensor<1x784x10xf32>
func.func @net(%x: tensor<?x28x28x1xf32>) -> tensor<?x10xf32> {
  %s = tosa.const_shape {values = dense<[1, -1, 784]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %x, %s : (tensor<?x28x28x1xf32>, !tosa.shape<3>) -> tensor<1x?x784xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = ml_program.global_load @w : tensor<1x784x10xf32>
  %mm = tosa.matmul %f, %w, %zp, %zp : (tensor<1x?x784xf32>, tensor<1x784x10xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x10xf32>
  %s2 = tosa.const_shape {values = dense<[-1, 10]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.reshape %mm, %s2 : (tensor<1x?x10xf32>, !tosa.shape<2>) -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}
