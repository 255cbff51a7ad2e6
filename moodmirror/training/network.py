"""The emotion CNN: a compact VGG-style network for 48x48 grayscale faces.

Five stages of two 3x3 convolutions (batch norm, ReLU), max-pooling between stages, global
average pooling, dropout and one linear layer. The input is a float image in [0, 1]; the
normalisation is part of the network so the exported ONNX model needs nothing but ``x / 255``.
"""

from __future__ import annotations

import torch
from torch import nn

INPUT_MEAN = 0.5
INPUT_STD = 0.25


def _conv(cin: int, cout: int) -> list[nn.Module]:
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


class EmotionNet(nn.Module):
    """VGG-style classifier; ``width`` sets the channels of the first stage (doubled per stage)."""

    def __init__(self, num_classes: int = 7, width: int = 16, dropout: float = 0.3) -> None:
        super().__init__()
        chans = [width * 2**i for i in range(5)]
        layers: list[nn.Module] = []
        cin = 1
        for i, c in enumerate(chans):
            layers += _conv(cin, c) + _conv(c, c)
            if i < len(chans) - 1:
                layers.append(nn.MaxPool2d(2))
            cin = c
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(dropout), nn.Linear(cin, num_classes)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits for a batch of images (N, 1, 48, 48) with values in [0, 1]."""
        return self.head(self.features((x - INPUT_MEAN) / INPUT_STD))


class ProbabilityModel(nn.Module):
    """What is exported: softmax probabilities, optionally averaged with the mirrored face.

    The logits are divided by ``temperature`` before the softmax (calibration; 1: none).
    """

    def __init__(self, net: nn.Module, mirror: bool, temperature: float = 1.0) -> None:
        super().__init__()
        self.net = net
        self.mirror = mirror
        self.temperature = temperature

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        probs = torch.softmax(self.net(x) / self.temperature, dim=1)
        if self.mirror:
            flipped = self.net(torch.flip(x, dims=[3])) / self.temperature
            probs = 0.5 * (probs + torch.softmax(flipped, dim=1))
        return probs


def parameter_count(model: nn.Module) -> int:
    """Number of trainable parameters."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
