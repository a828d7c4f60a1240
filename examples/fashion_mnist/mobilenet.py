"""The demo's default model: a MobileNet-v1-style network for 28x28x1
Fashion-MNIST images (Howard et al. 2017, shrunk): a 3x3 stride-2 stem,
four depthwise-separable blocks (3x3 depthwise + 1x1 pointwise, each with
batch norm and ReLU6), global average pooling and a fully connected
classifier. About 19k parameters."""
import torch.nn as nn


def conv_bn(cin, cout, kernel, stride, groups=1):
    return [nn.Conv2d(cin, cout, kernel, stride, kernel // 2, groups=groups, bias=False),
            nn.BatchNorm2d(cout), nn.ReLU6()]


class MobileNetV1Tiny(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        layers = conv_bn(1, 16, 3, 2)                      # 14 x 14 x 16
        for cin, cout, stride in ((16, 32, 1), (32, 64, 2), (64, 64, 1), (64, 128, 2)):
            layers += conv_bn(cin, cin, 3, stride, groups=cin)   # depthwise
            layers += conv_bn(cin, cout, 1, 1)                   # pointwise
        self.features = nn.Sequential(*layers)             # 4 x 4 x 128
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.flatten = nn.Flatten()
        self.classifier = nn.Linear(128, classes)

    def forward(self, x):
        return self.classifier(self.flatten(self.pool(self.features(x))))
