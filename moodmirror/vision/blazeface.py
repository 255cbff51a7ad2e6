"""MediaPipe's BlazeFace short-range face detector on ONNX Runtime: letterboxing, anchors, decoding, NMS.

The shipped ``models/face_detector.onnx`` (converted once from the tflite model in the
``mediapipe`` 0.10.14 wheel; see ``models/FACE_DETECTOR_CARD.md``) takes ``input``: float32
(1, H, W, 3) RGB scaled to [-1, 1] (trained at 128x128; the network is fully convolutional,
so any H and W that are multiples of 16 work, and a wider input finds smaller faces), and
returns, for each anchor, ``regressors`` (16 numbers: box centre offset and size, then six
keypoints, all in input pixels relative to the anchor centre) and ``classificators`` (a
score logit). The anchors are MediaPipe's SSD layout for this model: a grid of stride 8 with
2 anchors per cell and one of stride 16 with 6 (16x16 and 8x8 at 128x128: 896 anchors),
each centred on its cell. Scores are passed through a sigmoid; overlapping
boxes (IoU above ``NMS_IOU``) are merged by a score-weighted average of their boxes and
keypoints, as MediaPipe does. Before loading, the file's SHA-256 is checked against the card
exactly as for the emotion model.

The model sees the frame in one of two ways, and the detections are mapped back into frame
pixels: :meth:`BlazeFace.detect` *letterboxes* a frame-aligned region (the whole frame, for a
full search) into an input of the same aspect ratio (parts outside the frame are black;
shrunk with area averaging); :meth:`BlazeFace.detect_turned` shows a square around a known
face, turned so its eyes are level (``crop.square_view``), so a tilted head is seen upright.
Measured against the tflite original, the converted model differs by at most 2.6e-4 in the
score logits (the card has the check).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moodmirror.errors import ModelError
from moodmirror.resources import MODELS_DIR
from moodmirror.vision.classifier import verified_session
from moodmirror.vision.crop import square_view

MODEL_FILE = "face_detector.onnx"
CARD_FILE = "FACE_DETECTOR_CARD.md"
INPUT_NAME = "input"
OUTPUT_NAMES = ("regressors", "classificators")
INPUT_SIZE = 128
NMS_IOU = 0.3
STRIDES = ((8, 2), (16, 6))  # (stride in input pixels, anchors per cell) of the two output grids
LOGIT_LIMIT = 100.0
KEYPOINTS = ("right_eye", "left_eye", "nose", "mouth", "right_ear", "left_ear")
"""The six keypoints in model order; "right" is the person's right (the image's left)."""

Region = tuple[float, float, float, float]


@dataclass(frozen=True)
class Face:
    """One detected face in frame pixels: ``box`` (x0, y0, x1, y1), ``keypoints`` (6, 2) x/y, ``score``."""

    box: np.ndarray
    keypoints: np.ndarray
    score: float

    @property
    def width(self) -> float:
        return float(self.box[2] - self.box[0])


def anchors(height: int, width: int) -> np.ndarray:
    """The anchor centres (A, 2) in input pixels for an input of ``height`` x ``width``, in output order."""
    centres = []
    for stride, per_cell in STRIDES:
        ys, xs = np.mgrid[0 : height // stride, 0 : width // stride]
        cells = np.stack([xs.ravel() + 0.5, ys.ravel() + 0.5], axis=1) * stride
        centres.append(np.repeat(cells, per_cell, axis=0))
    return np.concatenate(centres).astype(np.float32)


def decode(regressors: np.ndarray, logits: np.ndarray, centres: np.ndarray, threshold: float) -> list[Face]:
    """Faces (in input pixels) from one image's raw outputs, merged by weighted NMS."""
    logits = np.clip(logits.reshape(-1), -LOGIT_LIMIT, LOGIT_LIMIT)
    keep = np.flatnonzero(logits >= np.log(threshold / (1.0 - threshold)))
    if keep.size == 0:
        return []
    scores = 1.0 / (1.0 + np.exp(-logits[keep]))
    raw = regressors.reshape(-1, 16)[keep]
    centre = centres[keep]
    cxcy = raw[:, 0:2] + centre
    half = raw[:, 2:4] / 2
    boxes = np.concatenate([cxcy - half, cxcy + half], axis=1)
    keypoints = raw[:, 4:].reshape(-1, 6, 2) + centre[:, None, :]
    return weighted_nms(boxes, keypoints, scores)


