"""Int8 static quantization of the exported model, and the check whether it is worth shipping.

The int8 variant is shipped only if it loses less than 0.5 accuracy point on FER2013Valid and
is faster than the float32 model; :func:`compare` measures both and says which to ship.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moodmirror.training.card import measure_latency
from moodmirror.training.evaluate import evaluate
from moodmirror.training.export import onnx_probabilities
from moodmirror.vision.classifier import INPUT_NAME

MAX_ACCURACY_LOSS = 0.005


@dataclass(frozen=True)
class Comparison:
    """Accuracy and latency of the float32 model and its int8 variant."""

    fp32_accuracy: float
    int8_accuracy: float
    fp32_median_ms: float
    int8_median_ms: float
    int8_bytes: int

    @property
    def ship_int8(self) -> bool:
        return self.fp32_accuracy - self.int8_accuracy < MAX_ACCURACY_LOSS and self.int8_median_ms < self.fp32_median_ms


def quantize(fp32: Path, out: Path, calibration: np.ndarray) -> None:
    """Write an int8 (QDQ, per-channel) copy of ``fp32`` calibrated on uint8 faces (N, 48, 48)."""
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self._batches = iter(np.array_split(calibration, max(1, len(calibration) // 64)))

        def get_next(self) -> dict[str, np.ndarray] | None:
            batch = next(self._batches, None)
            if batch is None:
                return None
            return {INPUT_NAME: (batch.astype(np.float32) / 255.0)[:, None]}

    quantize_static(
        str(fp32),
        str(out),
        Reader(),
        quant_format=QuantFormat.QDQ,
        per_channel=True,
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
    )


def compare(fp32: Path, int8: Path, images: np.ndarray, labels: np.ndarray) -> Comparison:
    """Score both models on the same majority-vote labelled faces and time them."""
    return Comparison(
        fp32_accuracy=evaluate(onnx_probabilities(fp32, images), labels).accuracy,
        int8_accuracy=evaluate(onnx_probabilities(int8, images), labels).accuracy,
        fp32_median_ms=measure_latency(fp32)["median_ms"],
        int8_median_ms=measure_latency(int8)["median_ms"],
        int8_bytes=int8.stat().st_size,
    )
