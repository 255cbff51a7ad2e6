"""One frame through the pipeline: detect (and track) the face, align and crop it, classify it, smooth it.

:class:`FramePipeline` keeps the per-stream state (the face track and the display smoothing)
and turns each frame into a :class:`FrameResult` for the UI. The smoothed probabilities are an
exponential moving average with a time constant of ``smoothing_s`` seconds (so the display
does not flicker, whatever the frame rate); the raw probabilities are what the summary uses.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from moodmirror.emotions import EMOTIONS
from moodmirror.vision.classifier import Classifier
from moodmirror.vision.crop import Box, face_crop
from moodmirror.vision.detector import FaceDetector, Status, as_box

SMOOTHING_S = 0.6


@dataclass(frozen=True)
class FrameResult:
    """What one frame showed. ``frame`` is the BGR image for the live preview (memory only)."""

    index: int
    elapsed_s: float
    status: Status
    box: Box | None
    probabilities: np.ndarray | None
    smoothed: np.ndarray | None
    latency_ms: float
    frame: np.ndarray | None = None

    @property
    def dominant(self) -> str | None:
        """The emotion with the highest smoothed probability, None without a classified face."""
        shown = self.smoothed if self.smoothed is not None else self.probabilities
        return None if shown is None else EMOTIONS[int(np.argmax(shown))]


def probabilities_dict(probabilities: np.ndarray) -> dict[str, float]:
    """A (7,) probability vector as {emotion: value}, in ``EMOTIONS`` order."""
    return {e: float(p) for e, p in zip(EMOTIONS, probabilities)}


class FramePipeline:
    """Detect, align and crop, classify and smooth, frame after frame of one stream."""

    def __init__(
        self,
        classifier: Classifier,
        detector: FaceDetector | None = None,
        smoothing_s: float = SMOOTHING_S,
    ) -> None:
        self.classifier = classifier
        self.detector = detector or FaceDetector()
        self.smoothing_s = smoothing_s
        self.reset()

    def reset(self) -> None:
        """Start a new stream: forget the face track and the smoothed display values."""
        self.detector.reset()
        self._smoothed: np.ndarray | None = None
        self._last_elapsed: float | None = None

    def process(
        self, image: np.ndarray, elapsed_s: float = 0.0, index: int = 0, keep_frame: bool = False
    ) -> FrameResult:
        """Run one BGR frame; ``elapsed_s`` drives the smoothing, ``keep_frame`` attaches the preview."""
        start = time.perf_counter()
        detection = self.detector.detect(image)
        probabilities = None
        if detection.usable and detection.landmarks is not None:
            crop = face_crop(image, detection.landmarks)
            probabilities = self.classifier.predict(crop[None])[0]
            self._smooth(probabilities, elapsed_s)
        return FrameResult(
            index=index,
            elapsed_s=elapsed_s,
            status=detection.status,
            box=detection.box,
            probabilities=probabilities,
            smoothed=None if self._smoothed is None else self._smoothed.copy(),
            latency_ms=(time.perf_counter() - start) * 1000.0,
            frame=image if keep_frame else None,
        )

    def _smooth(self, probabilities: np.ndarray, elapsed_s: float) -> None:
        if self._smoothed is None or self._last_elapsed is None:
            self._smoothed = probabilities.copy()
        else:
            dt = max(0.0, elapsed_s - self._last_elapsed)
            alpha = 1.0 - math.exp(-dt / self.smoothing_s) if self.smoothing_s > 0 else 1.0
            self._smoothed += alpha * (probabilities - self._smoothed)
        self._last_elapsed = elapsed_s

    def analyze(self, image: np.ndarray) -> list[tuple[Box, np.ndarray]]:
        """Every face of a single image with its probabilities (largest face first; no tracking)."""
        faces = self.detector.detect_all(image)
        if not faces:
            return []
        probabilities = self.classifier.predict(np.stack([face_crop(image, f.keypoints) for f in faces]))
        return [(as_box(f), p) for f, p in zip(faces, probabilities)]
