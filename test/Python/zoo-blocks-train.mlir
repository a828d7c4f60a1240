// Networks from torchvision's own blocks (SqueezeNet, MobileNetV2 and V3)
// train with tqt-train (thresholds
// and weights, Fashion-MNIST) and stay bit-exact after training: the trained
// simulation graph equals its integer program layer by layer on test images.
// REQUIRES: torch, fashion-mnist
// RUN: rm -rf %t && %python %S/Inputs/zoo_block.py squeezenet %t/sq --fashion-mnist
// RUN: tqt-opt %t/sq/net.mlir --tqt-build-simulation -o %t/sq/sim.mlir
// RUN: tqt-calibrate %t/sq/sim.mlir --dataset fashion-mnist --samples 20 --mode retrain --quiet -o %t/sq/cal.mlir
// RUN: tqt-train %t/sq/cal.mlir --dataset fashion-mnist --steps 30 --batch-size 16 -o %t/sq/trained.mlir 2>&1 | FileCheck %s --check-prefix=TRAIN
// RUN: tqt-run %t/sq/trained.mlir --compare-layers --dataset fashion-mnist --eval-samples 64 | FileCheck %s --check-prefix=SAME
// RUN: %python %S/Inputs/zoo_block.py mobilenet_v2 %t/mb --fashion-mnist
// RUN: tqt-opt %t/mb/net.mlir --tqt-build-simulation -o %t/mb/sim.mlir
// RUN: tqt-calibrate %t/mb/sim.mlir --dataset fashion-mnist --samples 20 --mode retrain --quiet -o %t/mb/cal.mlir
// RUN: tqt-train %t/mb/cal.mlir --dataset fashion-mnist --steps 30 --batch-size 16 -o %t/mb/trained.mlir 2>&1 | FileCheck %s --check-prefix=TRAIN
// RUN: tqt-run %t/mb/trained.mlir --compare-layers --dataset fashion-mnist --eval-samples 64 | FileCheck %s --check-prefix=SAME
// MobileNetV3's blocks (hard swish, hard-sigmoid squeeze-and-excitation):
// the loss falls over 80 steps, most thresholds move, and the trained
// program is bit-exact.
// RUN: %python %S/Inputs/zoo_block.py mobilenet_v3 %t/v3 --fashion-mnist
// RUN: tqt-opt %t/v3/net.mlir --tqt-build-simulation -o %t/v3/sim.mlir
// RUN: tqt-calibrate %t/v3/sim.mlir --dataset fashion-mnist --samples 20 --mode retrain --quiet -o %t/v3/cal.mlir
// RUN: tqt-train %t/v3/cal.mlir --dataset fashion-mnist --steps 80 --batch-size 32 --lr-weights 0.02 --log %t/v3/log.csv --log-every 5 -o %t/v3/trained.mlir 2>&1 | FileCheck %s --check-prefix=TRAIN80
// RUN: %python %S/../Integration/Inputs/check_train_log.py %t/v3/log.csv falls 3 3 0.97 | FileCheck %s --check-prefix=FALLS
// RUN: %python %S/../Integration/Inputs/check_train_log.py %t/v3/log.csv thresholds-move 0.5 | FileCheck %s --check-prefix=MOVE
// RUN: tqt-run %t/v3/trained.mlir --compare-layers --dataset fashion-mnist --eval-samples 64 | FileCheck %s --check-prefix=SAME

// TRAIN80: steps: 80
// FALLS: loss {{.*}} (falls)
// MOVE: {{[0-9]+}} of {{[0-9]+}} thresholds moved (OK)
// TRAIN: steps: 30
// SAME: samples: 64
// SAME: bit-exact: {{[0-9]+}} quantizers ({{[0-9]+}} with codes of their own), {{[0-9]+}} codes compared, results equal
