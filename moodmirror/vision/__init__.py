"""On-device vision: frame sources, face detection, the emotion classifier and the check-in session.

Importing this package is cheap; the public names below load their modules (and OpenCV or
ONNX Runtime) on first use, so the CLI starts instantly.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from moodmirror.vision.classifier import EmotionClassifier
    from moodmirror.vision.detector import Detection, FaceDetector, Status
    from moodmirror.vision.pipeline import FramePipeline, FrameResult
    from moodmirror.vision.session import CheckInSession
    from moodmirror.vision.sources import FrameSource, open_source
    from moodmirror.vision.summary import SummaryBuilder

_EXPORTS = {
    "EmotionClassifier": "classifier",
    "Detection": "detector",
    "FaceDetector": "detector",
    "Status": "detector",
    "FramePipeline": "pipeline",
    "FrameResult": "pipeline",
    "CheckInSession": "session",
    "FrameSource": "sources",
    "open_source": "sources",
    "SummaryBuilder": "summary",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
