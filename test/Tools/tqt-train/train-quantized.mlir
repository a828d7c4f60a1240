// The TQT flow on a trained float CNN: insert quantizers, calibrate for
// retraining (3SD weights, KL-J activations), train weights and thresholds
// with Graffitist freezing (from step 50, one every 25 steps). The accuracy
// on the validation set (the last 1,000 training images) beats 75%, no frozen threshold moves afterwards, the
// legalized integer program gives the same accuracy as the trained
// simulation, and the same seed gives identical files.
// REQUIRES: fashion-mnist
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../../Integration/Inputs/gen_train_net.py %t/net.mlir
// RUN: tqt-train %t/net.mlir --dataset fashion-mnist --steps 200 --batch-size 32 --lr-weights 3e-3 --train-samples 6000 --val-samples 1000 --quiet -o %t/float.mlir
// RUN: tqt-opt %t/float.mlir --tqt-insert-quantizers -o %t/sim.mlir
// RUN: tqt-calibrate %t/sim.mlir --dataset fashion-mnist --mode retrain --quiet -o %t/cal.mlir
// RUN: tqt-train %t/cal.mlir --dataset fashion-mnist --steps 200 --batch-size 32 --lr-weights 1e-4 --train-samples 6000 --val-samples 1000 --eval-every 50 --freeze-start 50 --freeze-every 25 --seed 3 --log %t/log.csv -o %t/trained.mlir 2> %t/progress.txt > %t/out.txt
// RUN: tqt-opt %t/trained.mlir --tqt-legalize-pow2 --tqt-fuse-integer -o %t/int.mlir
// RUN: tqt-run %t/int.mlir --eval --dataset 'fashion-mnist:train[59000:]' >> %t/out.txt
// RUN: FileCheck %s < %t/out.txt
// RUN: FileCheck %s --check-prefix=PROGRESS < %t/progress.txt
// RUN: %python %S/../../Integration/Inputs/check_train_log.py %t/log.csv frozen-stay | FileCheck %s --check-prefix=FROZEN
// RUN: tqt-train %t/cal.mlir --dataset fashion-mnist --steps 200 --batch-size 32 --lr-weights 1e-4 --train-samples 6000 --val-samples 1000 --eval-every 50 --freeze-start 50 --freeze-every 25 --seed 3 --log %t/log2.csv -o %t/trained2.mlir --quiet
// RUN: cmp %t/trained.mlir %t/trained2.mlir
// RUN: cmp %t/log.csv %t/log2.csv

// CHECK: steps: 200
// CHECK: validation accuracy: [[ACC:(7[5-9]|[89][0-9])\.[0-9]+]]% (step {{[0-9]+}}, kept)
// CHECK: frozen thresholds: {{[1-7]}}
// CHECK: accuracy: [[ACC]]%
// PROGRESS: validation accuracy before training
// PROGRESS: step 1/200  loss {{[0-9.]+}}  train {{[0-9.]+}}%  {{[0-9]+}} img/s  ETA
// PROGRESS: froze @
// PROGRESS: step 200/200  loss {{[0-9.]+}}  train {{[0-9.]+}}%  val {{[0-9.]+}}%
// FROZEN: frozen thresholds, none moved after freezing: OK
