"""Export of the trained network to ONNX and scoring of the exported file.

The ONNX model takes ``image``: float32 (N, 1, 48, 48) in [0, 1] and returns
``probabilities``: float32 (N, 7) in :data:`moodmirror.emotions.EMOTIONS` order.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from moodmirror.vision.classifier import INPUT_NAME, OUTPUT_NAME


def export_onnx(model, path: Path) -> None:
    """Write ``model`` (a torch module in eval mode) to ``path`` with a dynamic batch axis."""
    import torch

    example = torch.rand(1, 1, 48, 48)
    torch.onnx.export(
        model,
        (example,),
        str(path),
        input_names=[INPUT_NAME],
        output_names=[OUTPUT_NAME],
        dynamic_axes={INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )


def onnx_probabilities(path: Path, images: np.ndarray, batch: int = 512) -> np.ndarray:
    """Run the ONNX file on uint8 images (N, 48, 48) and return (N, 7) probabilities."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    out = []
    for i in range(0, len(images), batch):
        x = (images[i : i + batch].astype(np.float32) / 255.0)[:, None]
        out.append(session.run([OUTPUT_NAME], {INPUT_NAME: x})[0])
    return np.concatenate(out) if out else np.zeros((0, 7), np.float32)
