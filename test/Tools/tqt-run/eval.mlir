// tqt-run --eval: top-1 accuracy on a whole split, in batches (a dynamic
// batch of --eval-batch, or the model's static batch with the last partial
// batch padded and not counted).
// REQUIRES: fashion-mnist
// RUN: tqt-run %s -e dyn --eval --dataset fashion-mnist | FileCheck %s --check-prefix=ALL
// RUN: tqt-run %s -e dyn --eval --dataset fashion-mnist:train --eval-samples 1234 --eval-batch 100 | FileCheck %s --check-prefix=SOME
// RUN: tqt-run %s -e static7 --eval --dataset fashion-mnist --eval-samples 100 | FileCheck %s --check-prefix=STATIC
// RUN: tqt-run %s -e dyn --eval --dataset fashion-mnist --eval-samples 100 | FileCheck %s --check-prefix=STATIC
// RUN: not tqt-run %s -e dyn --eval 2>&1 | FileCheck %s --check-prefix=NODATA
// RUN: not tqt-run %s -e dyn --eval --dataset fashion-mnist --random-inputs 2>&1 | FileCheck %s --check-prefix=EXCL

// ALL: samples: 10000
// ALL-NEXT: accuracy: {{[0-9]+\.[0-9][0-9]}}%
// SOME: samples: 1234
// STATIC: samples: 100
// STATIC-NEXT: accuracy: [[ACC:[0-9.]+]]%
// NODATA: error: --eval and --dataset go together
// EXCL: error: --eval takes its inputs from --dataset

// The mean intensity of a few image rows as logits: a weak but real
// classifier whose accuracy does not depend on the batching.
func.func @dyn(%x: tensor<?x28x28x1xf32>) -> tensor<?x10xf32> {
  %s = tosa.const_shape {values = dense<[-1, 784]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %f = tosa.reshape %x, %s : (tensor<?x28x28x1xf32>, !tosa.shape<2>) -> tensor<?x784xf32>
  %st = tosa.const_shape {values = dense<[0, 300]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %sz = tosa.const_shape {values = dense<[-1, 10]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.slice %f, %st, %sz : (tensor<?x784xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}

func.func @static7(%x: tensor<7x28x28x1xf32>) -> tensor<7x10xf32> {
  %s = tosa.const_shape {values = dense<[7, 784]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %f = tosa.reshape %x, %s : (tensor<7x28x28x1xf32>, !tosa.shape<2>) -> tensor<7x784xf32>
  %st = tosa.const_shape {values = dense<[0, 300]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %sz = tosa.const_shape {values = dense<[7, 10]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.slice %f, %st, %sz : (tensor<7x784xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<7x10xf32>
  return %y : tensor<7x10xf32>
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