def iou(box: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Intersection over union of one (x0, y0, x1, y1) box with each of ``boxes``."""
    lo = np.maximum(box[:2], boxes[:, :2])
    hi = np.minimum(box[2:], boxes[:, 2:])
    inter = np.prod(np.clip(hi - lo, 0, None), axis=1)
    area = np.prod(box[2:] - box[:2])
    areas = np.prod(boxes[:, 2:] - boxes[:, :2], axis=1)
    return inter / np.maximum(area + areas - inter, 1e-9)


def weighted_nms(boxes: np.ndarray, keypoints: np.ndarray, scores: np.ndarray) -> list[Face]:
    """Clusters of overlapping detections, each merged into one face by a score-weighted mean."""
    order = np.argsort(-scores)
    boxes, keypoints, scores = boxes[order], keypoints[order], scores[order]
    left = np.ones(len(scores), bool)
    faces = []
    for i in range(len(scores)):
        if not left[i]:
            continue
        group = left & (iou(boxes[i], boxes) > NMS_IOU)
        group[i] = True
        left &= ~group
        w = scores[group][:, None]
        faces.append(
            Face(
                box=(boxes[group] * w).sum(axis=0) / w.sum(),
                keypoints=(keypoints[group] * w[:, :, None]).sum(axis=0) / w.sum(),
                score=float(scores[i]),
            )
        )
    return faces


class BlazeFace:
    """The face detector model, verified against its card; ``threads`` as for the classifier."""

    def __init__(self, model_path: Path | None = None, threads: int = 1) -> None:
        path = Path(model_path) if model_path is not None else MODELS_DIR / MODEL_FILE
        self._session, _ = verified_session(path, path.with_name(CARD_FILE), "The face detector", "its card", threads)
        if [i.name for i in self._session.get_inputs()] != [INPUT_NAME] or tuple(
            o.name for o in self._session.get_outputs()
        ) != OUTPUT_NAMES:
            raise ModelError(f"The face detector {path} has unexpected inputs or outputs.")
        self._anchors: dict[tuple[int, int], np.ndarray] = {}

    def detect(self, image: np.ndarray, region: Region, size: tuple[int, int], threshold: float) -> list[Face]:
        """Faces in ``region`` (x0, y0, w, h) of a BGR or gray frame, shown to the model at ``size``.

        ``size`` (width, height) must be multiples of 16 with the region's aspect ratio; the
        faces come back in frame pixels.
        """
        tensor = letterbox(image, region, size)
        key = tensor.shape[1:3]
        if key not in self._anchors:
            self._anchors[key] = anchors(*key)
        regressors, logits = self._session.run(list(OUTPUT_NAMES), {INPUT_NAME: tensor})
        f = region[2] / size[0]
        offset = np.array(region[:2], np.float32)
        return [
            Face(box=face.box * f + np.tile(offset, 2), keypoints=face.keypoints * f + offset, score=face.score)
            for face in decode(regressors[0], logits[0], self._anchors[key], threshold)
        ]

    def detect_turned(
        self, image: np.ndarray, centre: np.ndarray, side: float, angle: float, size: int, threshold: float
    ) -> list[Face]:
        """Faces in the square of ``side`` px about ``centre``, turned by ``angle`` (radians) to level.

        The square is shown to the model at ``size`` x ``size`` (a multiple of 16), so a tilted
        head is seen upright; the landmarks come back in frame pixels, the box as the
        frame-aligned box of the same centre and size.
        """
        import cv2

        view = square_view(image, centre, side, angle, size, supersample=1)
        rgb = cv2.cvtColor(view, cv2.COLOR_GRAY2RGB if view.ndim == 2 else cv2.COLOR_BGR2RGB)
        tensor = rgb[None].astype(np.float32) * np.float32(2.0 / 255.0) - np.float32(1.0)
        key = (size, size)
        if key not in self._anchors:
            self._anchors[key] = anchors(*key)
        regressors, logits = self._session.run(list(OUTPUT_NAMES), {INPUT_NAME: tensor})
        f = side / size
        cos, sin = np.cos(angle) * f, np.sin(angle) * f
        back = np.array([[cos, -sin], [sin, cos]])  # view pixels about the centre -> frame pixels

        def to_frame(points: np.ndarray) -> np.ndarray:
            return (points - size / 2) @ back.T + centre

        faces = []
        for face in decode(regressors[0], logits[0], self._anchors[key], threshold):
            middle = to_frame((face.box[:2] + face.box[2:]) / 2)
            half = (face.box[2:] - face.box[:2]) * f / 2
            faces.append(Face(np.concatenate([middle - half, middle + half]), to_frame(face.keypoints), face.score))
        return faces


def letterbox(image: np.ndarray, region: Region, size: tuple[int, int]) -> np.ndarray:
    """``region`` (x0, y0, w, h) of a BGR or gray frame as the model's (1, H, W, 3) input tensor."""
    import cv2

    x0, y0, w, h = region
    width, height = size
    f = width / w
    frame_h, frame_w = image.shape[:2]
    cx0, cy0 = max(0, int(np.floor(x0))), max(0, int(np.floor(y0)))
    cx1, cy1 = min(frame_w, int(np.ceil(x0 + w))), min(frame_h, int(np.ceil(y0 + h)))
    canvas = np.zeros((height, width, 3), np.uint8)
    if cx1 > cx0 and cy1 > cy0:
        px0 = min(width - 1, max(0, int(round((cx0 - x0) * f))))
        py0 = min(height - 1, max(0, int(round((cy0 - y0) * f))))
        pw = min(width - px0, max(1, int(round((cx1 - cx0) * f))))
        ph = min(height - py0, max(1, int(round((cy1 - cy0) * f))))
        interpolation = cv2.INTER_AREA if f < 1 else cv2.INTER_LINEAR
        patch = cv2.resize(image[cy0:cy1, cx0:cx1], (pw, ph), interpolation=interpolation)
        canvas[py0 : py0 + ph, px0 : px0 + pw] = cv2.cvtColor(
            patch, cv2.COLOR_GRAY2RGB if patch.ndim == 2 else cv2.COLOR_BGR2RGB
        )
    return canvas[None].astype(np.float32) * np.float32(2.0 / 255.0) - np.float32(1.0)
