// tqt-run --eval: top-1 accuracy on a whole split, in batches (a dynamic
// batch of --eval-batch, or the model's static batch with the last partial
// batch padded and not counted). The model is a real classifier (nearest
// class mean, gen_mean_classifier.py), so mixing up samples, batches or the
// padding would change the accuracy; the dynamic and the static (7) batch
// give the same number, compared in one FileCheck run.
// REQUIRES: fashion-mnist
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/gen_mean_classifier.py /usr/share/datasets/fashion-mnist %t/dyn.mlir
// RUN: %python %S/Inputs/gen_mean_classifier.py /usr/share/datasets/fashion-mnist %t/static7.mlir 7
// RUN: tqt-run %t/dyn.mlir --eval --dataset fashion-mnist > %t/all.txt
// RUN: tqt-run %t/static7.mlir --eval --dataset fashion-mnist >> %t/all.txt
// RUN: tqt-run %t/dyn.mlir --eval --dataset fashion-mnist --eval-batch 333 >> %t/all.txt
// RUN: FileCheck %s --check-prefix=ALL < %t/all.txt
// RUN: tqt-run %t/dyn.mlir --eval --dataset fashion-mnist:train --eval-samples 1234 --eval-batch 100 | FileCheck %s --check-prefix=SOME
// RUN: tqt-run %t/static7.mlir --eval --dataset fashion-mnist --eval-samples 100 > %t/some.txt
// RUN: tqt-run %t/dyn.mlir --eval --dataset fashion-mnist --eval-samples 100 >> %t/some.txt
// RUN: FileCheck %s --check-prefix=STATIC < %t/some.txt

// ALL: samples: 10000
// ALL-NEXT: accuracy: [[ACC:6[5-9]\.[0-9][0-9]]]%
// ALL-NEXT: samples: 10000
// ALL-NEXT: accuracy: [[ACC]]%
// ALL-NEXT: samples: 10000
// ALL-NEXT: accuracy: [[ACC]]%
// SOME: samples: 1234
// SOME-NEXT: accuracy: {{6[0-9]\.[0-9][0-9]|7[0-9]\.[0-9][0-9]}}%
// STATIC: samples: 100
// STATIC-NEXT: accuracy: [[ACC100:[0-9.]+]]%
// STATIC-NEXT: samples: 100
// STATIC-NEXT: accuracy: [[ACC100]]%

// Row ranges of a split: [BEGIN:END], either bound optional.
// RUN: tqt-run %t/dyn.mlir --eval --dataset 'fashion-mnist:test[:100]' | FileCheck %s --check-prefix=RANGE
// RUN: tqt-run %t/dyn.mlir --eval --dataset 'fashion-mnist:train[59900:]' | FileCheck %s --check-prefix=RANGE
// RANGE: samples: 100
// RUN: not tqt-run %s -e dyn --eval --dataset 'fashion-mnist:train[5:3]' 2>&1 | FileCheck %s --check-prefix=BADRANGE
// BADRANGE: tqt-run: error: row range [5:3] of fashion-mnist:train must satisfy 0 <= BEGIN < END <= 60000
// RUN: not tqt-run %s -e dyn --eval --dataset 'fashion-mnist:test[12]' 2>&1 | FileCheck %s --check-prefix=NOCOLON
// NOCOLON: tqt-run: error: malformed row range in 'fashion-mnist:test[12]' (expected SPLIT[BEGIN:END], either bound optional)
// RUN: not tqt-run %s -e dyn --eval --dataset 'fashion-mnist:test[:x]' 2>&1 | FileCheck %s --check-prefix=NOTNUM
// NOTNUM: tqt-run: error: row range [:x] of fashion-mnist:test must satisfy 0 <= BEGIN < END <= 10000
// RUN: not tqt-run %s -e dyn --eval 2>&1 | FileCheck %s --check-prefix=NODATA
// RUN: not tqt-run %s -e dyn --eval --dataset fashion-mnist --random-inputs 2>&1 | FileCheck %s --check-prefix=EXCL

// NODATA: error: --eval and --dataset go together
// EXCL: error: --eval takes its inputs from --dataset

func.func @dyn(%x: tensor<?x28x28x1xf32>) -> tensor<?x10xf32> {
  %s = tosa.const_shape {values = dense<[-1, 784]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %f = tosa.reshape %x, %s : (tensor<?x28x28x1xf32>, !tosa.shape<2>) -> tensor<?x784xf32>
  %st = tosa.const_shape {values = dense<[0, 300]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %sz = tosa.const_shape {values = dense<[-1, 10]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.slice %f, %st, %sz : (tensor<?x784xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}

// RUN: not tqt-run %s -e dyn --eval --dataset fashion-mnist --eval-batch 0 2>&1 | FileCheck %s --check-prefix=BATCH
// RUN: not tqt-run %s -e dyn --eval --dataset fashion-mnist --eval-samples 10001 2>&1 | FileCheck %s --check-prefix=TOOMANY
// TOOMANY: tqt-run: error: --eval-samples 10001 asks for more than the 10000 samples of fashion-mnist
// RUN: not tqt-run %s -e twoargs --eval --dataset fashion-mnist 2>&1 | FileCheck %s --check-prefix=ARGS
// RUN: not tqt-run %s -e flat --eval --dataset fashion-mnist 2>&1 | FileCheck %s --check-prefix=LOGITS
// BATCH: error: --eval-batch must be positive and --eval-samples not negative
// ARGS: error: @twoargs takes 2 arguments; evaluation passes 0 and the images
// LOGITS: error: @flat must return f32 logits [batch, classes] first

func.func @twoargs(%x: tensor<?x28x28x1xf32>, %y: tensor<?x28x28x1xf32>) -> tensor<?x28x28x1xf32> {
  return %x : tensor<?x28x28x1xf32>
}

func.func @flat(%x: tensor<?x28x28x1xf32>) -> tensor<?x28x28x1xf32> {
  return %x : tensor<?x28x28x1xf32>
}
