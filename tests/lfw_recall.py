"""Detection recall on scikit-image's ``lfw_subset``: the acceptance check of the face detector.

``lfw_subset()`` holds 200 grayscale 25x25 patches: the first 100 are faces, the last 100
are not. Each patch is resized (bicubic) to a seeded random size from 80 to 240 px and pasted
at a seeded random position into a mid-gray (128) 640x480 frame, optionally turned by
``angle`` degrees first (the turned patch's corners repeat its edges). A face counts as found
when a full detection pass (no tracking) returns a box whose centre lies inside the pasted
patch; a non-face patch counts as a false alarm when any box is returned. Used by the test suite
and printed by ``tests/benchmarks/bench_vision.py``; needs scikit-image (the ``test`` extra).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moodmirror.vision.crop import Box
from moodmirror.vision.detector import FaceDetector, as_box

FRAME_SIZE = (640, 480)
PATCH_SIZES = (80, 240)
BACKGROUND = 128
SEED = 2026


@dataclass(frozen=True)
class RecallResult:
    """Faces found out of faces shown, and frames with a false alarm out of non-face frames."""

    faces_found: int
    faces: int
    false_alarms: int
    non_faces: int

    @property
    def recall(self) -> float:
        return self.faces_found / self.faces


def placed_frames(patches: np.ndarray, seed: int = SEED, angle: float = 0.0) -> list[tuple[np.ndarray, Box]]:
    """Each patch (float in [0, 1] or uint8), turned by ``angle``, pasted into a gray frame, with where it went."""
    import cv2

    rng = np.random.default_rng(seed)
    width, height = FRAME_SIZE
    out = []
    for patch in patches:
        image = patch if patch.dtype == np.uint8 else np.clip(patch * 255.0 + 0.5, 0, 255).astype(np.uint8)
        side = int(rng.integers(PATCH_SIZES[0], PATCH_SIZES[1] + 1))
        x, y = int(rng.integers(0, width - side + 1)), int(rng.integers(0, height - side + 1))
        frame = np.full((height, width), BACKGROUND, np.uint8)
        patch = cv2.resize(image, (side, side), interpolation=cv2.INTER_CUBIC)
        if angle:
            matrix = cv2.getRotationMatrix2D((side / 2, side / 2), angle, 1.0)
            patch = cv2.warpAffine(patch, matrix, (side, side), borderMode=cv2.BORDER_REPLICATE)
        frame[y : y + side, x : x + side] = patch
        out.append((frame, (x, y, side, side)))
    return out


def _inside(box: Box, target: Box) -> bool:
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    return target[0] <= cx <= target[0] + target[2] and target[1] <= cy <= target[1] + target[3]


def lfw_recall(detector: FaceDetector | None = None, faces: int = 100, angle: float = 0.0) -> RecallResult:
    """Run the check on the first ``faces`` face patches and all 100 non-face patches, turned by ``angle``."""
    from skimage.data import lfw_subset

    detector = detector or FaceDetector()
    patches = lfw_subset()
    found = sum(
        any(_inside(as_box(face), where) for face in detector.detect_all(frame))
        for frame, where in placed_frames(patches[:faces], angle=angle)
    )
    alarms = sum(bool(detector.detect_all(frame)) for frame, _ in placed_frames(patches[100:], angle=angle))
    return RecallResult(found, faces, alarms, len(patches) - 100)
