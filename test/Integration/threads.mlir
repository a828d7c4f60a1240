// The numbers compiled code computes do not depend on its thread count
// (--threads: 1 is sequential code, 2 and 3 OpenMP threads on this machine's
// cores and beyond them): float inference, the int8 kernels, the integer
// program of a quantized network, calibration, training (its written model
// and log byte for byte) and a tqt-compile'd executable.
// REQUIRES: fashion-mnist
// RUN: rm -rf %t && mkdir -p %t
// Float inference (the demo's model, a ragged dynamic batch).
// RUN: tqt-run %tqt_src_root/examples/fashion_mnist/model.mlir --random-inputs --seed 5 --dynamic-size 13 --dump-inputs %t/x --threads 1 --output-dir %t/f1
// RUN: tqt-run %tqt_src_root/examples/fashion_mnist/model.mlir -i %t/x/input0.npy --threads 2 --output-dir %t/f2
// RUN: tqt-run %tqt_src_root/examples/fashion_mnist/model.mlir -i %t/x/input0.npy --threads 3 --output-dir %t/f3
// RUN: cmp %t/f1/result0.npy %t/f2/result0.npy
// RUN: cmp %t/f1/result0.npy %t/f3/result0.npy
// The int8 kernels (ragged N = 33: the tail vector's single lane), against
// the sequential reference loops.
// RUN: %python %S/Inputs/gen_int8_layers.py > %t/layers.mlir
// RUN: tqt-run %t/layers.mlir -e conv_strided_dilated --random-inputs --dynamic-size 7 --dump-inputs %t/c --kernels=none --threads 1 --output-dir %t/c/ref
// RUN: tqt-run %t/layers.mlir -e conv_strided_dilated -i %t/c/input0.npy --threads 2 --output-dir %t/c/t2
// RUN: tqt-run %t/layers.mlir -e conv_strided_dilated -i %t/c/input0.npy --threads 3 --output-dir %t/c/t3
// RUN: cmp %t/c/ref/result0.npy %t/c/t2/result0.npy
// RUN: cmp %t/c/ref/result0.npy %t/c/t3/result0.npy
// Training, calibration and the integer program of a small network.
// RUN: %python %S/Inputs/gen_train_net.py %t/net.mlir
// RUN: tqt-opt %t/net.mlir --tqt-insert-quantizers -o %t/sim.mlir
// RUN: tqt-calibrate %t/sim.mlir --dataset fashion-mnist --samples 256 --quiet --threads 1 -o %t/cal1.mlir
// RUN: tqt-calibrate %t/sim.mlir --dataset fashion-mnist --samples 256 --quiet --threads 2 -o %t/cal2.mlir
// RUN: cmp %t/cal1.mlir %t/cal2.mlir
// The f32 kernels (default) and the reference loops see the same quantizer
// inputs (the simulation is exact: docs/Numerics.md section 16).
// RUN: tqt-calibrate %t/sim.mlir --dataset fashion-mnist --samples 256 --quiet --threads 1 --kernels=none -o %t/cal0.mlir
// RUN: cmp %t/cal0.mlir %t/cal1.mlir
// RUN: tqt-train %t/cal1.mlir --dataset fashion-mnist --steps 12 --batch-size 24 --train-samples 2000 --val-samples 200 --eval-every 6 --freeze-start 4 --freeze-every 4 --seed 2 --quiet --threads 1 --log %t/log1.csv -o %t/trained1.mlir
// RUN: tqt-train %t/cal1.mlir --dataset fashion-mnist --steps 12 --batch-size 24 --train-samples 2000 --val-samples 200 --eval-every 6 --freeze-start 4 --freeze-every 4 --seed 2 --quiet --threads 2 --log %t/log2.csv -o %t/trained2.mlir
// RUN: cmp %t/trained1.mlir %t/trained2.mlir
// RUN: cmp %t/log1.csv %t/log2.csv
// RUN: tqt-opt %t/trained1.mlir --tqt-legalize-pow2 --tqt-fuse-integer -o %t/int.mlir
// RUN: tqt-run %t/int.mlir --random-inputs --seed 9 --dynamic-size 5 --dump-inputs %t/i --threads 1 --output-dir %t/i1
// RUN: tqt-run %t/int.mlir -i %t/i/input0.npy --threads 2 --output-dir %t/i2
// RUN: cmp %t/i1/result0.npy %t/i2/result0.npy
// A native executable with OpenMP threads gives the JIT's sequential bytes.
// RUN: tqt-compile %t/int.mlir --emit=exe --threads 2 -o %t/int-exe
// RUN: %t/int-exe -o %t/e2 %t/i/input0.npy
// RUN: cmp %t/i1/result0.npy %t/e2/result0.npy
// RUN: tqt-compile %t/int.mlir --emit=exe -o %t/int-exe-any
// RUN: env OMP_NUM_THREADS=3 %t/int-exe-any -o %t/e3 %t/i/input0.npy
// RUN: cmp %t/i1/result0.npy %t/e3/result0.npy
// The log says what the run was (and the files above are not empty).
// RUN: FileCheck %s < %t/log1.csv
// CHECK: step,
