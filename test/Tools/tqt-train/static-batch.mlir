// A model with a static batch of 32 trains with --batch-size 32; training
// and evaluation (the last partial batch padded and not counted) run, and
// the written model keeps its static signature.
// REQUIRES: fashion-mnist
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../../Integration/Inputs/gen_train_net.py %t/net.mlir --batch 32
// RUN: tqt-train %t/net.mlir --dataset fashion-mnist --steps 40 --batch-size 32 --lr-weights 3e-3 --train-samples 2000 --val-samples 250 --eval-every 20 --quiet -o %t/trained.mlir > %t/out.txt
// RUN: tqt-run %t/trained.mlir --eval --dataset 'fashion-mnist:train[59750:]' >> %t/out.txt
// RUN: FileCheck %s < %t/out.txt
// RUN: FileCheck %s --check-prefix=MODEL < %t/trained.mlir
// CHECK: steps: 40
// CHECK: validation accuracy: [[ACC:[0-9.]+]]% (step {{[0-9]+}}, kept)
// CHECK: samples: 250
// CHECK-NEXT: accuracy: [[ACC]]%
// MODEL: func.func @net(%arg0: tensor<32x28x28x1xf32>) -> tensor<32x10xf32>

// --epochs: 0.5 epoch of 1,000 samples in batches of 50 is 10 steps.
// RUN: %python %S/../../Integration/Inputs/gen_train_net.py %t/dyn.mlir
// RUN: tqt-train %t/dyn.mlir --dataset fashion-mnist --epochs 0.5 --batch-size 50 --train-samples 1000 --val-samples 100 --quiet -o %t/e.mlir | FileCheck %s --check-prefix=EPOCHS
// EPOCHS: steps: 10
