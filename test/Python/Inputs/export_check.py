#!/usr/bin/env python3
"""Exports PyTorch modules with tqt_mlir.export, runs them with tqt-run on
random NHWC inputs, and compares with PyTorch's outputs on the same inputs
(NCHW): max |diff| <= 1e-4 * (1 + max |torch|).

  export_check.py WORK_DIR CASE...   (tqt-run on PATH)
"""
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.ops import stochastic_depth

from tqt_mlir.export import ExportError, export


def bn(c):
    m = nn.BatchNorm2d(c)
    m.running_mean.uniform_(-0.5, 0.5)
    m.running_var.uniform_(0.5, 2.0)
    m.weight.data.uniform_(0.5, 1.5)
    m.bias.data.uniform_(-0.2, 0.2)
    return m


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(4, 4, 3, padding=1)
        self.b = nn.Conv2d(4, 4, 1)
        self.c = nn.Conv2d(4, 2, 1)

    def forward(self, x):
        y = self.a(x) + self.b(x)
        return torch.cat([y, self.c(x)], 1).flatten(1)


class DepthwiseSeparable(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 8, 3, stride=2, padding=1, bias=False), bn(8), nn.ReLU6())
        self.dw = nn.Sequential(nn.Conv2d(8, 8, 3, padding=1, groups=8, bias=False), bn(8), nn.ReLU6())
        self.pw = nn.Sequential(nn.Conv2d(8, 16, 1, bias=False), bn(16), nn.ReLU6())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.pw(self.dw(self.stem(x)))), 1))


class FunctionalHead(nn.Module):
    """torchvision's MobileNetV2 head: functional adaptive pooling,
    torch.flatten, dropout; ReLU6 as Hardtanh."""
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.act = nn.Hardtanh(0.0, 6.0)
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        x = F.adaptive_avg_pool2d(self.act(self.conv(x)), (1, 1))
        return self.fc(F.dropout(torch.flatten(x, 1), 0.2, self.training))


class AdaptiveSizes(nn.Module):
    """Adaptive pooling to sizes that divide the input, both kinds."""
    def __init__(self):
        super().__init__()
        self.avg = nn.AdaptiveAvgPool2d((2, 3))
        self.conv = nn.Conv2d(2, 2, 1)

    def forward(self, x):
        return F.adaptive_max_pool2d(self.conv(self.avg(x)), 1).flatten(1)


class AdaptiveOverlapping(nn.Module):
    """Adaptive pooling to sizes that do not divide the input: overlapping
    bins (4 -> 3), and repeated ones (VGG's 7x7 of a smaller map), both
    kinds, module and functional."""
    def __init__(self):
        super().__init__()
        self.avg = nn.AdaptiveAvgPool2d((3, 7))

    def forward(self, x):
        return F.adaptive_max_pool2d(self.avg(x), (2, 5))


class MeanView(nn.Module):
    """The spatial mean of EfficientNet-style heads and view-flattening."""
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 3, stride=2)

    def forward(self, x):
        y = self.conv(x)
        a = y.mean((2, 3))
        b = torch.mean(y, (-1, -2), keepdim=True)
        return a + b.view(b.size(0), -1)


class CeilPools(nn.Module):
    """ceil_mode max pooling (SqueezeNet, GoogLeNet), module and functional,
    and functional average pooling."""
    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool2d(3, 2, ceil_mode=True)

    def forward(self, x):
        y = F.max_pool2d(self.pool(x), 2, 2, 0, 1, True)
        return F.avg_pool2d(y, 2)


class PaddedAvgPool(nn.Module):
    """Inception's pooling branch: padded average pooling that counts the
    padding (functional and module, strided)."""
    def __init__(self):
        super().__init__()
        self.pool = nn.AvgPool2d(3, stride=2, padding=1)

    def forward(self, x):
        return self.pool(F.avg_pool2d(x, 3, 1, 1))


class Smooth(nn.Module):
    """Every smooth activation in its module, functional and method forms."""
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 1)
        self.acts = nn.Sequential(nn.Hardswish(), nn.Tanh(), nn.SiLU(), nn.Hardsigmoid(), nn.Sigmoid())

    def forward(self, x):
        y = self.conv(x) * 4
        a = F.hardswish(y) + F.silu(y) + torch.tanh(y) + F.hardsigmoid(y) + torch.sigmoid(y)
        return self.acts(a) + y.sigmoid() + y.tanh() + F.sigmoid(y) + F.tanh(y)


