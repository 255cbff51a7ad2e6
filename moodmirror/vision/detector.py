"""Finding the user's face in a frame with OpenCV's Haar cascades, made fast and robust.

Each frame is converted to gray, downscaled to ``detect_width`` pixels wide and
contrast-equalised with CLAHE (local equalisation: unlike a global histogram equalisation it
is not thrown off by a large flat background or a bright window behind the user). A full
pass runs the frontal-face cascade (``haarcascade_frontalface_default``; where it finds
nothing, ``..._alt2`` gets a second look). Between full passes the face is *tracked*: only a
region around the last box is searched, shrunk so the face is about 36 px wide and at sizes
near the last one, which costs a small fraction of a full pass; the box moves halfway to each
new detection, which steadies the crop. A full pass runs whenever the tracked face is lost; every
``redetect_every`` frames (about once a second) a cheaper routine pass over the whole frame
counts other people (coarser size steps, and no face smaller than half the user's: those are
the expensive sizes, and not someone sharing the screen); each is confirmed by the ``alt2``
cascade around it before the frame is reported as showing several faces. While no face is in
view, the full search runs on every ``search_every``-th frame only (10 times a second at 30
FPS), which bounds the work spent watching an empty room.

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
SCALE_FACTOR = 1.1  # finding a face: fine steps between searched sizes
RECHECK_SCALE_FACTOR = 1.2  # routine re-detection while a face is tracked: coarser, cheaper
MIN_NEIGHBORS = 4
MIN_WINDOW = 20  # smallest face searched, in pixels of the downscaled frame
TRACK_MARGIN = 0.4  # searched region around the last box, as a fraction of its side
TRACK_SCALE = (0.75, 1.35)  # face sizes searched while tracking, relative to the last box
TRACK_FACE_PX = 36  # while tracking, the searched region is shrunk so the face is about this wide
TRACK_MIN_NEIGHBORS = 2  # a face is expected right there, so fewer overlapping hits confirm it
TRACK_BLEND = 0.5  # how far the tracked box moves towards each new detection
RECHECK_MIN_SIZE = 0.5  # smallest other face a routine re-detection looks for, relative to the user's


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
        redetect_every: int = 30,
        search_every: int = 3,
        min_face: int = 64,
        dark_level: float = 35.0,
    ) -> None:
        import cv2

        self.detect_width = detect_width
        self.redetect_every = redetect_every
        self.search_every = search_every
        self.min_face = min_face
        self.dark_level = dark_level
        folder = cv2.data.haarcascades  # type: ignore[attr-defined]  # (missing from OpenCV's type stubs)
        self._cascades = [cv2.CascadeClassifier(folder + name) for name in CASCADES]
        if any(c.empty() for c in self._cascades):
            raise RuntimeError("OpenCV's Haar cascade files are missing from this OpenCV install")
        self._clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))
        self.reset()

    def reset(self) -> None:
        """Forget the tracked face (a new stream starts)."""
        self._track: tuple[int, int, int, int] | None = None
        self._since_check = 0
        self._idle = 0
        self._faces = 0

    def _downscale(self, gray: np.ndarray) -> tuple[np.ndarray, float]:
        import cv2

        scale = min(1.0, self.detect_width / gray.shape[1])
        small = gray if scale == 1.0 else cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        return small, scale

    def _full_pass(self, eq: np.ndarray) -> list[tuple[int, int, int, int]]:
        for cascade in self._cascades:
            found = self._run(cascade, eq, MIN_WINDOW, 0, SCALE_FACTOR)
            if found:
                return found
        return []

    def _others(self, eq: np.ndarray, user: tuple[int, int, int, int]) -> int:
        """How many faces besides the user's; each is confirmed by the second cascade."""
        smallest = max(MIN_WINDOW, int(user[2] * RECHECK_MIN_SIZE))
        found = self._run(self._cascades[0], eq, smallest, 0, RECHECK_SCALE_FACTOR)
        return sum(not _contains(user, b) and self._near(eq, b, self._cascades[1]) is not None for b in found)

    @staticmethod
    def _run(
        cascade: Any, image: np.ndarray, smallest: int, largest: int, scale_factor: float, neighbors: int = MIN_NEIGHBORS
    ) -> list:
        found = cascade.detectMultiScale(
            image,
            scaleFactor=scale_factor,
            minNeighbors=neighbors,
            minSize=(smallest, smallest),
            maxSize=(largest, largest),
        )
        return [tuple(int(v) for v in box) for box in found]

    def _near(self, eq: np.ndarray, box: tuple[int, int, int, int], cascade: Any) -> tuple[int, int, int, int] | None:
        """The largest face of about ``box``'s size in the region around it, or None.

        The region is shrunk so the face is about ``TRACK_FACE_PX`` wide: the cascade needs no
        more detail than that, and the search costs a fraction of one at full size.
        """
        import cv2

        x, y, w, h = box
        pad = TRACK_MARGIN * w
        x0, y0 = max(0, int(x - pad)), max(0, int(y - pad))
        x1, y1 = min(eq.shape[1], int(x + w + pad)), min(eq.shape[0], int(y + h + pad))
        region = eq[y0:y1, x0:x1]
        f = min(1.0, TRACK_FACE_PX / w)
        if f < 1.0:
            region = cv2.resize(region, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        lo, hi = max(MIN_WINDOW, int(w * f * TRACK_SCALE[0])), int(w * f * TRACK_SCALE[1])
        found = self._run(cascade, region, lo, hi, SCALE_FACTOR, TRACK_MIN_NEIGHBORS)
        if not found:
            return None
        bx, by, bw, bh = (v / f for v in max(found, key=lambda b: b[2] * b[3]))
        return int(round(bx)) + x0, int(round(by)) + y0, int(round(bw)), int(round(bh))

    def detect(self, image: np.ndarray) -> Detection:
        """The user's face in a BGR or gray frame, using and updating the track."""
        gray = to_gray(image)
        small, scale = self._downscale(gray)
        if self._track is None and self._idle > 0:  # no face lately: search only now and then
            self._idle -= 1
            return self._judge(small, None, scale)
        eq = self._clahe.apply(small)
        box = None
        if self._track is not None:
            found = self._near(eq, self._track, self._cascades[0])
            box = None if found is None else _blend(self._track, found)
        if box is None:  # nothing tracked, or the face was lost: look everywhere
            faces = self._full_pass(eq)
            self._faces = len(faces)
            self._since_check = 0
            self._idle = 0 if faces else self.search_every - 1
            box = max(faces, key=lambda b: b[2] * b[3]) if faces else None
        elif self._since_check >= self.redetect_every:
            self._faces = 1 + self._others(eq, box)
            self._since_check = 0
        else:
            self._since_check += 1
        self._track = box
        return self._judge(small, box, scale)

    def detect_all(self, image: np.ndarray) -> list[Box]:
        """Every face in a frame (largest first), without tracking: for single images."""
        small, scale = self._downscale(to_gray(image))
        faces = sorted(self._full_pass(self._clahe.apply(small)), key=lambda b: -b[2] * b[3])
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


def _blend(old: tuple[int, int, int, int], new: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The tracked box moved halfway to the new detection: steadier crops, one frame of lag."""
    return tuple(int(round(o + TRACK_BLEND * (n - o))) for o, n in zip(old, new))  # type: ignore[return-value]


def _contains(box: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    """Whether ``other``'s centre lies inside ``box`` (the same face found twice)."""
    cx, cy = other[0] + other[2] / 2, other[1] + other[3] / 2
    return box[0] <= cx <= box[0] + box[2] and box[1] <= cy <= box[1] + box[3]


def _unscale(box: tuple[int, int, int, int], scale: float) -> Box:
    return tuple(int(round(v / scale)) for v in box)  # type: ignore[return-value]
