"""Face detection: the user's face, the no-face / many-faces / too-small / too-dark cases, recall."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from skimage.data import astronaut

from moodmirror.vision.crop import CROP_SIZE, face_crop
from moodmirror.vision.demo import draw_face
from moodmirror.vision.detector import FaceDetector, Status
from lfw_recall import lfw_recall


def astronaut_face(side: int) -> np.ndarray:
    """The astronaut's head and shoulders region, resized so the face is about ``side`` px."""
    bgr = cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR)
    region = bgr[20:230, 120:330]  # the face (173, 64, 101, 101) with context around it
    scale = side / 101
    return cv2.resize(region, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def frame_with(faces: list[tuple[int, int, int]], shade: int = 128) -> np.ndarray:
    """A 640x480 frame with astronaut faces of (side, x, y) pasted in."""
    frame = np.full((480, 640, 3), shade, np.uint8)
    for side, x, y in faces:
        patch = astronaut_face(side)
        h, w = patch.shape[:2]
        frame[y : y + h, x : x + w] = patch
    return frame


def test_one_face_is_found_where_it_is() -> None:
    detection = FaceDetector().detect(frame_with([(120, 200, 100)]))
    assert detection.status is Status.OK
    assert detection.usable and detection.box is not None
    x, y, w, h = detection.box
    # the face sits at (173-120, 64-20) * scale inside the pasted region
    scale = 120 / 101
    assert abs(x - (200 + 53 * scale)) < 15 and abs(y - (100 + 44 * scale)) < 15
    assert 100 < w < 145


def test_empty_frame_has_no_face() -> None:
    detection = FaceDetector().detect(np.full((480, 640, 3), 128, np.uint8))
    assert detection.status is Status.NO_FACE
    assert detection.box is None and not detection.usable


def test_two_faces_report_many_and_pick_the_largest() -> None:
    detection = FaceDetector().detect(frame_with([(90, 20, 120), (140, 330, 60)]))
    assert detection.status is Status.MANY_FACES
    assert detection.faces == 2
    assert detection.usable and detection.box is not None
    assert detection.box[0] > 330 and detection.box[2] > 120


def test_black_frame_is_too_dark() -> None:
    detection = FaceDetector().detect(np.zeros((480, 640, 3), np.uint8))
    assert detection.status is Status.TOO_DARK
    assert not detection.usable


def test_dim_face_is_too_dark() -> None:
    dim = (frame_with([(120, 200, 100)], shade=20).astype(np.float32) * 0.15).astype(np.uint8)
    detection = FaceDetector().detect(dim)
    assert detection.status is Status.TOO_DARK


def test_distant_face_is_too_small() -> None:
    detection = FaceDetector().detect(frame_with([(50, 300, 200)]))
    assert detection.status is Status.TOO_SMALL
    assert detection.box is not None and detection.box[2] < 64
    assert not detection.usable


def test_tracking_follows_a_moving_face() -> None:
    detector = FaceDetector(redetect_every=1000)
    scale = 120 / 101
    for dx in range(0, 60, 6):
        box = detector.detect(frame_with([(120, 150 + dx, 100)])).box
        assert box is not None
        true_centre = 150 + dx + (173 - 120 + 50) * scale
        assert abs(box[0] + box[2] / 2 - true_centre) < 15, dx
        assert 100 < box[2] < 145


def test_face_leaving_the_frame_is_noticed_while_tracking() -> None:
    detector = FaceDetector(redetect_every=1000)
    assert detector.detect(frame_with([(120, 200, 100)])).status is Status.OK
    assert detector.detect(np.full((480, 640, 3), 128, np.uint8)).status is Status.NO_FACE


def test_demo_face_is_found_in_every_expression() -> None:
    detector = FaceDetector()
    for t in np.arange(0.0, 8.0, 0.5):
        detector.reset()
        assert detector.detect(draw_face((640, 480), float(t))).status is Status.OK, t


def test_detect_all_finds_the_astronaut_once() -> None:
    boxes = FaceDetector().detect_all(cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR))
    assert len(boxes) == 1


def test_crop_is_48x48_and_handles_the_frame_edge() -> None:
    gray = np.arange(100 * 100, dtype=np.uint32).reshape(100, 100).astype(np.uint8)
    assert face_crop(gray, (30, 30, 40, 40)).shape == (CROP_SIZE, CROP_SIZE)
    assert face_crop(gray, (-10, 80, 40, 40)).shape == (CROP_SIZE, CROP_SIZE)


@pytest.mark.slow
def test_lfw_recall_meets_the_target() -> None:
    result = lfw_recall()
    assert result.recall >= 0.97
    assert result.false_alarms == 0


def test_a_second_person_is_noticed_while_tracking() -> None:
    detector = FaceDetector(redetect_every=3)
    assert detector.detect(frame_with([(140, 330, 60)])).status is Status.OK
    both = frame_with([(90, 20, 120), (140, 330, 60)])
    statuses = [detector.detect(both).status for _ in range(5)]
    assert Status.MANY_FACES in statuses
    assert statuses[-1] is Status.MANY_FACES


def test_an_empty_room_is_searched_every_few_frames_only() -> None:
    detector = FaceDetector(search_every=3)
    assert detector.detect(np.full((480, 640, 3), 128, np.uint8)).status is Status.NO_FACE
    face = frame_with([(120, 200, 100)])
    assert [detector.detect(face).status for _ in range(3)] == [Status.NO_FACE, Status.NO_FACE, Status.OK]
    assert detector.detect(face).status is Status.OK  # tracked from now on


def test_darkness_is_reported_even_between_searches() -> None:
    detector = FaceDetector(search_every=3)
    detector.detect(np.full((480, 640, 3), 128, np.uint8))
    assert detector.detect(np.zeros((480, 640, 3), np.uint8)).status is Status.TOO_DARK