def squeeze_excitation():
    """torchvision's SqueezeExcitation: a pooled gate times the features."""
    from torchvision.ops import SqueezeExcitation
    return nn.Sequential(nn.Conv2d(3, 8, 3), SqueezeExcitation(8, 4, scale_activation=nn.Hardsigmoid))


def with_bn_stats(m):
    """`m` with random batch-norm statistics (eval mode would otherwise
    normalize by the identity)."""
    for sub in m.modules():
        if isinstance(sub, nn.BatchNorm2d):
            sub.running_mean.uniform_(-0.5, 0.5)
            sub.running_var.uniform_(0.5, 2.0)
    return m


def mobilenet_v3_block():
    """torchvision's MobileNetV3 block: hard swish, squeeze-and-excitation."""
    from functools import partial
    from torchvision.models.mobilenetv3 import InvertedResidual, InvertedResidualConfig
    m = InvertedResidual(InvertedResidualConfig(8, 5, 24, 8, True, "HS", 1, 1, 1.0),
                         partial(nn.BatchNorm2d, eps=0.001))
    return with_bn_stats(m)


def shuffle_blocks():
    """torchvision's ShuffleNetV2 blocks: x.chunk(2, dim=1) and the channel
    shuffle (x.size() unpacked, view, transpose, contiguous, view)."""
    from torchvision.models.shufflenetv2 import InvertedResidual
    m = nn.Sequential(InvertedResidual(8, 16, 2), InvertedResidual(16, 16, 1))
    return with_bn_stats(m)


def inverted_residual():
    """torchvision's own MobileNetV2 block (expansion, depthwise, residual)."""
    from torchvision.models.mobilenetv2 import InvertedResidual
    m = InvertedResidual(8, 8, 1, 4)
    return with_bn_stats(m)


CASES = {
    "conv-strided-dilated": (lambda: nn.Sequential(nn.Conv2d(3, 5, 3, stride=2, padding=2, dilation=2), nn.ReLU()),
                             (3, 9, 8)),
    "conv-floor-stride": (lambda: nn.Conv2d(2, 3, 3, stride=2, padding=1), (2, 8, 8)),
    "grouped": (lambda: nn.Sequential(nn.Conv2d(4, 6, 3, stride=2, padding=1, groups=2), nn.ReLU()), (4, 7, 7)),
    "depthwise-multiplier": (lambda: nn.Conv2d(3, 6, 3, padding=1, groups=3), (3, 6, 6)),
    "bn-leaky-maxpool": (lambda: nn.Sequential(nn.Conv2d(2, 4, 3), bn(4), nn.LeakyReLU(0.1),
                                               nn.MaxPool2d(3, 2, 1)), (2, 9, 9)),
    "avgpool-flatten-linear": (lambda: nn.Sequential(nn.AvgPool2d(2), nn.Flatten(), nn.Linear(3 * 3 * 3, 4),
                                                     nn.ReLU6(), nn.Dropout(), nn.Linear(4, 2)), (3, 6, 7)),
    "residual-concat": (Residual, (4, 5, 5)),
    "mobilenet-block": (DepthwiseSeparable, (1, 28, 28)),
    "functional-head": (FunctionalHead, (3, 6, 6)),
    "adaptive-sizes": (AdaptiveSizes, (2, 4, 6)),
    "mean-view": (MeanView, (3, 9, 9)),
    "torchvision-inverted-residual": (inverted_residual, (8, 6, 6)),
    "ceil-pools": (CeilPools, (2, 13, 15)),
    "padded-avg-pool": (PaddedAvgPool, (3, 7, 8)),
    "adaptive-overlapping": (AdaptiveOverlapping, (2, 4, 5)),
    "smooth-activations": (Smooth, (3, 5, 5)),
    "squeeze-excitation": (squeeze_excitation, (3, 7, 6)),
    "torchvision-mobilenet-v3-block": (mobilenet_v3_block, (8, 6, 6)),
    "torchvision-shuffle-blocks": (shuffle_blocks, (8, 8, 6)),
}


