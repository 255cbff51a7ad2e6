"""The built-in demo face: a procedurally drawn, animated face that needs no camera and no files.

Frames are drawn from the frame index alone (so a run is reproducible): a head with hair,
eyes, brows, nose and mouth on a plain background, gently swaying, whose expression cycles
smile -> neutral -> frown -> surprise, holding each for a moment and blending between them.
The BlazeFace detector finds it like a real face (score about 0.85 in every expression), with
its landmarks, so it exercises the whole pipeline.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

HOLD_S = 1.5
BLEND_S = 0.5


@dataclass(frozen=True)
class Expression:
    """Shape parameters of one expression, each roughly in [-1, 1]."""

    mouth_curve: float  # +1 corners up (smile), -1 corners down (frown)
    mouth_open: float  # 0 closed .. 1 wide open
    brow_raise: float  # +1 raised, -1 lowered
    brow_tilt: float  # +1 inner ends down (frown), -1 inner ends up (worry)
    eye_open: float  # 1 normal, > 1 wide


EXPRESSIONS: tuple[tuple[str, Expression], ...] = (
    ("smile", Expression(mouth_curve=1.0, mouth_open=0.45, brow_raise=0.1, brow_tilt=0.0, eye_open=0.85)),
    ("neutral", Expression(mouth_curve=0.0, mouth_open=0.0, brow_raise=0.0, brow_tilt=0.0, eye_open=1.0)),
    ("frown", Expression(mouth_curve=-1.0, mouth_open=0.0, brow_raise=-0.6, brow_tilt=1.0, eye_open=0.8)),
    ("surprise", Expression(mouth_curve=0.0, mouth_open=1.0, brow_raise=1.0, brow_tilt=-0.3, eye_open=1.35)),
)


def expression_at(t: float) -> tuple[str, Expression]:
    """The expression shown at ``t`` seconds: its name (the one being held or blended into) and shape."""
    step = HOLD_S + BLEND_S
    phase = t % (step * len(EXPRESSIONS))
    i = int(phase // step)
    name, here = EXPRESSIONS[i]
    into = phase - i * step - HOLD_S
    if into <= 0:
        return name, here
    next_name, there = EXPRESSIONS[(i + 1) % len(EXPRESSIONS)]
    w = 0.5 - 0.5 * math.cos(math.pi * into / BLEND_S)
    mixed = Expression(*(a + (b - a) * w for a, b in zip(_values(here), _values(there))))
    return (next_name if w >= 0.5 else name), mixed


def _values(e: Expression) -> tuple[float, ...]:
    return (e.mouth_curve, e.mouth_open, e.brow_raise, e.brow_tilt, e.eye_open)


def draw_face(size: tuple[int, int], t: float) -> np.ndarray:
    """A BGR frame (height, width, 3) of the demo face at ``t`` seconds; ``size`` is (width, height)."""
    import cv2

    width, height = size
    img = np.empty((height, width, 3), np.uint8)
    img[:] = np.linspace(150, 110, height, dtype=np.uint8)[:, None, None]  # soft vertical gradient
    _, e = expression_at(t)
    u = min(width, height) / 480.0  # drawing unit: 1 px at 640x480
    cx = width / 2 + 30 * u * math.sin(t * 0.9)
    cy = height / 2 + 12 * u * math.sin(t * 1.3)

    def p(x: float, y: float) -> tuple[int, int]:
        return int(round(cx + x * u)), int(round(cy + y * u))

    def s(v: float) -> int:
        return max(1, int(round(v * u)))

    skin, dark, hair = (150, 180, 215), (40, 40, 50), (45, 55, 75)
    cv2.ellipse(img, p(0, -20), (s(118), s(150)), 0, 180, 360, hair, -1, cv2.LINE_AA)  # hair cap
    cv2.ellipse(img, p(0, 10), (s(100), s(132)), 0, 0, 360, skin, -1, cv2.LINE_AA)  # head
    for side in (-1, 1):
        cv2.ellipse(img, p(side * 100, 10), (s(12), s(24)), 0, 0, 360, skin, -1, cv2.LINE_AA)  # ears
        ex, ey = side * 40, -18
        cv2.ellipse(img, p(ex, ey), (s(22), s(11 * e.eye_open)), 0, 0, 360, (235, 235, 235), -1, cv2.LINE_AA)
        cv2.circle(img, p(ex, ey), s(9 * min(e.eye_open, 1.0)), dark, -1, cv2.LINE_AA)
        cv2.circle(img, p(ex + 3, ey - 3), s(2), (250, 250, 250), -1, cv2.LINE_AA)
        inner_y = ey - 26 - 12 * e.brow_raise + 7 * e.brow_tilt
        outer_y = ey - 28 - 12 * e.brow_raise - 3 * e.brow_tilt
        brow = np.array([p(side * 18, inner_y), p(side * 40, min(inner_y, outer_y) - 5), p(side * 64, outer_y)])
        cv2.polylines(img, [brow], False, dark, s(8), cv2.LINE_AA)
    cv2.line(img, p(-6, -8), p(-10, 32), (120, 150, 185), s(3), cv2.LINE_AA)  # nose side shade
    cv2.ellipse(img, p(0, 36), (s(16), s(7)), 0, 0, 180, (110, 135, 170), s(3), cv2.LINE_AA)
    _draw_mouth(img, p, s, e, dark)
    return img


def _draw_mouth(
    img: np.ndarray,
    p: Callable[[float, float], tuple[int, int]],
    s: Callable[[float], int],
    e: Expression,
    dark: tuple[int, int, int],
) -> None:
    """The mouth: a curved line, opened into a dark shape (with teeth when smiling)."""
    import cv2

    half = 38.0 - 14.0 * e.mouth_open * (1.0 - max(e.mouth_curve, 0.0))  # a round "O" when surprised
    y0 = 72.0
    xs = np.linspace(-half, half, 21)
    bend = 1 - (xs / half) ** 2  # 1 in the middle, 0 at the corners
    corners = -14 * e.mouth_curve  # negative y is up
    upper = y0 + corners * (1 - bend) - 10 * e.mouth_open * bend
    lower = upper + (6 + 34 * e.mouth_open) * bend + 4 * max(e.mouth_curve, 0) * bend
    if e.mouth_open > 0.1:
        outline = [p(x, y) for x, y in zip(xs, upper)] + [p(x, y) for x, y in zip(xs[::-1], lower[::-1])]
        cv2.fillPoly(img, [np.array(outline)], (60, 40, 90), cv2.LINE_AA)
        teeth = [p(x, y) for x, y in zip(xs, upper)] + [p(x, y + 6) for x, y in zip(xs[::-1], upper[::-1])]
        if e.mouth_curve > 0.3:
            cv2.fillPoly(img, [np.array(teeth)], (235, 235, 235), cv2.LINE_AA)
    cv2.polylines(img, [np.array([p(x, y) for x, y in zip(xs, upper)])], False, dark, s(4), cv2.LINE_AA)
