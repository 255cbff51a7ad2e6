"""Majority-vote evaluation of emotion predictions (the FER+ protocol).

Works on plain numpy arrays so it can score the torch model during training and the exported
ONNX model afterwards with the same code.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from moodmirror.emotions import EMOTIONS


@dataclass(frozen=True)
class Evaluation:
    """Scores of predictions against majority-vote labels."""

    images: int
    accuracy: float
    mean_recall: float
    recall: dict[str, float]
    confusion: list[list[int]]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def table(self) -> str:
        """The confusion matrix (rows: true label, columns: predicted) as aligned text."""
        head = "true \\ pred".ljust(11) + "".join(e[:5].rjust(7) for e in EMOTIONS)
        rows = [head]
        for name, row in zip(EMOTIONS, self.confusion):
            rows.append(name.ljust(11) + "".join(str(v).rjust(7) for v in row))
        return "\n".join(rows)


def evaluate(probabilities: np.ndarray, labels: np.ndarray) -> Evaluation:
    """Accuracy, per-class recall, mean recall and confusion matrix of argmax predictions."""
    k = len(EMOTIONS)
    pred = probabilities.argmax(axis=1)
    confusion = np.zeros((k, k), dtype=np.int64)
    np.add.at(confusion, (labels, pred), 1)
    support = confusion.sum(axis=1)
    recall = np.divide(np.diag(confusion), support, out=np.zeros(k, dtype=np.float64), where=support > 0)
    present = support > 0
    return Evaluation(
        images=int(len(labels)),
        accuracy=float((pred == labels).mean()) if len(labels) else 0.0,
        mean_recall=float(recall[present].mean()) if present.any() else 0.0,
        recall={e: float(r) for e, r in zip(EMOTIONS, recall)},
        confusion=confusion.tolist(),
    )