def check(work, name):
    factory, shape = CASES[name]
    torch.manual_seed(7)
    model = factory().eval()
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "model.mlir"), "w") as f:
        f.write(export(model, shape))
    x = torch.rand(4, *shape) * 2 - 1
    np.save(os.path.join(d, "x.npy"), x.permute(0, 2, 3, 1).contiguous().numpy())
    subprocess.run(["tqt-run", os.path.join(d, "model.mlir"), "-i", os.path.join(d, "x.npy"),
                    "--output-dir", os.path.join(d, "out")], check=True)
    ours = np.load(os.path.join(d, "out", "result0.npy"))
    with torch.no_grad():
        ref = model(x)
    if ref.dim() == 4:
        ref = ref.permute(0, 2, 3, 1)
    ref = ref.numpy()
    if ours.shape != ref.shape:
        print(f"{name}: shape {ours.shape} != {ref.shape} FAILED")
        return False
    err = float(np.abs(ours - ref).max())
    ok = err <= 1e-4 * (1 + float(np.abs(ref).max()))
    print(f"{name}: shape {ours.shape}, max |diff| {err:.2e} {'OK' if ok else 'FAILED'}")
    return ok


class TwoInputs(nn.Module):
    def forward(self, x, y):
        return x + y


class CatBatch(nn.Module):
    def forward(self, x):
        return torch.cat([x, x], 0)


class AddShapes(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        return x + self.pool(x)


class Gelu(nn.Module):
    def forward(self, x):
        return F.gelu(x)


class ChunkRows(nn.Module):
    def forward(self, x):
        a, b = x.chunk(2, dim=2)
        return a + b


class ViewOther(nn.Module):
    def forward(self, x):
        return x.view(x.size(0), 2, -1)


class TransposeOther(nn.Module):
    def forward(self, x):
        return x.transpose(2, 3)


class MulShapes(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        return x * self.pool(x)


class Param(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x):
        return x * self.scale


class Fn(nn.Module):
    """A model that is one function of its input."""

    def __init__(self, f):
        super().__init__()
        self.f = f

    def forward(self, x):
        return self.f(x)


# A leaf of the trace here too (as in torchvision's own modules).
torch.fx.wrap("stochastic_depth")


class StochasticDepthTraining(nn.Module):
    def forward(self, x):
        return stochastic_depth(x, 0.5, "row", True)


ERRORS = {
    "linear-4d": lambda: nn.Linear(4, 2),
    "maxpool-dilation": lambda: nn.MaxPool2d(2, dilation=2),
    "avgpool-exclude-pad": lambda: nn.AvgPool2d(3, padding=1, count_include_pad=False),
    "avgpool-ceil": lambda: nn.AvgPool2d(3, stride=2, ceil_mode=True),
    "hardtanh": lambda: nn.Hardtanh(-1.0, 1.0),
    "flatten-2": lambda: nn.Flatten(2),
    "bn-no-stats": lambda: nn.BatchNorm2d(1, track_running_stats=False),
    "two-inputs": TwoInputs,
    "cat-batch": CatBatch,
    "add-shapes": AddShapes,
    "function": Gelu,
    "mul-shapes": MulShapes,
    "chunk-rows": ChunkRows,
    "view-other": ViewOther,
    "transpose-other": TransposeOther,
    "parameter": Param,
    "two-outputs": lambda: Fn(lambda x: (x, x)),
    "size-operand": lambda: Fn(lambda x: torch.relu(x.size(0))),
    "stochastic-depth-training": StochasticDepthTraining,
    "torch-flatten-2": lambda: Fn(lambda x: torch.flatten(x, 2)),
    "hardtanh-function": lambda: Fn(lambda x: F.hardtanh(x, -1.0, 1.0)),
    "flatten-method-2": lambda: Fn(lambda x: x.flatten(2)),
    "indexing": lambda: Fn(lambda x: x[0]),
    "mul-ranks": lambda: Fn(lambda x: x * torch.flatten(x, 1)),
    "mean-channels": lambda: Fn(lambda x: x.mean(1)),
}


def unsupported():
    for name, factory in ERRORS.items():
        try:
            export(factory(), (1, 4, 4))
            print(f"{name}: NOT REJECTED")
        except ExportError as e:
            print(f"{name}: {e}")
    try:
        export(nn.Conv2d(4, 4, 3, padding_mode="reflect"), (4, 5, 5))
    except ExportError as e:
        print(f"reflect: {e}")
    try:
        export(nn.Sequential(nn.GELU()), (1, 2, 2))
    except ExportError as e:
        print(f"gelu: {e}")
    try:
        export(nn.AvgPool2d(3, padding=1, divisor_override=4), (1, 6, 6))
    except ExportError as e:
        print(f"avgpool: {e}")
    return True


def main():
    work, names = sys.argv[1], sys.argv[2:]
    ok = True
    for n in names:
        ok &= unsupported() if n == "unsupported" else check(work, n)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
