"""Batch augmentation on the CPU for pose and lighting, driven by a seeded generator.

Each image gets a random mirror, rotation (+-12 deg), scale (0.88-1.12) and shift (+-8 %)
through one affine warp, then a brightness and contrast change, and sometimes a small
erased patch (occlusion by a hand or glasses).
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F


def augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Return an augmented copy of ``x`` (N, 1, H, W) with values in [0, 1]."""
    n = x.shape[0]

    def uniform(lo: float, hi: float) -> torch.Tensor:
        return lo + (hi - lo) * torch.rand(n, generator=gen)

    angle = uniform(-12.0, 12.0) * math.pi / 180.0
    scale = uniform(0.88, 1.12)
    flip = torch.where(torch.rand(n, generator=gen) < 0.5, -1.0, 1.0)
    tx, ty = uniform(-0.08, 0.08), uniform(-0.08, 0.08)
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack([torch.stack([cos * flip, -sin, tx], 1), torch.stack([sin * flip, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    out = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)

    contrast = uniform(0.6, 1.4).view(n, 1, 1, 1)
    brightness = uniform(-0.2, 0.2).view(n, 1, 1, 1)
    mean = out.mean(dim=(2, 3), keepdim=True)
    out = (out - mean) * contrast + mean + brightness

    erase = torch.rand(n, generator=gen) < 0.25
    if erase.any():
        h, w = x.shape[2], x.shape[3]
        for i in torch.nonzero(erase).flatten().tolist():
            eh, ew = int(torch.randint(6, 16, (1,), generator=gen)), int(torch.randint(6, 16, (1,), generator=gen))
            y0, x0 = (
                int(torch.randint(0, h - eh, (1,), generator=gen)),
                int(torch.randint(0, w - ew, (1,), generator=gen)),
            )
            out[i, :, y0 : y0 + eh, x0 : x0 + ew] = float(torch.rand(1, generator=gen))
    return out.clamp_(0.0, 1.0)
