"""Finding the user's face in a frame with OpenCV's Haar cascades, made fast and robust.

Each frame is converted to gray, downscaled to ``detect_width`` pixels wide and
contrast-equalised with CLAHE (local equalisation: unlike a global histogram equalisation it
is not thrown off by a large flat background or a bright window behind the user). A full
pass runs the frontal-face cascade (``haarcascade_frontalface_default``; where it finds
nothing, ``..._alt2`` gets a second look). Between full passes the face is *tracked*: only a
region around the last box is searched, at scales near the last size, which costs a small
fraction of a full pass; a full pass runs every ``redetect_every`` frames (to notice a second
face) and whenever the tracked face is lost.

The largest face is taken as the user. The status tells the UI what to say: ``ok``,
``no_face``, ``many_faces`` (the largest is still used), ``too_small`` (the user is too far
away for a useful crop) or ``too_dark`` (the face, or the whole frame when no face is found,
is too dark to read).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from moodmirror.vision.crop import Box

CASCADES = ("haarcascade_frontalface_default.xml", "haarcascade_frontalface_alt2.xml")
SCALE_FACTOR = 1.1
MIN_NEIGHBORS = 4
MIN_WINDOW = 20  # smallest face searched, in pixels of the downscaled frame
TRACK_MARGIN = 0.4  # searched region around the last box, as a fraction of its side
TRACK_SCALE = (0.75, 1.35)  # face sizes searched while tracking, relative to the last box


class Status(StrEnum):
    """What a frame shows, as far as the check-in is concerned."""

    OK = "ok"
    NO_FACE = "no_face"
    MANY_FACES = "many_faces"
    TOO_SMALL = "too_small"
    TOO_DARK = "too_dark"


@dataclass(frozen=True)
class Detection:
    """The user's face in one frame: ``box`` (x, y, w, h) in frame pixels, or None."""

    status: Status
    box: Box | None
    faces: int
    brightness: float

    @property
    def usable(self) -> bool:
        """True when the face can be classified (``ok`` or ``many_faces``)."""
        return self.status in (Status.OK, Status.MANY_FACES)


def to_gray(image: np.ndarray) -> np.ndarray:
    """A grayscale view of a BGR or already-gray uint8 image."""
    import cv2

    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


class FaceDetector:
    """Detects and tracks the user's face; one instance per video stream (it keeps the track)."""

    def __init__(
        self,
        detect_width: int = 320,
        redetect_every: int = 6,
        min_face: int = 64,
        dark_level: float = 35.0,
    ) -> None:
        import cv2

        self.detect_width = detect_width
        self.redetect_every = redetect_every
        self.min_face = min_face
        self.dark_level = dark_level
        self._cascades = [cv2.CascadeClassifier(cv2.data.haarcascades + name) for name in CASCADES]
        if any(c.empty() for c in self._cascades):
            raise RuntimeError("OpenCV's Haar cascade files are missing from this OpenCV install")
        self._clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))
        self.reset()

    def reset(self) -> None:
        """Forget the tracked face (a new stream starts)."""
        self._track: tuple[float, float, float, float] | None = None
        self._since_full = 0
        self._faces = 0

    def _prepare(self, gray: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
        import cv2

        scale = min(1.0, self.detect_width / gray.shape[1])
        small = gray if scale == 1.0 else cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        return small, self._clahe.apply(small), scale

    def _full_pass(self, eq: np.ndarray) -> list[tuple[int, int, int, int]]:
        for cascade in self._cascades:
            found = self._run(cascade, eq, (MIN_WINDOW, MIN_WINDOW), (0, 0))
            if found:
                return found
        return []

    @staticmethod
    def _run(cascade: Any, image: np.ndarray, min_size: tuple[int, int], max_size: tuple[int, int]) -> list:
        found = cascade.detectMultiScale(
            image, scaleFactor=SCALE_FACTOR, minNeighbors=MIN_NEIGHBORS, minSize=min_size, maxSize=max_size
        )
        return [tuple(int(v) for v in box) for box in found]

    def _tracked(self, eq: np.ndarray) -> tuple[int, int, int, int] | None:
        assert self._track is not None
        x, y, w, h = self._track
        pad = TRACK_MARGIN * w
        x0, y0 = max(0, int(x - pad)), max(0, int(y - pad))
        x1, y1 = min(eq.shape[1], int(x + w + pad)), min(eq.shape[0], int(y + h + pad))
        lo, hi = int(w * TRACK_SCALE[0]), int(w * TRACK_SCALE[1])
        found = self._run(self._cascades[0], eq[y0:y1, x0:x1], (lo, lo), (hi, hi))
        if not found:
            return None
        bx, by, bw, bh = max(found, key=lambda b: b[2] * b[3])
        return bx + x0, by + y0, bw, bh

    def detect(self, image: np.ndarray) -> Detection:
        """The user's face in a BGR or gray frame, using and updating the track."""
        gray = to_gray(image)
        small, eq, scale = self._prepare(gray)
        box = None
        if self._track is not None and self._since_full < self.redetect_every:
            box = self._tracked(eq)
            self._since_full += 1
        if box is None:
            faces = self._full_pass(eq)
            self._faces = len(faces)
            self._since_full = 0
            box = max(faces, key=lambda b: b[2] * b[3]) if faces else None
        self._track = box
        return self._judge(small, box, scale)

    def detect_all(self, image: np.ndarray) -> list[Box]:
        """Every face in a frame (largest first), without tracking: for single images."""
        _, eq, scale = self._prepare(to_gray(image))
        faces = sorted(self._full_pass(eq), key=lambda b: -b[2] * b[3])
        return [_unscale(b, scale) for b in faces]

    def _judge(self, small: np.ndarray, box: tuple[int, int, int, int] | None, scale: float) -> Detection:
        if box is None:
            brightness = float(small.mean())
            status = Status.TOO_DARK if brightness < self.dark_level else Status.NO_FACE
            return Detection(status, None, 0, brightness)
        x, y, w, h = box
        brightness = float(small[y : y + h, x : x + w].mean())
        full = _unscale(box, scale)
        if brightness < self.dark_level:
            status = Status.TOO_DARK
        elif min(full[2], full[3]) < self.min_face:
            status = Status.TOO_SMALL
        elif self._faces > 1:
            status = Status.MANY_FACES
        else:
            status = Status.OK
        return Detection(status, full, max(self._faces, 1), brightness)


def _unscale(box: tuple[int, int, int, int], scale: float) -> Box:
    return tuple(int(round(v / scale)) for v in box)  # type: ignore[return-value]
