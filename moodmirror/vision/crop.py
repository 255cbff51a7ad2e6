"""Cutting the model's input out of a frame: a square around the detector's face box, 48x48.

The margin matches the training data. FER2013 crops were themselves made with a face
detector: running OpenCV's frontal-face Haar cascade on 1,500 FER2013Valid images (upscaled
4x, border replicated) returns a box whose side is a median 0.97 of the image side
(quartiles 0.91 and 1.03), centred to within 1 % in x and y; so a FER-style crop is the Haar
box grown by 3 % or a little more about its centre. End to end with the shipped model (87.2 %
on the original crops of all 3,370 majority-vote FER2013Valid faces; the detector finds 2,737
of them once enlarged into a frame, and those are cropped and classified), the accuracy is flat
from x0.90 to x1.10 and falls beyond: 87.1 % at x0.85, 87.7 % at x0.90, 87.9 % at x0.95,
87.1 % at x1.00, 87.5 % at x1.03, 87.4 % at x1.10, 87.0 % at x1.15, 86.5 % at x1.20
(``tests/benchmarks/bench_vision.py`` prints this check; the previous model peaked at x1.00
instead, so the order inside the flat part is noise, about 20 faces). ``CROP_SCALE`` = 1.0,
the square on the detector's own box, sits in the middle of that flat part, next to the
FER2013 margin; on ``skimage.data.astronaut()`` it gives forehead to chin with little
background, like the training images. Parts of the square outside the frame repeat the edge
pixels.
"""

from __future__ import annotations

import numpy as np

CROP_SCALE = 1.0
CROP_SIZE = 48

Box = tuple[int, int, int, int]


def face_crop(gray: np.ndarray, box: Box, scale: float = CROP_SCALE, size: int = CROP_SIZE) -> np.ndarray:
    """The ``size`` x ``size`` uint8 crop of ``gray`` around ``box`` (x, y, w, h), grown by ``scale``."""
    import cv2

    x, y, w, h = box
    side = max(1, int(round(max(w, h) * scale)))
    x0 = int(round(x + w / 2 - side / 2))
    y0 = int(round(y + h / 2 - side / 2))
    height, width = gray.shape[:2]
    pad_l, pad_t = max(0, -x0), max(0, -y0)
    pad_r, pad_b = max(0, x0 + side - width), max(0, y0 + side - height)
    patch = gray[max(0, y0) : min(height, y0 + side), max(0, x0) : min(width, x0 + side)]
    if pad_l or pad_t or pad_r or pad_b:
        patch = cv2.copyMakeBorder(patch, pad_t, pad_b, pad_l, pad_r, cv2.BORDER_REPLICATE)
    return cv2.resize(patch, (size, size), interpolation=cv2.INTER_AREA)
