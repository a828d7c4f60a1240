// A residual block with the strided 1x1 shortcut the exporter writes for
// torchvision's ResNets (tosa.slice to a size that divides, then the conv):
// the slice keeps its input's quantizer, the static flow goes through, and
// the integer program (with the int8 kernels the host picks) equals the
// simulation graph bit for bit on inputs other than the calibration data.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(7); np.save('%t/cal.npy', r.standard_normal((16, 8, 8, 3)).astype(np.float32)); np.save('%t/x.npy', (4 * r.standard_normal((5, 8, 8, 3))).astype(np.float32))"
// RUN: tqt-opt %s --tqt-prepare --tqt-insert-quantizers -o %t/sim.mlir
// RUN: FileCheck %s --check-prefix=SIM --input-file=%t/sim.mlir
// RUN: tqt-calibrate %t/sim.mlir --data %t/cal.npy --quiet -o %t/cal.mlir
// RUN: tqt-opt %t/cal.mlir --tqt-legalize-pow2 -o %t/legal.mlir
// RUN: tqt-opt %t/legal.mlir --tqt-fuse-integer -o %t/int.mlir
// RUN: FileCheck %s --check-prefix=INT --input-file=%t/int.mlir
// RUN: tqt-run %t/legal.mlir -i %t/x.npy --output-dir %t/legal
// RUN: tqt-run %t/int.mlir -i %t/x.npy --output-dir %t/int
// RUN: %npytool same-dir %t/legal %t/int | FileCheck %s --check-prefix=SAME

// The slice reads the ReLU's quantized value; no quantizer of its own.
// SIM-LABEL: func.func @block
// SIM:         %[[R:.*]] = tqt.fake_quant %{{.*}} bits(8) unsigned
// SIM:         %[[S:.*]] = tosa.slice %[[R]]
// SIM-NOT:     tqt.fake_quant %[[S]]
// SIM:         tosa.conv2d %[[S]]

// The integer program slices the codes.
// INT-LABEL: func.func @block
// INT:         %[[SL:.*]] = tosa.slice %{{.*}} : (tensor<?x8x8x4xi8>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<?x7x7x4xi8>
// INT:         %[[V:.*]] = tosa.bitwise_xor %[[SL]], %{{.*}} : (tensor<?x7x7x4xi8>, tensor<1x1x1x1xi8>)
// INT:         tosa.conv2d %[[V]], {{.*}} -> tensor<?x4x4x4xi32>
// SAME: 1 of 1 files identical

func.func @block(%x: tensor<?x8x8x3xf32>) -> tensor<?x4x4x4xf32> {
  %w0 = "tosa.const"() <{values = dense<[[[[0.5, -0.25, 0.125], [0.25, 0.5, -0.5], [0.0625, 0.125, 0.25]], [[-0.5, 0.75, 0.25], [0.5, -0.125, 0.375], [0.25, 0.25, -0.25]], [[0.125, -0.5, 0.5], [0.375, 0.25, 0.125], [-0.25, 0.5, 0.0625]]], [[[0.25, 0.5, -0.125], [-0.5, 0.25, 0.5], [0.125, -0.25, 0.375]], [[0.5, 0.125, 0.25], [0.0625, -0.5, 0.75], [0.25, 0.5, 0.125]], [[-0.375, 0.25, 0.5], [0.125, 0.25, -0.0625], [0.5, -0.25, 0.25]]], [[[-0.25, 0.125, 0.5], [0.5, 0.375, -0.25], [0.25, 0.125, 0.5]], [[0.125, 0.5, -0.375], [-0.25, 0.25, 0.5], [0.0625, 0.5, 0.25]], [[0.5, -0.125, 0.25], [0.25, 0.5, 0.125], [-0.5, 0.25, 0.375]]], [[[0.375, -0.5, 0.25], [0.125, 0.25, 0.5], [-0.25, 0.0625, 0.125]], [[0.25, 0.5, 0.5], [-0.125, 0.375, 0.25], [0.5, -0.25, 0.125]], [[0.125, 0.25, -0.5], [0.5, 0.125, 0.25], [0.25, 0.375, -0.125]]]]> : tensor<4x3x3x3xf32>}> : () -> tensor<4x3x3x3xf32>
  %b0 = "tosa.const"() <{values = dense<[0.1, -0.2, 0.05, 0.0]> : tensor<4xf32>}> : () -> tensor<4xf32>
  %w1 = "tosa.const"() <{values = dense<0.125> : tensor<4x3x3x4xf32>}> : () -> tensor<4x3x3x4xf32>
  %w2 = "tosa.const"() <{values = dense<[[[[0.5, -0.25, 0.25, 0.125]]], [[[-0.5, 0.5, 0.125, 0.25]]], [[[0.25, 0.125, -0.5, 0.5]]], [[[0.125, 0.25, 0.5, -0.25]]]]> : tensor<4x1x1x4xf32>}> : () -> tensor<4x1x1x4xf32>
  %b = "tosa.const"() <{values = dense<[0.0, 0.1, -0.1, 0.2]> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %c0 = tosa.conv2d %x, %w0, %b0, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<?x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x8x8x4xf32>
  %r0 = tosa.clamp %c0 {max_val = 3.4e38 : f32, min_val = 0.0 : f32} : (tensor<?x8x8x4xf32>) -> tensor<?x8x8x4xf32>
  %c1 = tosa.conv2d %r0, %w1, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>} : (tensor<?x8x8x4xf32>, tensor<4x3x3x4xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x4xf32>
  %start = tosa.const_shape {values = dense<[0, 0, 0, 0]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %size = tosa.const_shape {values = dense<[-1, 7, 7, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %s = tosa.slice %r0, %start, %size : (tensor<?x8x8x4xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<?x7x7x4xf32>
  %c2 = tosa.conv2d %s, %w2, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<?x7x7x4xf32>, tensor<4x1x1x4xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x4x4x4xf32>
  %sum = tosa.add %c1, %c2 : (tensor<?x4x4x4xf32>, tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  %y = tosa.clamp %sum {max_val = 3.4e38 : f32, min_val = 0.0 : f32} : (tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  return %y : tensor<?x4x4x4xf32>
}
