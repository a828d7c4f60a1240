"""Fashion-MNIST from Debian's dataset-fashion-mnist, as the C++ tools read
it (docs/Tools.md, Datasets): images f32 NHWC [N, 28, 28, 1] = pixel / 255,
labels int32 [N]."""
import gzip
import os

import numpy as np

FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    """An unsigned-byte IDX file (gzip or plain) as a uint8 array."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion_mnist(split="train", directory=FASHION_MNIST_DIR):
    """(images f32 [N, 28, 28, 1], labels int32 [N]) of `split`."""
    prefix = {"train": "train", "test": "t10k"}[split]
    images = read_idx(os.path.join(directory, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(directory, f"{prefix}-labels-idx1-ubyte.gz"))
    return (images.astype(np.float32) / 255.0)[..., None], labels.astype(np.int32)
