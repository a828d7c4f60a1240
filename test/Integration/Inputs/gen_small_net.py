#!/usr/bin/env python3
"""A small float TOSA network with every layer kind --tqt-insert-quantizers
handles today (conv + bias + ReLU6, depthwise + bias, residual add + ReLU,
max pooling, concat, transpose, reshape, fully connected with bias), deterministic
pseudo-random weights, and 64 input samples.

  gen_small_net.py OUT_DIR [BATCH]  ->  OUT_DIR/net.mlir, OUT_DIR/x.npy

With BATCH, the batch dimension is static (TOSA 1.0 validation needs static
shapes) and x.npy holds BATCH samples.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from npytool import write  # noqa: E402


def lcg(seed):
    x = seed
    while True:
        x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield ((x >> 11) & ((1 << 53) - 1)) / float(1 << 53)


def values(gen, shape, scale):
    """A nested dense literal of `shape` with values uniform in +-scale."""
    if not shape:
        return "%.6f" % ((next(gen) * 2 - 1) * scale)
    return "[" + ", ".join(values(gen, shape[1:], scale) for _ in range(shape[0])) + "]"


def main(out, batch=None):
    os.makedirs(out, exist_ok=True)
    g = lcg(12345)
    net = f"""func.func @net(%x: tensor<?x8x8x1xf32>) -> tensor<?x10xf32> {{
  %zp = "tosa.const"() <{{values = dense<0.0> : tensor<1xf32>}}> : () -> tensor<1xf32>
  %w1r = "tosa.const"() <{{values = dense<{values(g, [4, 3, 3, 1], 0.8)}> : tensor<4x3x3x1xf32>}}> : () -> tensor<4x3x3x1xf32>
  %b1 = "tosa.const"() <{{values = dense<{values(g, [4], 0.3)}> : tensor<4xf32>}}> : () -> tensor<4xf32>
  %c1 = tosa.conv2d %x, %w1r, %b1, %zp, %zp {{acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>}} : (tensor<?x8x8x1xf32>, tensor<4x3x3x1xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x8x8x4xf32>
  %r1 = tosa.clamp %c1 {{max_val = 6.0 : f32, min_val = 0.0 : f32}} : (tensor<?x8x8x4xf32>) -> tensor<?x8x8x4xf32>
  %w2r = "tosa.const"() <{{values = dense<{values(g, [3, 3, 4, 1], 0.6)}> : tensor<3x3x4x1xf32>}}> : () -> tensor<3x3x4x1xf32>
  %b2 = "tosa.const"() <{{values = dense<{values(g, [4], 0.2)}> : tensor<4xf32>}}> : () -> tensor<4xf32>
  %d2 = tosa.depthwise_conv2d %r1, %w2r, %b2, %zp, %zp {{acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>}} : (tensor<?x8x8x4xf32>, tensor<3x3x4x1xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x8x8x4xf32>
  %a = tosa.add %d2, %r1 : (tensor<?x8x8x4xf32>, tensor<?x8x8x4xf32>) -> tensor<?x8x8x4xf32>
  %r2 = tosa.clamp %a {{max_val = 3.4e38 : f32, min_val = 0.0 : f32}} : (tensor<?x8x8x4xf32>) -> tensor<?x8x8x4xf32>
  %p = tosa.max_pool2d %r2 {{kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>}} : (tensor<?x8x8x4xf32>) -> tensor<?x4x4x4xf32>
  %cat = tosa.concat %p, %p {{axis = 3 : i32}} : (tensor<?x4x4x4xf32>, tensor<?x4x4x4xf32>) -> tensor<?x4x4x8xf32>
  %s1 = tosa.const_shape {{values = dense<[1, -1, 128]> : tensor<3xindex>}} : () -> !tosa.shape<3>
  %tr = tosa.transpose %cat {{perms = array<i32: 0, 2, 1, 3>}} : (tensor<?x4x4x8xf32>) -> tensor<?x4x4x8xf32>
  %f = tosa.reshape %tr, %s1 : (tensor<?x4x4x8xf32>, !tosa.shape<3>) -> tensor<1x?x128xf32>
  %w3r = "tosa.const"() <{{values = dense<{values(g, [1, 128, 10], 0.2)}> : tensor<1x128x10xf32>}}> : () -> tensor<1x128x10xf32>
  %mm = tosa.matmul %f, %w3r, %zp, %zp : (tensor<1x?x128xf32>, tensor<1x128x10xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x10xf32>
  %s2 = tosa.const_shape {{values = dense<[-1, 10]> : tensor<2xindex>}} : () -> !tosa.shape<2>
  %l = tosa.reshape %mm, %s2 : (tensor<1x?x10xf32>, !tosa.shape<2>) -> tensor<?x10xf32>
  %b3 = "tosa.const"() <{{values = dense<{values(g, [1, 10], 0.5)}> : tensor<1x10xf32>}}> : () -> tensor<1x10xf32>
  %y = tosa.add %l, %b3 : (tensor<?x10xf32>, tensor<1x10xf32>) -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}}
"""
    samples = 64
    if batch:
        net = net.replace("?x", f"{batch}x")
        samples = batch
    with open(os.path.join(out, "net.mlir"), "w") as f:
        f.write(net)
    write(os.path.join(out, "x.npy"), "f32", [next(g) * 2 - 1 for _ in range(samples * 64)], (samples, 8, 8, 1))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)
