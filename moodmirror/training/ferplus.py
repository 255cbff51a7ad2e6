"""Reading the FER+ data set (FER2013 images with crowd-sourced FER+ votes).

Layout (see ``../shared/data/README.md``): ``<root>/FER2013Train`` and ``<root>/FER2013Valid``,
each with 48x48 grayscale PNGs and a ``label.csv`` without header::

    file name, "(x, y, w, h)", neutral, happiness, surprise, sadness, anger, disgust, fear,
    contempt, unknown, NF

Votes for contempt, unknown and not-a-face are dropped; the remaining seven are reordered to
:data:`moodmirror.emotions.EMOTIONS` and normalised into soft targets.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moodmirror.emotions import EMOTIONS

FERPLUS_COLUMNS: tuple[str, ...] = (
    "neutral",
    "happiness",
    "surprise",
    "sadness",
    "anger",
    "disgust",
    "fear",
    "contempt",
    "unknown",
    "NF",
)
IMAGE_SIZE = 48


@dataclass(frozen=True)
class FerSplit:
    """One split: images (N, 48, 48) uint8 and raw FER+ votes (N, 10) in file column order."""

    names: list[str]
    images: np.ndarray
    votes: np.ndarray

    def emotion_votes(self) -> np.ndarray:
        """Votes for the seven kept emotions, (N, 7) float32, in ``EMOTIONS`` order."""
        idx = [FERPLUS_COLUMNS.index(e) for e in EMOTIONS]
        return self.votes[:, idx].astype(np.float32)

    def soft_targets(self) -> tuple[np.ndarray, np.ndarray]:
        """(targets (M, 7), kept index (M,)): images with at least one emotion vote."""
        ev = self.emotion_votes()
        total = ev.sum(axis=1)
        keep = np.flatnonzero(total > 0)
        return ev[keep] / total[keep, None], keep

    def majority_labels(self) -> tuple[np.ndarray, np.ndarray]:
        """(labels (M,), kept index (M,)) under the majority-vote protocol.

        The argmax over all ten columns must be unique and must be one of the seven emotions;
        ties and images whose majority is contempt, unknown or not-a-face are dropped.
        """
        votes = self.votes
        top = votes.max(axis=1)
        unique = (votes == top[:, None]).sum(axis=1) == 1
        arg = votes.argmax(axis=1)
        col_to_emotion = np.array([EMOTIONS.index(c) if c in EMOTIONS else -1 for c in FERPLUS_COLUMNS])
        emo = col_to_emotion[arg]
        keep = np.flatnonzero(unique & (emo >= 0) & (top > 0))
        return emo[keep], keep


def load_split(split_dir: Path, limit: int | None = None) -> FerSplit:
    """Read ``label.csv`` and its images from one split folder (images decoded with OpenCV)."""
    import cv2

    label_file = split_dir / "label.csv"
    if not label_file.is_file():
        raise FileNotFoundError(f"no label.csv in {split_dir}: is this a FER+ split folder?")
    names: list[str] = []
    votes: list[list[int]] = []
    with label_file.open(newline="") as fh:
        for row in csv.reader(fh):
            if not row:
                continue
            names.append(row[0].strip())
            votes.append([int(v) for v in row[2:12]])
            if limit is not None and len(names) >= limit:
                break
    images = np.empty((len(names), IMAGE_SIZE, IMAGE_SIZE), dtype=np.uint8)
    for i, name in enumerate(names):
        img = cv2.imread(str(split_dir / name), cv2.IMREAD_GRAYSCALE)
        if img is None:
            raise ValueError(f"cannot read image {split_dir / name}")
        if img.shape != (IMAGE_SIZE, IMAGE_SIZE):
            img = cv2.resize(img, (IMAGE_SIZE, IMAGE_SIZE), interpolation=cv2.INTER_AREA)
        images[i] = img
    return FerSplit(names, images, np.asarray(votes, dtype=np.int64).reshape(-1, 10))
