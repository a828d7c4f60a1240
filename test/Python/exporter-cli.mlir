// The exporter's command line: MODULE:FACTORY STATE.pt C,H,W OUT.mlir, on the
// demo's architecture with a saved state; the exported model runs and
// --tqt-prepare folds its batch norms. Wrong arguments print the usage.
// REQUIRES: torch
// RUN: rm -rf %t && mkdir -p %t
// RUN: env PYTHONPATH=%tqt_src_root/python:%tqt_src_root/examples/fashion_mnist %python -c "import torch, mobilenet; torch.manual_seed(0); torch.save(mobilenet.MobileNetV1Tiny().state_dict(), '%t/state.pt')"
// RUN: env PYTHONPATH=%tqt_src_root/python:%tqt_src_root/examples/fashion_mnist %python -m tqt_mlir.export mobilenet:MobileNetV1Tiny %t/state.pt 1,28,28 %t/model.mlir
// RUN: tqt-run %t/model.mlir --random-inputs --dynamic-size 2 | FileCheck %s
// RUN: tqt-opt %t/model.mlir --tqt-prepare | FileCheck %s --check-prefix=PREP
// RUN: not %python -m tqt_mlir.export 2>&1 | FileCheck %s --check-prefix=USAGE
// The output is written whole or not at all, as by the C++ tools.
// RUN: not env PYTHONPATH=%tqt_src_root/python:%tqt_src_root/examples/fashion_mnist %python -m tqt_mlir.export mobilenet:MobileNetV1Tiny %t/state.pt 1,28,28 %t 2>&1 | FileCheck %s --check-prefix=DIR -DPATH=%t
// DIR: cannot write [[PATH]]: not a regular file, a character device or a FIFO
// RUN: env PYTHONPATH=%tqt_src_root/python:%tqt_src_root/examples/fashion_mnist %python -m tqt_mlir.export mobilenet:MobileNetV1Tiny %t/state.pt 1,28,28 /dev/null
// RUN: test -c /dev/null
// RUN: not env PYTHONPATH=%tqt_src_root/python:%tqt_src_root/examples/fashion_mnist %python -m tqt_mlir.export mobilenet:MobileNetV1Tiny %t/state.pt 1,28,28 %t/nodir/m.mlir 2>&1 | FileCheck %s --check-prefix=NODIR -DPATH=%t/nodir/m.mlir
// NODIR: cannot write [[PATH]]: No such file or directory
// RUN: ls %t | FileCheck %s --check-prefix=NOTEMP
// NOTEMP-NOT: .tmp-
// CHECK: result0: f32 (2, 10) =
// PREP-LABEL: func.func @forward(
// PREP-NOT: tosa.sub
// USAGE: PyTorch front end
