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


def store_weights_as_float16(path: Path) -> int:
    """Rewrite the ONNX file at ``path`` with its weight tensors stored as float16.

    Each weight gets a ``Cast`` back to float32 at the start of the graph, which ONNX Runtime
    folds away when it loads the model: the file is half the size and the arithmetic stays
    float32 (only the weights are rounded to float16). Returns the new file size in bytes.
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    kept, casts = [], []
    for tensor in graph.initializer:
        if tensor.data_type == TensorProto.FLOAT and int(np.prod(tensor.dims)) > 1:
            half = numpy_helper.from_array(numpy_helper.to_array(tensor).astype(np.float16),
                                           f"{tensor.name}.float16")
            kept.append(half)
            casts.append(helper.make_node("Cast", [half.name], [tensor.name], to=TensorProto.FLOAT))
        else:
            kept.append(tensor)
    nodes = [*casts, *graph.node]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path.stat().st_size


def onnx_probabilities(path: Path, images: np.ndarray, batch: int = 512) -> np.ndarray:
    """Run the ONNX file on uint8 images (N, 48, 48) and return (N, 7) probabilities."""
    import onnxruntime as ort

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    out = []
    for i in range(0, len(images), batch):
        x = (images[i : i + batch].astype(np.float32) / 255.0)[:, None]
        out.append(session.run([OUTPUT_NAME], {INPUT_NAME: x})[0])
    return np.concatenate(out) if out else np.zeros((0, 7), np.float32)
