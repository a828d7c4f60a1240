// Models tqt-train cannot train, each with its own message and no output.
// REQUIRES: fashion-mnist
// RUN: rm -rf %t && mkdir -p %t
// RUN: not tqt-train %s -e two --dataset fashion-mnist --steps 2 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=TWO
// RUN: not tqt-train %s -e big --dataset fashion-mnist --steps 2 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not tqt-train %s -e rank3 --dataset fashion-mnist --steps 2 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=LOGITS
// RUN: not tqt-train %s -e novalue --dataset fashion-mnist --steps 2 --val-samples 10 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=NOVALUE
// RUN: not tqt-train %s -e nan --dataset fashion-mnist --steps 2 --val-samples 10 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=NAN
// RUN: not tqt-train %s -e nan --dataset fashion-mnist --steps 2 --train-samples 10 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=SMALL
// RUN: not tqt-train %s -e nan --dataset fashion-mnist --steps 2 -O 4 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=OPT
// RUN: not tqt-train %s -e nan --dataset fashion-mnist --steps 2 --batch-size 0 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=BATCH
// RUN: not tqt-train %s -e nan --dataset fashion-mnist --steps 2 --lr-thresholds 0 -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=LR
// RUN: not ls %t/out.mlir

// TWO: tqt-train: error: @two must take one argument (the images), it takes 2
// SHAPE: tqt-train: error: @big takes tensor<?x32x32x1xf32>, but the dataset's images are (55000, 28, 28, 1)
// LOGITS: tqt-train: error: @rank3 must return logits [batch, classes] with a static number of classes
// NOVALUE: tqt-train: error: {{.*}}model-errors.mlir:{{[0-9]+}}:{{[0-9]+}}: parameter global @w needs an f32 dense or dense_resource initial value
// NAN: tqt-train: error: parameter @wn has NaN or infinite values
// SMALL: tqt-train: error: the training set has 10 samples, fewer than one batch of 24
// OPT: tqt-train: error: -O must be 0-3
// BATCH: tqt-train: error: --batch-size, --freeze-every and --log-every must be positive
// LR: tqt-train: error: learning rates must be positive

func.func @two(%x: tensor<?x28x28x1xf32>, %y: tensor<?x28x28x1xf32>) -> tensor<?x10xf32> {
  %s = tosa.const_shape {values = dense<[-1, 784]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %f = tosa.reshape %x, %s : (tensor<?x28x28x1xf32>, !tosa.shape<2>) -> tensor<?x784xf32>
  %st = tosa.const_shape {values = dense<[0, 0]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %sz = tosa.const_shape {values = dense<[-1, 10]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.slice %f, %st, %sz : (tensor<?x784xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<?x10xf32>
  return %r : tensor<?x10xf32>
}

func.func @big(%x: tensor<?x32x32x1xf32>) -> tensor<?x10xf32> {
  %s = tosa.const_shape {values = dense<[-1, 1024]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %f = tosa.reshape %x, %s : (tensor<?x32x32x1xf32>, !tosa.shape<2>) -> tensor<?x1024xf32>
  %st = tosa.const_shape {values = dense<[0, 0]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %sz = tosa.const_shape {values = dense<[-1, 10]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.slice %f, %st, %sz : (tensor<?x1024xf32>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<?x10xf32>
  return %r : tensor<?x10xf32>
}

func.func @rank3(%x: tensor<?x28x28x1xf32>) -> tensor<?x28x28xf32> {
  %s = tosa.const_shape {values = dense<[-1, 28, 28]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %x, %s : (tensor<?x28x28x1xf32>, !tosa.shape<3>) -> tensor<?x28x28xf32>
  return %f : tensor<?x28x28xf32>
}

ml_program.global private mutable @w : tensor<1x784x10xf32>
func.func @novalue(%x: tensor<?x28x28x1xf32>) -> tensor<?x10xf32> {
  %s = tosa.const_shape {values = dense<[1, -1, 784]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %x, %s : (tensor<?x28x28x1xf32>, !tosa.shape<3>) -> tensor<1x?x784xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = ml_program.global_load @w : tensor<1x784x10xf32>
  %mm = tosa.matmul %f, %w, %zp, %zp : (tensor<1x?x784xf32>, tensor<1x784x10xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x10xf32>
  %s2 = tosa.const_shape {values = dense<[-1, 10]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.reshape %mm, %s2 : (tensor<1x?x10xf32>, !tosa.shape<2>) -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}

ml_program.global private @wn(dense<0x7FC00000> : tensor<1x784x10xf32>) : tensor<1x784x10xf32>
func.func @nan(%x: tensor<?x28x28x1xf32>) -> tensor<?x10xf32> {
  %s = tosa.const_shape {values = dense<[1, -1, 784]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f = tosa.reshape %x, %s : (tensor<?x28x28x1xf32>, !tosa.shape<3>) -> tensor<1x?x784xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = ml_program.global_load @wn : tensor<1x784x10xf32>
  %mm = tosa.matmul %f, %w, %zp, %zp : (tensor<1x?x784xf32>, tensor<1x784x10xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x10xf32>
  %s2 = tosa.const_shape {values = dense<[-1, 10]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %y = tosa.reshape %mm, %s2 : (tensor<1x?x10xf32>, !tosa.shape<2>) -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}
