"""Face detection: BlazeFace finds faces upright and tilted, with landmarks; statuses, tracking, model file checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest
import skimage.data
from lfw_recall import lfw_recall
from skimage.data import astronaut

from moodmirror.errors import ModelError
from moodmirror.resources import MODELS_DIR
from moodmirror.vision.blazeface import CARD_FILE, MODEL_FILE
from moodmirror.vision.demo import draw_face
from moodmirror.vision.detector import FaceDetector, Status, as_box

ASTRONAUT_FACE = (175, 75, 101, 101)  # the face in skimage.data.astronaut(), (x, y, w, h)


@pytest.fixture(scope="module")
def detector() -> FaceDetector:
    return FaceDetector()


def astronaut_bgr() -> np.ndarray:
    return cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR)


def turned(image: np.ndarray, angle: float) -> tuple[np.ndarray, np.ndarray]:
    """``image`` turned by ``angle`` degrees (counter-clockwise) about its centre, and the matrix."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE), matrix


def astronaut_face(side: int) -> np.ndarray:
    """The astronaut's head and shoulders region, resized so the face is about ``side`` px."""
    region = astronaut_bgr()[20:230, 120:330]
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


def assert_landmarks_in_order(landmarks: np.ndarray, box: tuple[int, int, int, int], angle: float = 0.0) -> None:
    """Eyes above nose above mouth (in the face's own upright frame), right eye on the image's left."""
    x, y, w, h = box
    eyes_and_mouth = landmarks[:4]
    assert np.all(eyes_and_mouth[:, 0] >= x) and np.all(eyes_and_mouth[:, 0] <= x + w)
    assert np.all(eyes_and_mouth[:, 1] >= y) and np.all(eyes_and_mouth[:, 1] <= y + h)
    t = np.deg2rad(angle)  # undo a counter-clockwise turn of the image
    upright = landmarks @ np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]]).T
    right_eye, left_eye, nose, mouth = upright[:4]
    assert right_eye[0] < nose[0] < left_eye[0]
    assert max(right_eye[1], left_eye[1]) < nose[1] < mouth[1]


def test_the_astronaut_is_found_once_with_landmarks_in_order(detector: FaceDetector) -> None:
    faces = detector.detect_all(astronaut_bgr())
    assert len(faces) == 1
    x, y, w, _ = as_box(faces[0])
    assert abs(x - ASTRONAUT_FACE[0]) < 12 and abs(y - ASTRONAUT_FACE[1]) < 12 and abs(w - ASTRONAUT_FACE[2]) < 15
    assert_landmarks_in_order(faces[0].keypoints, as_box(faces[0]))


@pytest.mark.parametrize("angle", [25.0, -25.0])
def test_the_astronaut_is_found_turned_by_25_degrees(detector: FaceDetector, angle: float) -> None:
    image, matrix = turned(astronaut_bgr(), angle)
    faces = detector.detect_all(image)
    assert len(faces) == 1
    x, y, w, h = ASTRONAUT_FACE
    cx, cy = matrix @ np.array([x + w / 2, y + h / 2, 1.0])
    box = as_box(faces[0])
    assert abs(box[0] + box[2] / 2 - cx) < 15 and abs(box[1] + box[3] / 2 - cy) < 15
    assert_landmarks_in_order(faces[0].keypoints, box, angle)


@pytest.mark.parametrize("angle", [0.0, 25.0, -25.0])
def test_lfw_faces_are_found_upright_and_turned(angle: float) -> None:
    result = lfw_recall(angle=angle)
    assert result.recall >= (0.97 if angle == 0 else 0.95)
    assert result.false_alarms == 0


@pytest.mark.parametrize("name", ["brick", "grass", "gravel", "page", "text", "moon", "rocket", "coffee", "clock"])
def test_nothing_is_found_on_face_free_images(detector: FaceDetector, name: str) -> None:
    image = getattr(skimage.data, name)()
    image = cv2.cvtColor(image, cv2.COLOR_RGB2BGR) if image.ndim == 3 else image
    frame = cv2.resize(image, (640, 480), interpolation=cv2.INTER_AREA)
    assert detector.detect_all(frame) == []
    assert detector.detect_all(turned(frame, 25.0)[0]) == []


