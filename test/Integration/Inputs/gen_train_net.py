#!/usr/bin/env python3
"""A small Fashion-MNIST classifier for training tests, randomly initialised
(He / LeCun uniform, seeded): conv 3x3 stride 2 (1 -> 8) + bias, ReLU, 2x2
max pooling, fully connected 392 -> 10 as reshape + matmul + bias add.
Weights are tosa.const ops, so tqt-train promotes them.

  gen_train_net.py OUT.mlir [--batch B]   (default: dynamic batch)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_small_net import lcg  # noqa: E402


def uniform(g, n, bound):
    return [(next(g) * 2 - 1) * bound for _ in range(n)]


def dense(values, shape):
    return "dense<[" + ", ".join(f"{v:.6e}" for v in values) + "]> : tensor<" + "x".join(map(str, shape)) + "xf32>"


def flat_dense(values, shape):
    # A flat list reshaped by the type: write it nested via tosa.const of a
    # 1-D tensor and a reshape would add ops; nest it here instead.
    def nest(vals, dims):
        if len(dims) == 1:
            return "[" + ", ".join(f"{v:.6e}" for v in vals) + "]"
        step = len(vals) // dims[0]
        return "[" + ", ".join(nest(vals[i * step:(i + 1) * step], dims[1:]) for i in range(dims[0])) + "]"
    return f"dense<{nest(values, shape)}> : tensor<{'x'.join(map(str, shape))}xf32>"


def main():
    out = sys.argv[1]
    batch = "?"
    if "--batch" in sys.argv:
        batch = sys.argv[sys.argv.index("--batch") + 1]
    g = lcg(2024)
    w1 = uniform(g, 8 * 9, (6 / 9) ** 0.5)
    w2 = uniform(g, 392 * 10, (3 / 392) ** 0.5)
    b = batch
    net = f"""func.func @net(%x: tensor<{b}x28x28x1xf32>) -> tensor<{b}x10xf32> {{
  %zp = "tosa.const"() <{{values = dense<0.0> : tensor<1xf32>}}> : () -> tensor<1xf32>
  %w1 = "tosa.const"() <{{values = {flat_dense(w1, [8, 3, 3, 1])}}}> : () -> tensor<8x3x3x1xf32>
  %b1 = "tosa.const"() <{{values = dense<0.01> : tensor<8xf32>}}> : () -> tensor<8xf32>
  %c1 = tosa.conv2d %x, %w1, %b1, %zp, %zp {{acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 1, 0, 1>, stride = array<i64: 2, 2>}} : (tensor<{b}x28x28x1xf32>, tensor<8x3x3x1xf32>, tensor<8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<{b}x14x14x8xf32>
  %r1 = tosa.clamp %c1 {{max_val = 3.4028235e38 : f32, min_val = 0.0 : f32}} : (tensor<{b}x14x14x8xf32>) -> tensor<{b}x14x14x8xf32>
  %p1 = tosa.max_pool2d %r1 {{kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>}} : (tensor<{b}x14x14x8xf32>) -> tensor<{b}x7x7x8xf32>
  %s1 = tosa.const_shape {{values = dense<[1, -1, 392]> : tensor<3xindex>}} : () -> !tosa.shape<3>
  %f = tosa.reshape %p1, %s1 : (tensor<{b}x7x7x8xf32>, !tosa.shape<3>) -> tensor<1x{b}x392xf32>
  %w2 = "tosa.const"() <{{values = {flat_dense(w2, [1, 392, 10])}}}> : () -> tensor<1x392x10xf32>
  %mm = tosa.matmul %f, %w2, %zp, %zp : (tensor<1x{b}x392xf32>, tensor<1x392x10xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x{b}x10xf32>
  %s2 = tosa.const_shape {{values = dense<[-1, 10]> : tensor<2xindex>}} : () -> !tosa.shape<2>
  %l = tosa.reshape %mm, %s2 : (tensor<1x{b}x10xf32>, !tosa.shape<2>) -> tensor<{b}x10xf32>
  %b2 = "tosa.const"() <{{values = dense<0.0> : tensor<1x10xf32>}}> : () -> tensor<1x10xf32>
  %y = tosa.add %l, %b2 : (tensor<{b}x10xf32>, tensor<1x10xf32>) -> tensor<{b}x10xf32>
  return %y : tensor<{b}x10xf32>
}}
"""
    with open(out, "w") as f:
        f.write(net)


if __name__ == "__main__":
    main()
