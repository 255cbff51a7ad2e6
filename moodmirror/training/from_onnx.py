"""Starting a training from an exported ``emotion.onnx`` instead of a torch checkpoint.

The export folds each batch norm into the convolution before it, so the ONNX file holds one
weight and one bias per convolution. To train on, each convolution gets the folded weight and
its batch norm is rebuilt so the network computes exactly what the file computes: the per-channel
mean and variance of the convolution's output are measured on training faces, and the batch norm
is set to undo that normalisation and add the folded bias. In evaluation mode the rebuilt network
equals the file (to rounding); in training mode, where batch statistics are used, it starts close
to it, which is what fine-tuning needs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch import nn


def _initializers(path: Path) -> tuple[list, dict[str, np.ndarray]]:
    """The graph's nodes and its weights by name; names given to a weight by ``Identity``
    nodes (the exporter's way of reusing weights in the mirror pass) resolve to it."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    tensors = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    for node in graph.node:
        if node.op_type == "Identity" and node.input[0] in tensors:
            tensors[node.output[0]] = tensors[node.input[0]]
    return list(graph.node), tensors


def _conv_parameters(path: Path) -> list[tuple[np.ndarray, np.ndarray]]:
    """(weight, bias) of each convolution of one network pass, in graph order."""
    nodes, tensors = _initializers(path)
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for node in nodes:
        if node.op_type != "Conv":
            continue
        weight, bias = tensors[node.input[1]], tensors[node.input[2]]
        if found and any(w is weight for w, _ in found):  # the mirror pass: the same weights again
            break
        found.append((weight, bias))
    return found


def _head_parameters(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """(weight, bias) of the final linear layer."""
    nodes, tensors = _initializers(path)
    gemm = next(n for n in nodes if n.op_type == "Gemm")
    return tensors[gemm.input[1]], tensors[gemm.input[2]]


def load_onnx_weights(net: nn.Module, path: Path, faces: torch.Tensor) -> None:
    """Give ``net`` (an :class:`EmotionNet`) the weights of the exported model at ``path``.

    ``faces`` (N, 1, 48, 48) in [0, 1] are the training faces the batch-norm statistics are
    measured on (a few thousand are plenty).
    """
    convs = [m for m in net.modules() if isinstance(m, nn.Conv2d)]
    norms = [m for m in net.modules() if isinstance(m, nn.BatchNorm2d)]
    params = _conv_parameters(path)
    if len(params) != len(convs) or any(p[0].shape != tuple(c.weight.shape) for p, c in zip(params, convs)):
        raise SystemExit(f"{path} does not hold this network's weights (other width or architecture)")
    linear = next(m for m in net.modules() if isinstance(m, nn.Linear))
    head_w, head_b = _head_parameters(path)
    with torch.no_grad():
        linear.weight.copy_(torch.from_numpy(np.array(head_w)))
        linear.bias.copy_(torch.from_numpy(np.array(head_b)))
        for conv, norm, (weight, bias) in zip(convs, norms, params):
            conv.weight.copy_(torch.from_numpy(np.array(weight)))
            # Pass-through with the folded bias: (z - 0) / sqrt(1 - eps + eps) * 1 + bias.
            norm.running_mean.zero_()
            norm.running_var.fill_(1.0 - norm.eps)
            norm.weight.fill_(1.0)
            norm.bias.copy_(torch.from_numpy(np.array(bias)))
    stats: dict[nn.Module, list[torch.Tensor]] = {conv: [] for conv in convs}

    def record(module: nn.Module, _inputs: tuple, output: torch.Tensor) -> None:
        stats[module].append(output.detach().transpose(0, 1).reshape(output.shape[1], -1))

    hooks = [conv.register_forward_hook(record) for conv in convs]
    net.eval()
    with torch.no_grad():
        for i in range(0, len(faces), 256):
            net(faces[i : i + 256])
    for hook in hooks:
        hook.remove()
    with torch.no_grad():
        for conv, norm in zip(convs, norms):
            values = torch.cat(stats[conv], dim=1)
            mean, var = values.mean(dim=1), values.var(dim=1)
            norm.running_mean.copy_(mean)
            norm.running_var.copy_(var)
            norm.weight.copy_(torch.sqrt(var + norm.eps))
            norm.bias.add_(mean)