def test_one_face_is_found_where_it_is() -> None:
    detection = FaceDetector().detect(frame_with([(120, 200, 100)]))
    assert detection.status is Status.OK
    assert detection.usable and detection.box is not None and detection.landmarks is not None
    x, y, w, _ = detection.box
    scale = 120 / 101  # the face sits at about (175-120, 75-20) * scale inside the pasted region
    assert abs(x - (200 + 55 * scale)) < 15 and abs(y - (100 + 55 * scale)) < 15
    assert 100 < w < 145
    assert_landmarks_in_order(detection.landmarks, detection.box)


def test_empty_frame_has_no_face() -> None:
    detection = FaceDetector().detect(np.full((480, 640, 3), 128, np.uint8))
    assert detection.status is Status.NO_FACE
    assert detection.box is None and detection.landmarks is None and not detection.usable


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


def test_a_user_walking_away_becomes_too_small_and_is_not_read() -> None:
    detector = FaceDetector(redetect_every=1000)
    statuses = [detector.detect(frame_with([(side, 300, 200)])).status for side in (100, 80, 64, 52, 44, 38, 34)]
    assert statuses[0] is Status.OK
    assert statuses[-1] is Status.TOO_SMALL
    detection = detector.detect(frame_with([(34, 300, 200)]))
    assert detection.box is not None and detection.box[2] < detector.min_face and not detection.usable


def test_a_single_image_leaves_out_faces_too_small_to_read(detector: FaceDetector) -> None:
    frame = frame_with([(140, 330, 60)])
    assert len(detector.detect_all(frame)) == 1
    assert FaceDetector(detector.model, min_face=200).detect_all(frame) == []


def test_tracking_follows_a_moving_face() -> None:
    detector = FaceDetector(redetect_every=1000)
    scale = 120 / 101
    for dx in range(0, 60, 6):
        detection = detector.detect(frame_with([(120, 150 + dx, 100)]))
        assert detection.box is not None and detection.landmarks is not None
        box = detection.box
        true_centre = 150 + dx + (175 - 120 + 50) * scale
        assert abs(box[0] + box[2] / 2 - true_centre) < 15, dx
        assert 100 < box[2] < 145
        assert_landmarks_in_order(detection.landmarks, box)


def test_tracking_follows_a_tilting_head() -> None:
    detector = FaceDetector(redetect_every=1000)
    frame = frame_with([(140, 200, 80)])
    for angle in range(0, 31, 5):
        detection = detector.detect(turned(frame, float(angle))[0])
        assert detection.usable and detection.landmarks is not None, angle
    right_eye, left_eye = detection.landmarks[:2]
    tilt = np.degrees(np.arctan2(left_eye[1] - right_eye[1], left_eye[0] - right_eye[0]))
    assert -35 < tilt < -15  # a counter-clockwise turn raises the left eye (the image's right)


def test_face_leaving_the_frame_is_noticed_while_tracking() -> None:
    detector = FaceDetector(redetect_every=1000)
    assert detector.detect(frame_with([(120, 200, 100)])).status is Status.OK
    assert detector.detect(np.full((480, 640, 3), 128, np.uint8)).status is Status.NO_FACE


def test_demo_face_is_found_in_every_expression() -> None:
    detector = FaceDetector()
    for t in np.arange(0.0, 8.0, 0.5):
        detector.reset()
        assert detector.detect(draw_face((640, 480), float(t))).status is Status.OK, t


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


def copied_model(tmp_path: Path) -> Path:
    for name in (MODEL_FILE, CARD_FILE):
        shutil.copy(MODELS_DIR / name, tmp_path / name)
    return tmp_path / MODEL_FILE


def test_a_missing_detector_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = copied_model(tmp_path)
    path.unlink()
    with pytest.raises(ModelError, match="face detector .* missing"):
        FaceDetector(model_path=path)


def test_a_damaged_detector_file_is_refused(tmp_path: Path) -> None:
    path = copied_model(tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match its card"):
        FaceDetector(model_path=path)


def test_a_detector_without_its_card_is_refused(tmp_path: Path) -> None:
    path = copied_model(tmp_path)
    (tmp_path / CARD_FILE).unlink()
    with pytest.raises(ModelError, match="cannot be read"):
        FaceDetector(model_path=path)
