"""The emotion classifier: the shipped ONNX model, verified against its model card, on ONNX Runtime.

The model takes ``image``: float32 (N, 1, 48, 48) in [0, 1] and returns ``probabilities``:
float32 (N, 7) in :data:`moodmirror.emotions.EMOTIONS` order (normalisation is inside the graph).
Before loading, the file's SHA-256 is checked against the line ``- **sha256**: `<hex>` `` of
the ``MODEL_CARD.md`` beside it, so a damaged or swapped model is refused, never silently used.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from moodmirror.emotions import EMOTIONS
from moodmirror.errors import ModelError
from moodmirror.resources import MODELS_DIR

MODEL_FILE = "emotion.onnx"
CARD_FILE = "MODEL_CARD.md"
INPUT_NAME = "image"
OUTPUT_NAME = "probabilities"
INPUT_SIZE = 48
_SHA_LINE = re.compile(r"^- \*\*sha256\*\*: `([0-9a-f]{64})`\s*$", re.MULTILINE)


def card_sha256(card: Path) -> str:
    """The SHA-256 recorded in a model card (raises :class:`ModelError` when absent)."""
    try:
        text = card.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"The model card {card} cannot be read; reinstall MoodMirror.") from exc
    match = _SHA_LINE.search(text)
    if match is None:
        raise ModelError(f"The model card {card} has no sha256 line; reinstall MoodMirror.")
    return match.group(1)


def verified_session(path: Path, card: Path, what: str, card_words: str, threads: int = 1) -> tuple[Any, str]:
    """An ONNX Runtime CPU session for the model file at ``path`` and its SHA-256, after checking
    the file against the sha256 line of ``card``; ``what`` and ``card_words`` name them in errors."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"{what} {path} is missing or unreadable; reinstall MoodMirror.") from exc
    sha = hashlib.sha256(data).hexdigest()
    if sha != card_sha256(card):
        raise ModelError(f"{what} {path} does not match {card_words} (sha256); reinstall MoodMirror.")

    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    try:
        session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # ONNX Runtime raises its own exception types for bad graphs
        raise ModelError(f"{what} {path} is damaged and cannot be loaded.") from exc
    return session, sha


class Classifier(Protocol):
    """What the pipeline needs of a classifier: :class:`EmotionClassifier`, or a stand-in in tests."""

    model_id: str

    def predict(self, crops: np.ndarray) -> np.ndarray: ...


class EmotionClassifier:
    """Seven-emotion probabilities for grayscale face crops, on the CPU.

    ``threads`` is ONNX Runtime's intra-op thread count; one by default, since a 48x48 face
    takes well under a millisecond and the app has other work to do.
    """

    def __init__(self, model_path: Path | None = None, threads: int = 1) -> None:
        path = Path(model_path) if model_path is not None else MODELS_DIR / MODEL_FILE
        self._session, sha = verified_session(
            path, path.with_name(CARD_FILE), "The emotion model", "its model card", threads
        )
        outputs = self._session.get_outputs()
        if [i.name for i in self._session.get_inputs()] != [INPUT_NAME] or outputs[0].name != OUTPUT_NAME:
            raise ModelError(f"The emotion model {path} has unexpected inputs or outputs.")
        self.labels: tuple[str, ...] = EMOTIONS
        self.model_id = f"emotion-{sha[:12]}"

    def predict(self, crops: np.ndarray) -> np.ndarray:
        """Probabilities (N, 7) float32 for uint8 grayscale crops (N, H, W) of any size."""
        crops = np.asarray(crops)
        if crops.ndim != 3 or crops.dtype != np.uint8:
            raise ValueError(f"crops must be uint8 (N, H, W), not {crops.dtype} {crops.shape}")
        if len(crops) == 0:
            return np.zeros((0, len(EMOTIONS)), np.float32)
        if crops.shape[1:] != (INPUT_SIZE, INPUT_SIZE):
            import cv2

            crops = np.stack([cv2.resize(c, (INPUT_SIZE, INPUT_SIZE), interpolation=cv2.INTER_AREA) for c in crops])
        x = crops[:, None].astype(np.float32) * np.float32(1.0 / 255.0)
        probs = self._session.run([OUTPUT_NAME], {INPUT_NAME: x})[0].astype(np.float32, copy=False)
        return probs / probs.sum(axis=1, keepdims=True)
