#!/usr/bin/env python3
"""A nearest-class-mean classifier of Fashion-MNIST as a float TOSA model
(standard library only): logits_c = x . m_c - |m_c|^2 / 2, with m_c the mean
of the first 6,000 training images of class c (pixels / 255). About 68% top-1:
a real classifier, so that an evaluation that mixes up samples or batches
shows in the accuracy.

  gen_mean_classifier.py DATASET_DIR OUT.mlir [STATIC_BATCH]
"""
import gzip
import os
import struct
import sys


def main(data_dir, out, batch=None):
    with gzip.open(os.path.join(data_dir, "train-images-idx3-ubyte.gz")) as f:
        _, n, h, w = struct.unpack(">IIII", f.read(16))
        pixels = f.read(6000 * h * w)
    with gzip.open(os.path.join(data_dir, "train-labels-idx1-ubyte.gz")) as f:
        f.read(8)
        labels = f.read(6000)
    d = h * w
    sums = [[0.0] * d for _ in range(10)]
    counts = [0] * 10
    for i, c in enumerate(labels):
        row = pixels[i * d:(i + 1) * d]
        s = sums[c]
        for k in range(d):
            s[k] += row[k]
        counts[c] += 1
    means = [[v / (255.0 * counts[c]) for v in sums[c]] for c in range(10)]
    weights = "[" + ", ".join("[" + ", ".join("%.6e" % means[c][k] for c in range(10)) + "]"
                              for k in range(d)) + "]"
    bias = "[" + ", ".join("%.6e" % (-0.5 * sum(v * v for v in means[c])) for c in range(10)) + "]"
    b = str(batch) if batch else "?"
    flat = f"{batch}, 784" if batch else "1, -1, 784"
    text = f"""func.func @classify(%x: tensor<{b}x28x28x1xf32>) -> tensor<{b}x10xf32> {{
  %s = tosa.const_shape {{values = dense<[1, {-1 if not batch else batch}, 784]> : tensor<3xindex>}} : () -> !tosa.shape<3>
  %f = tosa.reshape %x, %s : (tensor<{b}x28x28x1xf32>, !tosa.shape<3>) -> tensor<1x{b}x784xf32>
  %w = "tosa.const"() <{{values = dense<[{weights}]> : tensor<1x784x10xf32>}}> : () -> tensor<1x784x10xf32>
  %zp = "tosa.const"() <{{values = dense<0.0> : tensor<1xf32>}}> : () -> tensor<1xf32>
  %mm = tosa.matmul %f, %w, %zp, %zp : (tensor<1x{b}x784xf32>, tensor<1x784x10xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x{b}x10xf32>
  %s2 = tosa.const_shape {{values = dense<[{-1 if not batch else batch}, 10]> : tensor<2xindex>}} : () -> !tosa.shape<2>
  %l = tosa.reshape %mm, %s2 : (tensor<1x{b}x10xf32>, !tosa.shape<2>) -> tensor<{b}x10xf32>
  %bias = "tosa.const"() <{{values = dense<[{bias}]> : tensor<1x10xf32>}}> : () -> tensor<1x10xf32>
  %y = tosa.add %l, %bias : (tensor<{b}x10xf32>, tensor<1x10xf32>) -> tensor<{b}x10xf32>
  return %y : tensor<{b}x10xf32>
}}
"""
    with open(out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else None)
