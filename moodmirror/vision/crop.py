"""Cutting the model's input out of a frame: a 48x48 square framed and levelled by the face's landmarks.

The square is turned so the eyes are level (a tilted head gives the same crop as an upright
one) and framed from two landmarks that do not depend on the detector's box: ``d``, the
distance from the midpoint of the eyes to the mouth, sets the side (``FRAME_SCALE`` x ``d``)
and the centre lies ``FRAME_SHIFT`` x ``d`` below the eyes' midpoint, along the face's own
vertical axis. Parts of the square outside the frame repeat the edge pixels. A large face is
first shrunk by a whole factor with area averaging, turned at twice the output size and
shrunk again, so the rotation does not alias.

The framing matches the FER2013 training crops, measured end to end with the emotion model
of the time (before its webcam fine-tuning, which kept the training crops): FER2013Valid faces (majority-vote labels) enlarged 4x into 640x480 frames,
found by the detector, aligned and cropped with each framing
(``tests/benchmarks/bench_vision.py`` prints this table). Accuracy on the original 48x48
crops: 87.2 %; through detector, alignment and crop (2,934 of the 3,370 faces found, fewer
than among ``bench_real_world.py``'s frames, so the streaky replicated border around these
enlarged crops seems to be part of the cause; the faces read are a little easier than the
average):

    FRAME_SCALE \\ FRAME_SHIFT   0.10    0.20    0.30    0.40
              2.0              82.2 %  85.2 %  85.8 %  86.1 %
              2.2              85.4 %  86.2 %  87.2 %  86.9 %
              2.4              86.6 %  87.3 %  88.0 %  87.2 %
              2.6              87.1 %  87.4 %  87.8 %  87.8 %
              2.8              86.9 %  87.1 %  86.9 %  87.5 %

Earlier runs with wider framings (on a first version of the detector, which found 3,188 of
the faces) fell off steadily beyond: 85.0-85.3 % at 3.2, 83.2-83.4 % at 3.5, 79.9-81.4 % at
3.8; at 2.6, a shift of 0.5 gave 0.5 points less than 0.4.

``FRAME_SCALE`` = 2.6 and ``FRAME_SHIFT`` = 0.3 sit in the middle of the plateau from 2.4 to
2.8 and 0.3 to 0.4 (within 0.2 points of the best cell, and the best in the first run):
about forehead to chin, like the training images. The side is then about 1.2 times the
detector box's width (``CROP_SCALE``), so a face box narrower than 40 px would give a crop
under 48 px (``detector.MIN_FACE``).
"""

from __future__ import annotations

import math

import numpy as np

FRAME_SCALE = 2.6
FRAME_SHIFT = 0.3
CROP_SCALE = 1.2
"""The crop's side relative to the detector box's width: ``FRAME_SCALE`` times the eyes-to-mouth
distance, which is a median 0.45 box widths on FER2013Valid faces (quoted by the model card)."""
CROP_SIZE = 48
SUPERSAMPLE = 2  # the crop is turned at this multiple of its size, then shrunk

Box = tuple[int, int, int, int]


def face_axis(landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray, float, float]:
    """(eyes' midpoint, the face's downward unit vector, eyes-to-mouth distance, eye-line angle in radians)."""
    right_eye, left_eye, mouth = landmarks[0], landmarks[1], landmarks[3]
    eyes = (right_eye + left_eye) / 2
    dx, dy = left_eye - right_eye  # the person's right eye is on the image's left
    angle = math.atan2(dy, dx)
    down = np.array([-math.sin(angle), math.cos(angle)])
    return eyes, down, max(float(np.dot(mouth - eyes, down)), 1.0), angle


def face_frame(
    landmarks: np.ndarray, scale: float = FRAME_SCALE, shift: float = FRAME_SHIFT
) -> tuple[np.ndarray, float, float]:
    """(centre (2,), side, angle in radians) of the crop square for six BlazeFace landmarks."""
    eyes, down, d, angle = face_axis(landmarks)
    return eyes + shift * d * down, scale * d, angle


def square_view(
    image: np.ndarray, centre: np.ndarray, side: float, angle: float, size: int, supersample: int = SUPERSAMPLE
) -> np.ndarray:
    """The square of ``side`` px about ``centre``, turned by ``angle`` (radians) to level, as ``size`` x ``size``.

    BGR in, BGR out (gray in, gray out). Parts outside the frame repeat the edge pixels; a
    large square is first shrunk by a whole factor with area averaging to between one and two
    times ``supersample`` times ``size`` and turned there (then shrunk again), so the result
    does not alias.
    """
    import cv2

    reach = side * math.sqrt(0.5) + 2  # half the diagonal: the turned square lies inside
    height, width = image.shape[:2]
    x0, y0 = min(width - 1, max(0, int(centre[0] - reach))), min(height - 1, max(0, int(centre[1] - reach)))
    x1, y1 = max(x0 + 1, min(width, int(centre[0] + reach) + 1)), max(y0 + 1, min(height, int(centre[1] + reach) + 1))
    patch = image[y0:y1, x0:x1]
    out = size * supersample
    shrink = int(side / out)  # a whole factor: OpenCV's fast path for area averaging
    if shrink >= 2:
        h, w = patch.shape[0] // shrink, patch.shape[1] // shrink
        if h and w:
            patch = cv2.resize(patch[: h * shrink, : w * shrink], (w, h), interpolation=cv2.INTER_AREA)
        else:
            shrink = 1
    shrink = max(shrink, 1)
    k = out * shrink / side  # patch pixels to output pixels
    cos, sin = math.cos(angle) * k, math.sin(angle) * k
    cx, cy = (centre[0] - x0 - (shrink - 1) / 2) / shrink, (centre[1] - y0 - (shrink - 1) / 2) / shrink
    matrix = np.array(
        [
            [cos, sin, out / 2 - cos * cx - sin * cy],
            [-sin, cos, out / 2 + sin * cx - cos * cy],
        ]
    )
    turned = cv2.warpAffine(patch, matrix, (out, out), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return turned if supersample == 1 else cv2.resize(turned, (size, size), interpolation=cv2.INTER_AREA)


def face_crop(
    image: np.ndarray,
    landmarks: np.ndarray,
    scale: float = FRAME_SCALE,
    shift: float = FRAME_SHIFT,
    size: int = CROP_SIZE,
) -> np.ndarray:
    """The ``size`` x ``size`` gray uint8 crop of a BGR or gray frame, eyes level, framed by the landmarks (6, 2)."""
    import cv2

    centre, side, angle = face_frame(landmarks, scale, shift)
    view = square_view(image, centre, side, angle, size)
    return view if view.ndim == 2 else cv2.cvtColor(view, cv2.COLOR_BGR2GRAY)
