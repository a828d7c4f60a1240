#!/usr/bin/env python3
"""Exports a small network built from a torchvision model's own blocks, with
BN statistics from a few training-mode batches, and calibration images.

  zoo_block.py NAME OUT_DIR [--fashion-mnist]
      ->  OUT_DIR/net.mlir, OUT_DIR/x.npy (32 NHWC images)

--fashion-mnist: 1x28x28 inputs (the stem takes one channel), for tqt-train.

NAME: squeezenet (Fire modules, ceil_mode max pooling, a convolutional
classifier ending in adaptive average pooling and flatten), mobilenet_v2
(InvertedResidual blocks, functional adaptive pooling, dropout, linear) or
inception (Inception-v3's InceptionA block: four branches of BasicConv2d
(conv, batch norm, F.relu) with 1x1, 5x5 and double 3x3 convolutions and a
padded average pool that counts the padding, concatenated) or vgg (VGG's
features and classifier head on a small map: the AdaptiveAvgPool2d((7, 7))
of a 2x2 map repeats its bins) or mobilenet_v3 (hard swish, hard-sigmoid
squeeze-and-excitation) or efficientnet (MBConv: SiLU, sigmoid
squeeze-and-excitation, stochastic depth; tanh).
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from tqt_mlir.export import export


def squeezenet(channels=3):
    from torchvision.models.squeezenet import Fire
    return nn.Sequential(
        nn.Conv2d(channels, 16, 3, stride=2), nn.ReLU(inplace=True),
        nn.MaxPool2d(3, 2, ceil_mode=True),
        Fire(16, 4, 8, 8), Fire(16, 4, 8, 8),
        nn.MaxPool2d(3, 2, ceil_mode=True),
        nn.Dropout(0.5), nn.Conv2d(16, 10, 1), nn.ReLU(inplace=True),
        nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())


class MobileNetV2Head(nn.Module):
    def __init__(self, channels=3):
        super().__init__()
        from torchvision.models.mobilenetv2 import InvertedResidual
        self.stem = nn.Sequential(nn.Conv2d(channels, 8, 3, 2, 1, bias=False), nn.BatchNorm2d(8), nn.ReLU6())
        self.blocks = nn.Sequential(InvertedResidual(8, 8, 1, 4), InvertedResidual(8, 16, 2, 4))
        self.fc = nn.Sequential(nn.Dropout(0.2), nn.Linear(16, 10))

    def forward(self, x):
        x = F.adaptive_avg_pool2d(self.blocks(self.stem(x)), (1, 1))
        return self.fc(torch.flatten(x, 1))


class InceptionHead(nn.Module):
    def __init__(self, channels=3):
        super().__init__()
        from torchvision.models.inception import BasicConv2d, InceptionA
        self.stem = BasicConv2d(channels, 8, kernel_size=3, stride=2)
        self.mixed = InceptionA(8, pool_features=8)
        self.fc = nn.Linear(64 + 64 + 96 + 8, 10)

    def forward(self, x):
        x = F.adaptive_avg_pool2d(self.mixed(self.stem(x)), (1, 1))
        return self.fc(torch.flatten(x, 1))


def vgg(channels=3):
    return nn.Sequential(
        nn.Conv2d(channels, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(inplace=True),
        nn.MaxPool2d(2, 2),
        nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(inplace=True),
        nn.MaxPool2d(2, 2), nn.MaxPool2d(2, 2),
        nn.AdaptiveAvgPool2d((7, 7)), nn.Flatten(),
        nn.Linear(16 * 7 * 7, 32), nn.ReLU(True), nn.Dropout(), nn.Linear(32, 10))


class MobileNetV3Head(nn.Module):
    """MobileNetV3's InvertedResidual blocks: hard swish, squeeze-and-
    excitation with a hard sigmoid gate, a residual add; a hard-swish
    classifier."""
    def __init__(self, channels=3):
        super().__init__()
        from functools import partial
        from torchvision.models.mobilenetv3 import InvertedResidual, InvertedResidualConfig
        norm = partial(nn.BatchNorm2d, eps=0.001, momentum=0.01)
        self.stem = nn.Sequential(nn.Conv2d(channels, 8, 3, 2, 1, bias=False), norm(8), nn.Hardswish())
        cfg = [InvertedResidualConfig(8, 3, 16, 8, True, "RE", 1, 1, 1.0),
               InvertedResidualConfig(8, 3, 24, 16, True, "HS", 2, 1, 1.0),
               InvertedResidualConfig(16, 5, 32, 16, True, "HS", 1, 1, 1.0)]
        self.blocks = nn.Sequential(*[InvertedResidual(c, norm) for c in cfg])
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(nn.Linear(16, 24), nn.Hardswish(), nn.Dropout(0.2), nn.Linear(24, 10))

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.blocks(self.stem(x))), 1))


class EfficientNetHead(nn.Module):
    """EfficientNet's MBConv blocks: SiLU, squeeze-and-excitation with a
    sigmoid gate, stochastic depth (the identity in evaluation); a tanh
    before the classifier for the last smooth activation."""
    def __init__(self, channels=3):
        super().__init__()
        from functools import partial
        from torchvision.models.efficientnet import MBConv, MBConvConfig
        self.stem = nn.Sequential(nn.Conv2d(channels, 8, 3, 2, 1, bias=False), nn.BatchNorm2d(8), nn.SiLU())
        self.blocks = nn.Sequential(MBConv(MBConvConfig(1, 3, 1, 8, 8, 1), 0.1, nn.BatchNorm2d),
                                    MBConv(MBConvConfig(4, 3, 2, 8, 16, 1), 0.1, nn.BatchNorm2d),
                                    MBConv(MBConvConfig(4, 5, 1, 16, 16, 1), 0.1, nn.BatchNorm2d))
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = F.adaptive_avg_pool2d(self.blocks(self.stem(x)), 1)
        return self.fc(torch.tanh(torch.flatten(x, 1)))


def main(name, out, fashion):
    torch.manual_seed(3)
    shape = (1, 28, 28) if fashion else (3, 23, 23)
    model = {"squeezenet": squeezenet, "mobilenet_v2": MobileNetV2Head,
             "inception": InceptionHead, "vgg": vgg, "mobilenet_v3": MobileNetV3Head,
             "efficientnet": EfficientNetHead}[name](shape[0])
    model.train()
    with torch.no_grad():
        for _ in range(4):  # batch-norm statistics
            model(torch.rand(16, *shape) * 2 - 1)
    model.eval()
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "net.mlir"), "w") as f:
        f.write(export(model, shape))
    x = torch.rand(32, *shape) * 2 - 1
    np.save(os.path.join(out, "x.npy"), x.permute(0, 2, 3, 1).contiguous().numpy())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--fashion-mnist" in sys.argv[3:])
