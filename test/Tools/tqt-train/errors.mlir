// Bad inputs stop tqt-train with a clear message and no output file.
// REQUIRES: fashion-mnist
// RUN: rm -rf %t && mkdir -p %t
// RUN: not tqt-train %s -e net --dataset fashion-mnist --steps 2 --dataset-dir %t/nowhere -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not tqt-train %s -e noparams --dataset fashion-mnist --steps 2 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=NOPARAMS
// RUN: not tqt-train %s -e five --dataset fashion-mnist --steps 2 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=LABELS
// RUN: not tqt-train %s -e net --dataset fashion-mnist --steps 50 --lr-weights 3e38 --train-samples 2000 --val-samples 100 --quiet -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=NAN
// RUN: not tqt-train %s -e static8 --dataset fashion-mnist --steps 2 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=STATIC
// RUN: not tqt-train %s -e net --dataset fashion-mnist -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=STEPS
// RUN: not tqt-train %s -e net --dataset fashion-mnist:test --steps 2 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=SPLIT
// RUN: not tqt-train %s -e net --dataset fashion-mnist --steps 2 --no-train-weights --train-thresholds=false -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=NOTHING
// RUN: not tqt-train %s -e nosuch --dataset fashion-mnist --steps 2 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=NOSUCH
// RUN: not tqt-train %s -e net --dataset fashion-mnist --steps 2 --train-samples 60001 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=TRAINN
// RUN: not tqt-train %s -e net --dataset fashion-mnist --steps 2 --eval-samples 100 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=EVALN
// RUN: not tqt-train %s -e net --dataset fashion-mnist --steps 2 --val-samples 60000 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=VALN
// RUN: not tqt-train %s -e net --dataset fashion-mnist --steps 2 --val-samples -1 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=BATCHN
// RUN: not tqt-train %s -e net --dataset fashion-mnist --steps 2 --batch-size -3 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=BATCHN
// RUN: not tqt-train %s -e net --dataset fashion-mnist --steps 2 -o %t 2>&1 | FileCheck %s --check-prefix=OUTDIR -DPATH=%t
// RUN: not tqt-train %s -e net --dataset fashion-mnist --steps 2 --kernels=sse -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=KERNELS
// RUN: not ls %t/out.mlir

// MISSING: tqt-train: error: {{.*}}nowhere{{.*}}
// NOPARAMS: error: 'func.func' op has no trainable parameters
// LABELS: tqt-train: error: label {{[5-9]}} of sample {{[0-9]+}} is out of range for a model with 5 classes
// NAN: tqt-train: error: {{(the loss is (nan|inf) at step [0-9]+|parameter @.* became NaN or infinite at step [0-9]+)}}{{.*}}stopping without writing the model
// STATIC: tqt-train: error: @static8 has a static batch of 8; train it with --batch-size 8 or give it a dynamic batch dimension
// STEPS: tqt-train: error: give --steps N or --epochs E (positive)
// KERNELS: tqt-train: error: unknown --kernels value 'sse' (expected auto, none, avx2, avx-vnni or avx512-vnni)
// SPLIT: tqt-train: error: --dataset takes the dataset name only
// NOTHING: tqt-train: error: nothing to train: both weights and thresholds are off
// NOSUCH: tqt-train: error: no function @nosuch in the module (public functions: @net, {{.*}})
// TRAINN: tqt-train: error: --train-samples 60001 asks for more than the 55000 samples of the train split before the 5000 validation samples
// EVALN: tqt-train: error: --eval-samples is gone: tqt-train chooses its checkpoint on a validation split of the training data (--val-samples N); measure the test split with tqt-run --eval
// VALN: tqt-train: error: --val-samples 60000 leaves nothing to train on: the train split has 60000 samples
// BATCHN: tqt-train: error: --batch-size, --freeze-every and --log-every must be positive
// OUTDIR: tqt-train: error: cannot write [[PATH]]: it is a directory

func.func @net(%x: tensor<?x28x28x1xf32>) -> tensor<?x10xf32> {
  %s = tosa.const_shape {values = dense<[1, -1, 784]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %x, %s : (tensor<?x28x28x1xf32>, !tosa.shape<3>) -> tensor<1x?x784xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.001> : tensor<1x784x10xf32>}> : () -> tensor<1x784x10xf32>
  %mm = tosa.matmul %f, %w, %zp, %zp : (tensor<1x?x784xf32>, tensor<1x784x10xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x10xf32>
  %s2 = tosa.const_shape {values = dense<[-1, 10]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.reshape %mm, %s2 : (tensor<1x?x10xf32>, !tosa.shape<2>) -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}

func.func @noparams(%x: tensor<?x28x28x1xf32>) -> tensor<?x10xf32> {
  %s = tosa.const_shape {values = dense<[-1, 784]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %f = tosa.reshape %x, %s : (tensor<?x28x28x1xf32>, !tosa.shape<2>) -> tensor<?x784xf32>
  %st = tosa.const_shape {values = dense<[0, 0]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %sz = tosa.const_shape {values = dense<[-1, 10]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.slice %f, %st, %sz : (tensor<?x784xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}

func.func @five(%x: tensor<?x28x28x1xf32>) -> tensor<?x5xf32> {
  %s = tosa.const_shape {values = dense<[1, -1, 784]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %x, %s : (tensor<?x28x28x1xf32>, !tosa.shape<3>) -> tensor<1x?x784xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.001> : tensor<1x784x5xf32>}> : () -> tensor<1x784x5xf32>
  %mm = tosa.matmul %f, %w, %zp, %zp : (tensor<1x?x784xf32>, tensor<1x784x5xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x5xf32>
  %s2 = tosa.const_shape {values = dense<[-1, 5]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.reshape %mm, %s2 : (tensor<1x?x5xf32>, !tosa.shape<2>) -> tensor<?x5xf32>
  return %y : tensor<?x5xf32>
}

func.func @static8(%x: tensor<8x28x28x1xf32>) -> tensor<8x10xf32> {
  %s = tosa.const_shape {values = dense<[1, 8, 784]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %x, %s : (tensor<8x28x28x1xf32>, !tosa.shape<3>) -> tensor<1x8x784xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<0.001> : tensor<1x784x10xf32>}> : () -> tensor<1x784x10xf32>
  %mm = tosa.matmul %f, %w, %zp, %zp : (tensor<1x8x784xf32>, tensor<1x784x10xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x10xf32>
  %s2 = tosa.const_shape {values = dense<[8, 10]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.reshape %mm, %s2 : (tensor<1x8x10xf32>, !tosa.shape<2>) -> tensor<8x10xf32>
  return %y : tensor<8x10xf32>
}
