"""The aligned face crop: a tilted head gives the same 48x48 crop as an upright one."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from skimage.data import astronaut

from moodmirror.vision.crop import CROP_SIZE, face_crop
from moodmirror.vision.detector import FaceDetector


@pytest.fixture(scope="module")
def detector() -> FaceDetector:
    return FaceDetector()


def turned(image: np.ndarray, angle: float) -> np.ndarray:
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)


def crop_of(detector: FaceDetector, image: np.ndarray) -> np.ndarray:
    faces = detector.detect_all(image)
    assert len(faces) == 1
    return face_crop(image, faces[0].keypoints)


def difference(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a.astype(np.float32) - b.astype(np.float32)).mean())


@pytest.mark.parametrize("angle", [25.0, -25.0, 12.0])
def test_the_crop_of_a_tilted_face_matches_the_upright_crop(detector: FaceDetector, angle: float) -> None:
    image = cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR)
    upright = crop_of(detector, image)
    tilted = crop_of(detector, turned(image, angle))
    assert tilted.shape == upright.shape == (CROP_SIZE, CROP_SIZE)
    assert difference(tilted, upright) < 10  # out of 255: resampling and landmark jitter only
    # without levelling, the same square is far off: the check can tell the two apart
    unlevelled = turned(upright, angle)
    assert difference(unlevelled, upright) > 2 * difference(tilted, upright)


def test_the_crop_is_a_gray_48x48_square_even_at_the_frame_edge(detector: FaceDetector) -> None:
    image = cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR)
    landmarks = detector.detect_all(image)[0].keypoints
    assert face_crop(image, landmarks).shape == (CROP_SIZE, CROP_SIZE)
    shifted = landmarks - landmarks.min(axis=0)  # the face hangs over the top-left corner
    crop = face_crop(image, shifted)
    assert crop.shape == (CROP_SIZE, CROP_SIZE) and crop.dtype == np.uint8
    outside = landmarks + 2000.0
    assert face_crop(image, outside).shape == (CROP_SIZE, CROP_SIZE)


def test_bgr_and_gray_frames_give_the_same_crop(detector: FaceDetector) -> None:
    image = cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR)
    landmarks = detector.detect_all(image)[0].keypoints
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    assert difference(face_crop(image, landmarks), face_crop(gray, landmarks)) < 1.0
