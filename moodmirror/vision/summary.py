"""Turning a session's per-frame probabilities into one :class:`EmotionSummary`.

A frame is *usable* when a face was classified and its top probability reaches the
confidence threshold (``options.CONFIDENCE_THRESHOLD`` unless the settings say otherwise). The summary is built from running sums, so no per-frame
data outlives the session:

- ``probabilities``: the mean over usable frames; ``dominant``: its argmax;
  ``dominant_share``: the fraction of usable frames whose own top emotion is the dominant one;
  ``confidence``: the mean top probability over usable frames.
- ``valence`` and ``arousal``: the mean probabilities weighted onto Russell's circumplex of
  affect (J. A. Russell, "A circumplex model of affect", Journal of Personality and Social
  Psychology 39(6), 1161-1178, 1980). Each emotion sits on the unit circle at the angle
  Russell's direct circular scaling gave its nearest adjective (0 deg = pleasure,
  90 deg = arousal): happiness "happy" 7.8 deg, surprise "astonished" 69.8, anger "angry" 99.0,
  fear "afraid" 116.9, sadness "sad" 207.5. Disgust is not among Russell's 28 terms; it is
  placed at "annoyed" (123.0), the nearest unpleasant, moderately aroused term. Neutral is the
  origin. Valence = sum p_i cos(theta_i), arousal = sum p_i sin(theta_i), both in [-1, 1].
- Too few usable frames (fewer than ``min_usable`` = 5, or under ``min_usable_ratio`` = 20 %
  of the frames seen) gives an *inconclusive* summary: ``dominant`` None and all probabilities,
  share, confidence, valence and arousal zero, never a guessed emotion. The frame counts and
  face-present ratio are still reported, so the user can see why.
"""

from __future__ import annotations

import math

import numpy as np

from moodmirror.emotions import EMOTIONS
from moodmirror.records import EmotionSummary
from moodmirror.vision.options import CONFIDENCE_THRESHOLD

CIRCUMPLEX_DEGREES: dict[str, float | None] = {
    "anger": 99.0,
    "disgust": 123.0,
    "fear": 116.9,
    "happiness": 7.8,
    "neutral": None,
    "sadness": 207.5,
    "surprise": 69.8,
}
_VALENCE = np.array([0.0 if (d := CIRCUMPLEX_DEGREES[e]) is None else math.cos(math.radians(d)) for e in EMOTIONS])
_AROUSAL = np.array([0.0 if (d := CIRCUMPLEX_DEGREES[e]) is None else math.sin(math.radians(d)) for e in EMOTIONS])
MIN_USABLE = 5
MIN_USABLE_RATIO = 0.2


def valence_arousal(probabilities: np.ndarray) -> tuple[float, float]:
    """Valence and arousal of a (7,) probability vector on the circumplex above."""
    return float(probabilities @ _VALENCE), float(probabilities @ _AROUSAL)


class SummaryBuilder:
    """Accumulates frames of one session; :meth:`build` makes the :class:`EmotionSummary`."""

    def __init__(
        self,
        threshold: float = CONFIDENCE_THRESHOLD,
        min_usable: int = MIN_USABLE,
        min_usable_ratio: float = MIN_USABLE_RATIO,
    ) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"confidence threshold must be within 0..1, not {threshold}")
        self.threshold = threshold
        self.min_usable = min_usable
        self.min_usable_ratio = min_usable_ratio
        self.frames_seen = 0
        self.frames_with_face = 0
        self.frames_usable = 0
        self._sum = np.zeros(len(EMOTIONS), np.float64)
        self._top_counts = np.zeros(len(EMOTIONS), np.int64)
        self._confidence_sum = 0.0

    def add(self, face_found: bool, probabilities: np.ndarray | None) -> bool:
        """Count one frame; returns whether it was usable."""
        self.frames_seen += 1
        self.frames_with_face += bool(face_found)
        if probabilities is None:
            return False
        top = float(np.max(probabilities))
        if top < self.threshold:
            return False
        self.frames_usable += 1
        self._sum += probabilities
        self._top_counts[int(np.argmax(probabilities))] += 1
        self._confidence_sum += top
        return True

    @property
    def conclusive(self) -> bool:
        """Whether enough frames were usable for a summary that names an emotion."""
        return self.frames_usable >= self.min_usable and self.frames_usable >= self.min_usable_ratio * self.frames_seen

    def build(self, duration_s: float, model_id: str, source: str) -> EmotionSummary:
        """The session's summary (inconclusive when too few frames were usable)."""
        face_ratio = self.frames_with_face / self.frames_seen if self.frames_seen else 0.0
        common = dict(
            frames_seen=self.frames_seen,
            frames_usable=self.frames_usable,
            face_ratio=face_ratio,
            duration_s=float(duration_s),
            model_id=model_id,
            source=source,
            confidence_threshold=self.threshold,
        )
        if not self.conclusive:
            zeros = {e: 0.0 for e in EMOTIONS}
            return EmotionSummary(zeros, None, 0.0, 0.0, 0.0, 0.0, **common)  # type: ignore[arg-type]
        mean = self._sum / self.frames_usable
        mean = mean / mean.sum()
        dominant = int(np.argmax(mean))
        valence, arousal = valence_arousal(mean)
        return EmotionSummary(
            probabilities={e: float(p) for e, p in zip(EMOTIONS, mean)},
            dominant=EMOTIONS[dominant],
            dominant_share=float(self._top_counts[dominant] / self.frames_usable),
            confidence=self._confidence_sum / self.frames_usable,
            valence=valence,
            arousal=arousal,
            **common,  # type: ignore[arg-type]
        )
