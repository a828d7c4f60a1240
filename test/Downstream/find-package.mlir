// An out-of-tree compiler adopts tqt-mlir from an install prefix: install,
// configure examples/downstream against it with find_package(TQTMLIR),
// build, and run the static flow through its own -opt tool (the named
// pipelines) and through one library call (quantizeStatic). Both give the
// same bytes as tqt-opt + tqt-calibrate, and the integer program equals the
// calibrated simulation graph bit for bit.
// REQUIRES: downstream
// RUN: rm -rf %t && mkdir -p %t
// RUN: %cmake --install %tqt_obj_root --prefix %t/prefix > %t/install.log
// RUN: test -f %t/prefix/lib/cmake/tqt-mlir/TQTMLIRConfig.cmake
// RUN: test -x %t/prefix/bin/tqt-opt && test -f %t/prefix/lib/TQTPlugin.so
// RUN: test -f %t/prefix/include/tqt/Dialect/TQT/IR/TQTOps.h.inc
// RUN: %cmake -G Ninja -S %tqt_src_root/examples/downstream -B %t/build \
// RUN:   -DTQTMLIR_DIR=%t/prefix/lib/cmake/tqt-mlir %downstream_cmake_args \
// RUN:   | FileCheck %s --check-prefix=CONFIGURE
// RUN: %cmake --build %t/build > %t/build.log
// RUN: %python %tqt_src_root/test/Integration/Inputs/gen_small_net.py %t/data 40
//
// Its -opt tool, with tqt's tools from the prefix in between.
// RUN: %t/build/bin/downstream-opt %t/data/net.mlir --tqt-build-simulation -o %t/sim.mlir
// RUN: %t/prefix/bin/tqt-calibrate %t/sim.mlir --data %t/data/x.npy --samples 40 --quiet -o %t/cal.mlir
// RUN: %t/build/bin/downstream-opt %t/cal.mlir --tqt-build-integer -o %t/int.mlir
// RUN: tqt-opt %t/data/net.mlir --tqt-prepare --tqt-insert-quantizers -o %t/sim.tqt.mlir
// RUN: diff %t/sim.mlir %t/sim.tqt.mlir
// RUN: tqt-opt %t/cal.mlir --tqt-legalize-pow2 --tqt-fuse-integer -o %t/int.tqt.mlir
// RUN: diff %t/int.mlir %t/int.tqt.mlir
// RUN: FileCheck %s --input-file=%t/int.mlir --check-prefix=INT
//
// The whole flow in one call.
// RUN: %t/build/bin/downstream-quantize %t/data/net.mlir %t/data/x.npy %t/int.lib.mlir %t/cal.lib.mlir 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LIB
// RUN: diff %t/int.lib.mlir %t/int.mlir
// RUN: diff %t/cal.lib.mlir %t/cal.mlir
// RUN: %t/prefix/bin/tqt-run %t/cal.lib.mlir --compare-layers --random-inputs \
// RUN:   | FileCheck %s --check-prefix=SAME

// CONFIGURE: Using TQTMLIRConfig.cmake in: {{.*}}prefix/lib/cmake/tqt-mlir
// INT-LABEL: func.func @net
// INT-NOT: tqt.fake_quant
// INT: tosa.conv2d
// LIB: downstream-quantize: 11 thresholds calibrated
// SAME: bit-exact: 15 quantizers (15 with codes of their own), {{[0-9]+}} codes compared, results equal
