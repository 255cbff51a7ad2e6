"""The emotion classifier: the shipped model's contract, and clear errors for a bad model file."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest
from skimage.data import astronaut

from moodmirror.emotions import EMOTIONS
from moodmirror.errors import ModelError, MoodMirrorError
from moodmirror.resources import MODELS_DIR
from moodmirror.vision import EmotionClassifier
from moodmirror.vision.crop import face_crop
from moodmirror.vision.detector import FaceDetector


@pytest.fixture(scope="module")
def classifier() -> EmotionClassifier:
    return EmotionClassifier()


def astronaut_crop() -> np.ndarray:
    image = cv2.cvtColor(astronaut(), cv2.COLOR_RGB2BGR)
    return face_crop(image, FaceDetector().detect_all(image)[0].keypoints)


def test_labels_and_model_id(classifier: EmotionClassifier) -> None:
    assert classifier.labels == EMOTIONS
    sha = hashlib.sha256((MODELS_DIR / "emotion.onnx").read_bytes()).hexdigest()
    assert classifier.model_id == f"emotion-{sha[:12]}"


@pytest.mark.parametrize("size", [48, 25, 120])
def test_predict_any_crop_size_gives_probabilities(classifier: EmotionClassifier, size: int) -> None:
    rng = np.random.default_rng(size)
    crops = rng.integers(0, 256, (3, size, size), dtype=np.uint8)
    probs = classifier.predict(crops)
    assert probs.shape == (3, len(EMOTIONS))
    assert probs.dtype == np.float32
    assert np.all(probs >= 0)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)


def test_empty_batch(classifier: EmotionClassifier) -> None:
    assert classifier.predict(np.zeros((0, 48, 48), np.uint8)).shape == (0, len(EMOTIONS))


def test_rejects_wrong_input(classifier: EmotionClassifier) -> None:
    with pytest.raises(ValueError):
        classifier.predict(np.zeros((48, 48), np.uint8))
    with pytest.raises(ValueError):
        classifier.predict(np.zeros((1, 48, 48), np.float32))


def test_mirrored_face_gives_a_similar_answer(classifier: EmotionClassifier) -> None:
    crop = astronaut_crop()
    probs = classifier.predict(np.stack([crop, crop[:, ::-1]]))
    assert np.abs(probs[0] - probs[1]).max() < 0.1
    assert probs[0].argmax() == probs[1].argmax()


def test_same_crop_same_answer_in_any_batch(classifier: EmotionClassifier) -> None:
    crop = astronaut_crop()
    alone = classifier.predict(crop[None])[0]
    rng = np.random.default_rng(0)
    batch = np.concatenate([rng.integers(0, 256, (4, 48, 48), dtype=np.uint8), crop[None]])
    np.testing.assert_allclose(classifier.predict(batch)[-1], alone, atol=1e-5)


def _copy_model(tmp_path: Path) -> Path:
    for name in ("emotion.onnx", "MODEL_CARD.md"):
        shutil.copy(MODELS_DIR / name, tmp_path / name)
    return tmp_path / "emotion.onnx"


def test_loads_a_verified_copy(tmp_path: Path) -> None:
    model = _copy_model(tmp_path)
    assert EmotionClassifier(model).labels == EMOTIONS


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        EmotionClassifier(tmp_path / "emotion.onnx")


def test_missing_card_is_a_clear_error(tmp_path: Path) -> None:
    model = _copy_model(tmp_path)
    (tmp_path / "MODEL_CARD.md").unlink()
    with pytest.raises(ModelError, match="model card"):
        EmotionClassifier(model)


def test_corrupt_model_is_refused(tmp_path: Path) -> None:
    model = _copy_model(tmp_path)
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match its model card"):
        EmotionClassifier(model)


def test_garbage_model_matching_its_card_is_a_clear_error(tmp_path: Path) -> None:
    model = tmp_path / "emotion.onnx"
    model.write_bytes(b"this is not an onnx model")
    sha = hashlib.sha256(model.read_bytes()).hexdigest()
    (tmp_path / "MODEL_CARD.md").write_text(f"# card\n\n- **sha256**: `{sha}`\n")
    with pytest.raises(ModelError, match="damaged") as info:
        EmotionClassifier(model)
    assert isinstance(info.value, MoodMirrorError)


def test_card_without_sha_line_is_refused(tmp_path: Path) -> None:
    model = _copy_model(tmp_path)
    (tmp_path / "MODEL_CARD.md").write_text("# a card that lost its checksum\n")
    with pytest.raises(ModelError, match="no sha256"):
        EmotionClassifier(model)
