#!/usr/bin/env python3
"""A float network in the form exporters emit, for --tqt-prepare: conv with
batch norm as sub/mul/add and leaky ReLU as maximum(mul(alpha, y), y),
depthwise conv with batch norm and ReLU6, global average pooling, and a
fully connected classifier with batch norm. 64 input samples.

  gen_bn_net.py OUT_DIR   ->  OUT_DIR/net.mlir, OUT_DIR/x.npy
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_small_net import lcg, values  # noqa: E402
from npytool import write  # noqa: E402


def main(out):
    os.makedirs(out, exist_ok=True)
    g = lcg(777)
    conv = "{acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>}"
    net = f"""func.func @net(%x: tensor<?x8x8x1xf32>) -> tensor<?x10xf32> {{
  %zp = "tosa.const"() <{{values = dense<0.0> : tensor<1xf32>}}> : () -> tensor<1xf32>
  %shift = "tosa.const"() <{{values = dense<0> : tensor<1xi8>}}> : () -> tensor<1xi8>
  %w1 = "tosa.const"() <{{values = dense<{values(g, [6, 3, 3, 1], 0.8)}> : tensor<6x3x3x1xf32>}}> : () -> tensor<6x3x3x1xf32>
  %b1 = "tosa.const"() <{{values = dense<0.0> : tensor<6xf32>}}> : () -> tensor<6xf32>
  %c1 = tosa.conv2d %x, %w1, %b1, %zp, %zp {conv} : (tensor<?x8x8x1xf32>, tensor<6x3x3x1xf32>, tensor<6xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x8x8x6xf32>
  %mean1 = "tosa.const"() <{{values = dense<{values(g, [1, 1, 1, 6], 0.3)}> : tensor<1x1x1x6xf32>}}> : () -> tensor<1x1x1x6xf32>
  %scale1 = "tosa.const"() <{{values = dense<[[[[1.5, 0.7, 2.0, 0.9, 1.2, 0.5]]]]> : tensor<1x1x1x6xf32>}}> : () -> tensor<1x1x1x6xf32>
  %beta1 = "tosa.const"() <{{values = dense<{values(g, [1, 1, 1, 6], 0.2)}> : tensor<1x1x1x6xf32>}}> : () -> tensor<1x1x1x6xf32>
  %bn1a = tosa.sub %c1, %mean1 : (tensor<?x8x8x6xf32>, tensor<1x1x1x6xf32>) -> tensor<?x8x8x6xf32>
  %bn1b = tosa.mul %bn1a, %scale1, %shift : (tensor<?x8x8x6xf32>, tensor<1x1x1x6xf32>, tensor<1xi8>) -> tensor<?x8x8x6xf32>
  %bn1 = tosa.add %bn1b, %beta1 : (tensor<?x8x8x6xf32>, tensor<1x1x1x6xf32>) -> tensor<?x8x8x6xf32>
  %alpha = "tosa.const"() <{{values = dense<0.1> : tensor<1x1x1x1xf32>}}> : () -> tensor<1x1x1x1xf32>
  %ay = tosa.mul %alpha, %bn1, %shift : (tensor<1x1x1x1xf32>, tensor<?x8x8x6xf32>, tensor<1xi8>) -> tensor<?x8x8x6xf32>
  %l1 = tosa.maximum %ay, %bn1 : (tensor<?x8x8x6xf32>, tensor<?x8x8x6xf32>) -> tensor<?x8x8x6xf32>
  %w2 = "tosa.const"() <{{values = dense<{values(g, [3, 3, 6, 1], 0.6)}> : tensor<3x3x6x1xf32>}}> : () -> tensor<3x3x6x1xf32>
  %b2 = "tosa.const"() <{{values = dense<{values(g, [6], 0.1)}> : tensor<6xf32>}}> : () -> tensor<6xf32>
  %d2 = tosa.depthwise_conv2d %l1, %w2, %b2, %zp, %zp {conv} : (tensor<?x8x8x6xf32>, tensor<3x3x6x1xf32>, tensor<6xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x8x8x6xf32>
  %scale2 = "tosa.const"() <{{values = dense<[[[[0.8, 1.1, 1.3, 0.6, 1.0, 1.7]]]]> : tensor<1x1x1x6xf32>}}> : () -> tensor<1x1x1x6xf32>
  %beta2 = "tosa.const"() <{{values = dense<{values(g, [1, 1, 1, 6], 0.3)}> : tensor<1x1x1x6xf32>}}> : () -> tensor<1x1x1x6xf32>
  %bn2a = tosa.mul %d2, %scale2, %shift : (tensor<?x8x8x6xf32>, tensor<1x1x1x6xf32>, tensor<1xi8>) -> tensor<?x8x8x6xf32>
  %bn2 = tosa.add %bn2a, %beta2 : (tensor<?x8x8x6xf32>, tensor<1x1x1x6xf32>) -> tensor<?x8x8x6xf32>
  %r2 = tosa.clamp %bn2 {{max_val = 6.0 : f32, min_val = 0.0 : f32}} : (tensor<?x8x8x6xf32>) -> tensor<?x8x8x6xf32>
  %gap = tosa.avg_pool2d %r2, %zp, %zp {{acc_type = f32, kernel = array<i64: 8, 8>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 8, 8>}} : (tensor<?x8x8x6xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<?x1x1x6xf32>
  %s1 = tosa.const_shape {{values = dense<[1, -1, 6]> : tensor<3xindex>}} : () -> !tosa.shape<3>
  %f = tosa.reshape %gap, %s1 : (tensor<?x1x1x6xf32>, !tosa.shape<3>) -> tensor<1x?x6xf32>
  %w3 = "tosa.const"() <{{values = dense<{values(g, [1, 6, 10], 0.8)}> : tensor<1x6x10xf32>}}> : () -> tensor<1x6x10xf32>
  %mm = tosa.matmul %f, %w3, %zp, %zp : (tensor<1x?x6xf32>, tensor<1x6x10xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x?x10xf32>
  %s2 = tosa.const_shape {{values = dense<[-1, 10]> : tensor<2xindex>}} : () -> !tosa.shape<2>
  %l = tosa.reshape %mm, %s2 : (tensor<1x?x10xf32>, !tosa.shape<2>) -> tensor<?x10xf32>
  %b3 = "tosa.const"() <{{values = dense<{values(g, [1, 10], 0.5)}> : tensor<1x10xf32>}}> : () -> tensor<1x10xf32>
  %y0 = tosa.add %l, %b3 : (tensor<?x10xf32>, tensor<1x10xf32>) -> tensor<?x10xf32>
  %scale3 = "tosa.const"() <{{values = dense<{values(g, [1, 10], 1.0)}> : tensor<1x10xf32>}}> : () -> tensor<1x10xf32>
  %beta3 = "tosa.const"() <{{values = dense<{values(g, [1, 10], 0.2)}> : tensor<1x10xf32>}}> : () -> tensor<1x10xf32>
  %bn3 = tosa.mul %y0, %scale3, %shift : (tensor<?x10xf32>, tensor<1x10xf32>, tensor<1xi8>) -> tensor<?x10xf32>
  %y = tosa.add %bn3, %beta3 : (tensor<?x10xf32>, tensor<1x10xf32>) -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}}
"""
    with open(os.path.join(out, "net.mlir"), "w") as f:
        f.write(net)
    write(os.path.join(out, "x.npy"), "f32", [next(g) * 2 - 1 for _ in range(64 * 64)], (64, 8, 8, 1))


if __name__ == "__main__":
    main(sys.argv[1])
