"""Finding and tracking the user's face, with six landmarks, using BlazeFace (see ``blazeface``).

A full search shows the whole frame to the model twice: shrunk so its longer side is 320 px
(finds faces from about 60 px wide in a 640x480 frame up to about 300 px) and 160 px (the
faces that fill the frame); the two sets are merged by weighted NMS. Each candidate (score
0.5 or more) is then *confirmed*: the squares of 1.8, 2.6 and 3.6 times its width around it,
turned so its eyes are level, are shown to the model at 128x128, and its mean score over the
search and these three views must reach ``SCORE_THRESHOLD``, and its eyes-to-mouth distance
must be at least ``MIN_PROPORTION`` of its width (0.45 on a frontal face, 0.39 for the lowest
1 % of FER faces): a real face is found at every scale with landmarks that fit it, a face-like
patch of texture seldom is. Box and landmarks are taken from the 2.6 view, where the face is
seen upright at the size the model likes best.

Between full searches the face is *tracked*: only the levelled square of ``TRACK_REGION``
times the last face's width around it is shown to the model, at 96x96, which costs about a
fifteenth of a full search; box and landmarks move ``TRACK_BLEND`` of the way to each new
detection, which steadies the crop. Every ``redetect_every`` frames (about once a second) a
full search counts the people in view; while no face is in view, the full search runs on
every ``search_every``-th frame only.

Measured by ``tests/benchmarks/bench_real_world.py`` on the 3,370 FER2013Valid faces pasted
into 640x480 frames at 60-300 px, turned by up to +-30 degrees, on varied backgrounds and
light: 95.8 % found (96.2 % at 80 px and wider; the Haar cascades it replaced: 54.3 % and
55.8 %), 2 of 300 face-free frames with a face reported (Haar: 16), whole pipeline 2.78 ms CPU
median per frame on one core (Haar: 3.05 ms). ``SCORE_THRESHOLD`` and ``MIN_PROPORTION`` were chosen
on 400 of those faces and the 300 face-free frames: without the proportion check, a threshold
of 0.64 finds as many faces with 9 false frames, and 0.68 finds 94.8 % at 80 px and wider with
2; with it, 0.58 finds 98.4 % with 7 and 0.66 finds 96.5 % with 2. A full search costs about
15 ms with a face in view (8 ms without), a tracked frame about 1 ms. On ``lfw_subset``
(``tests/lfw_recall.py``) it finds 100 % upright (Haar: 99 %) and 97-98 % turned by 25
degrees (Haar: 10-42 %). Haar was removed: it misses tilted heads and gives no landmarks.

The largest face is taken as the user. The status tells the UI what to say: ``ok``,
``no_face``, ``many_faces`` (the largest is still used), ``too_small`` (the face is narrower
than ``min_face``: its crop would be upscaled, so it is not read) or ``too_dark`` (the face,
or the whole frame when no face is found, is too dark to read). ``detect_all``, for single
images, leaves out faces narrower than ``min_face`` too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np

from moodmirror.vision.blazeface import INPUT_SIZE, BlazeFace, Face, weighted_nms
from moodmirror.vision.crop import Box, face_axis

SEARCH_SIDES = (320, 160)  # a full search: the frame's longer side shrunk to each, as the model input
CANDIDATE_THRESHOLD = 0.5  # a full search's candidates, and the tracked face, need this score
SCORE_THRESHOLD = 0.64  # a candidate's mean score over the search and CONFIRM_REGIONS must reach this
MIN_PROPORTION = 0.38  # a new face's eyes-to-mouth distance over its width (0.45 for a frontal face)
CONFIRM_REGIONS = (1.8, 2.6, 3.6)  # squares around a candidate, relative to its width, shown at INPUT_SIZE
CONFIRM_NEAR = 0.3  # a confirming detection's centre lies within this fraction of the candidate's width
CONFIRM_FLOOR = 0.3  # lowest score a confirming detection is counted with
TRACK_REGION = 2.6  # side of the searched square while tracking, relative to the face's width
TRACK_INPUT = 96  # px: the tracked square as the model input (the face is about 37 px wide in it)
TRACK_BLEND = 0.6  # how far box and landmarks move towards each new detection
MIN_FACE = 40  # px: a narrower face's crop would be upscaled from under 48 px (the model input)


class Status(StrEnum):
    """What a frame shows, as far as the check-in is concerned."""

    OK = "ok"
    NO_FACE = "no_face"
    MANY_FACES = "many_faces"
    TOO_SMALL = "too_small"
    TOO_DARK = "too_dark"


@dataclass(frozen=True)
class Detection:
    """The user's face in one frame: ``box`` (x, y, w, h) and ``landmarks`` (6, 2) in frame pixels, or None.

    The landmarks follow :data:`moodmirror.vision.blazeface.KEYPOINTS` (right eye, left eye,
    nose tip, mouth, right ear, left ear; "right" is the person's right).
    """

    status: Status
    box: Box | None
    faces: int
    brightness: float
    landmarks: np.ndarray | None = None

    @property
    def usable(self) -> bool:
        """True when the face can be classified (``ok`` or ``many_faces``)."""
        return self.status in (Status.OK, Status.MANY_FACES)


def to_gray(image: np.ndarray) -> np.ndarray:
    """A grayscale view of a BGR or already-gray uint8 image."""
    import cv2

    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def as_box(face: Face) -> Box:
    """A face's box as integer (x, y, w, h) frame pixels."""
    x0, y0, x1, y1 = face.box
    return int(round(x0)), int(round(y0)), int(round(x1 - x0)), int(round(y1 - y0))


class FaceDetector:
    """Detects and tracks the user's face; one instance per video stream (it keeps the track).

    ``model`` may be shared between detectors (loading it takes a moment); by default the
    shipped model is loaded (``model_path`` names another file, for tests).
    """

    def __init__(
        self,
        model: BlazeFace | None = None,
        *,
        model_path: Path | None = None,
        redetect_every: int = 30,
        search_every: int = 3,
        min_face: int = MIN_FACE,
        dark_level: float = 35.0,
        threshold: float = SCORE_THRESHOLD,
    ) -> None:
        self.model = model or BlazeFace(model_path)
        self.redetect_every = redetect_every
        self.search_every = search_every
        self.min_face = min_face
        self.dark_level = dark_level
        self.threshold = threshold
        self.reset()

    def reset(self) -> None:
        """Forget the tracked face (a new stream starts)."""
        self._track: Face | None = None
        self._since_check = 0
        self._idle = 0
        self._faces = 0

    def search(self, image: np.ndarray) -> list[Face]:
        """Every confirmed face in a BGR or gray frame (largest first), without tracking or a size limit."""
        height, width = image.shape[:2]
        found: list[Face] = []
        for side in SEARCH_SIDES:
            f = side / max(width, height)
            size = (_multiple_of_16(width * f), _multiple_of_16(height * f))
            found += self.model.detect(image, (0.0, 0.0, size[0] / f, size[1] / f), size, CANDIDATE_THRESHOLD)
        if len(found) > 1:
            found = weighted_nms(
                np.stack([face.box for face in found]),
                np.stack([face.keypoints for face in found]),
                np.array([face.score for face in found]),
            )
        confirmed = [self._confirm(image, face) for face in found]
        return sorted(
            (face for face in confirmed if face.score >= self.threshold and _proportion(face) >= MIN_PROPORTION),
            key=lambda face: -face.width,
        )

    def _confirm(self, image: np.ndarray, candidate: Face) -> Face:
        """The candidate scored again on levelled squares of several sizes around it: its mean score.

        A real face is found at every scale; a face-like patch of texture seldom is. The box and
        landmarks are taken from the view of the tracking size, where the face is seen upright
        at the size the model likes best (the candidate's own where that view finds nothing).
        """
        scores = [candidate.score]
        centre = (candidate.box[:2] + candidate.box[2:]) / 2
        refined = candidate
        for factor in CONFIRM_REGIONS:
            near = [
                face
                for face in self._around(image, candidate, factor, INPUT_SIZE, CONFIRM_FLOOR)
                if np.linalg.norm((face.box[:2] + face.box[2:]) / 2 - centre) <= CONFIRM_NEAR * candidate.width
            ]
            best = max(near, key=lambda face: face.score, default=None)
            scores.append(0.0 if best is None else best.score)
            if factor == TRACK_REGION and best is not None:
                refined = best
        return Face(refined.box, refined.keypoints, float(np.mean(scores)))

    def _around(self, image: np.ndarray, face: Face, factor: float, size: int, threshold: float) -> list[Face]:
        """Faces in the square of ``factor`` times ``face``'s width around it, levelled by its eyes."""
        centre = (face.box[:2] + face.box[2:]) / 2
        angle = face_axis(face.keypoints)[3]
        return self.model.detect_turned(image, centre, factor * face.width, angle, size, threshold)

    def _near(self, image: np.ndarray, last: Face) -> Face | None:
        """The tracked face in the square around the last one, or None when it is gone."""
        found = self._around(image, last, TRACK_REGION, TRACK_INPUT, CANDIDATE_THRESHOLD)
        return max(found, key=lambda face: face.width) if found else None

    def detect(self, image: np.ndarray) -> Detection:
        """The user's face in a BGR or gray frame, using and updating the track."""
        if self._track is None and self._idle > 0:  # no face lately: search only now and then
            self._idle -= 1
            return self._judge(image, None)
        face = None
        if self._track is not None:
            found = self._near(image, self._track)
            face = None if found is None else _blend(self._track, found)
        if face is None:  # nothing tracked, or the face was lost: look everywhere
            faces = self.search(image)
            self._faces = len(faces)
            self._since_check = 0
            self._idle = 0 if faces else self.search_every - 1
            face = faces[0] if faces else None
        elif self._since_check >= self.redetect_every:
            self._faces = max(1, len(self.search(image)))
            self._since_check = 0
        else:
            self._since_check += 1
        self._track = face
        return self._judge(image, face)

    def detect_all(self, image: np.ndarray) -> list[Face]:
        """Every face of a single image at least ``min_face`` wide (largest first), without tracking."""
        return [face for face in self.search(image) if face.width >= self.min_face]

    def _judge(self, image: np.ndarray, face: Face | None) -> Detection:
        if face is None:
            brightness = float(to_gray(image[::4, ::4]).mean())
            status = Status.TOO_DARK if brightness < self.dark_level else Status.NO_FACE
            return Detection(status, None, 0, brightness)
        box = as_box(face)
        x, y, w, h = box
        height, width = image.shape[:2]
        patch = image[max(0, y) : min(height, y + h), max(0, x) : min(width, x + w)]
        brightness = float(to_gray(patch).mean()) if patch.size else 0.0
        if brightness < self.dark_level:
            status = Status.TOO_DARK
        elif face.width < self.min_face:
            status = Status.TOO_SMALL
        elif self._faces > 1:
            status = Status.MANY_FACES
        else:
            status = Status.OK
        return Detection(status, box, max(self._faces, 1), brightness, face.keypoints.copy())


def _blend(old: Face, new: Face) -> Face:
    """The tracked face moved ``TRACK_BLEND`` of the way to the new detection: steadier crops."""
    return Face(
        box=old.box + TRACK_BLEND * (new.box - old.box),
        keypoints=old.keypoints + TRACK_BLEND * (new.keypoints - old.keypoints),
        score=new.score,
    )


def _proportion(face: Face) -> float:
    """The eyes-to-mouth distance over the box width: a face-like texture's landmarks seldom fit."""
    return face_axis(face.keypoints)[2] / max(face.width, 1e-6)


def _multiple_of_16(value: float) -> int:
    """``value`` rounded up to a multiple of 16 (the model's coarsest stride)."""
    return max(16, int(np.ceil(value / 16)) * 16)
