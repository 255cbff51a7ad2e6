"""The seven emotion labels, in the one order used everywhere in MoodMirror.

The model's outputs, stored summaries, charts and the UI all index emotions by this tuple.
"""

from __future__ import annotations

EMOTIONS: tuple[str, ...] = (
    "anger",
    "disgust",
    "fear",
    "happiness",
    "neutral",
    "sadness",
    "surprise",
)
