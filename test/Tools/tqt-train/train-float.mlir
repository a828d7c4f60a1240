// Trains a randomly initialised float CNN (weights as tosa.const: promoted,
// trained, written back as constants) for 300 steps on the first 6,000
// Fashion-MNIST training images; the loss falls by half and the accuracy on
// the validation set (the last 1,000 training images, never trained on)
// beats 75%. tqt-run --eval of the written model on those images
// reproduces the kept checkpoint's accuracy exactly.
// REQUIRES: fashion-mnist
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../../Integration/Inputs/gen_train_net.py %t/net.mlir
// RUN: tqt-train %t/net.mlir --dataset fashion-mnist --steps 300 --batch-size 32 --lr-weights 3e-3 --train-samples 6000 --val-samples 1000 --eval-every 100 --seed 1 --log %t/log.csv -o %t/trained.mlir --quiet > %t/out.txt
// RUN: tqt-run %t/trained.mlir --eval --dataset 'fashion-mnist:train[59000:]' >> %t/out.txt
// RUN: FileCheck %s < %t/out.txt
// RUN: %python %S/../../Integration/Inputs/check_train_log.py %t/log.csv falls 20 50 0.5 | FileCheck %s --check-prefix=LOSS
// RUN: FileCheck %s --check-prefix=MODEL < %t/trained.mlir
// RUN: head -1 %t/log.csv | FileCheck %s --check-prefix=CSV

// CHECK: steps: 300
// CHECK: validation accuracy before: {{[0-9]\.|[1-3][0-9]\.}}
// CHECK: validation accuracy: [[ACC:(7[5-9]|[89][0-9])\.[0-9]+]]% (step {{[0-9]+}}, kept)
// CHECK: frozen thresholds: 0
// CHECK: samples: 1000
// CHECK: accuracy: [[ACC]]%
// LOSS: falls
// MODEL-NOT: ml_program
// MODEL-NOT: tqt.promoted
// MODEL: tosa.conv2d
// CSV: step,loss,train_accuracy,val_accuracy,lr_weights,lr_thresholds,frozen{{$}}
