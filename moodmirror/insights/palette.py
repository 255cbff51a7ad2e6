"""Colours for every chart, the PDF report and the UI: Okabe-Ito, colour-blind safe.

Each emotion has one fixed colour, the same everywhere (charts, report, UI chips), taken from
the Okabe-Ito palette (Okabe & Ito, "Color Universal Design"), which stays distinguishable
with the common forms of colour-vision deficiency. Neutral uses the palette's grey.

Plain data, no imports of drawing libraries:

- ``EMOTION_HEX["sadness"] -> "#0072B2"``; ``EMOTION_COLORS`` lists the hex strings in
  ``EMOTIONS`` order; ``emotion_rgb("sadness") -> (0, 114, 178)``.
- ``THEMES["light"]`` / ``THEMES["dark"]`` (or ``theme("dark")``) give a :class:`Theme` with
  ``background``, ``text``, ``muted`` (secondary text), ``grid``, ``mood`` (self-rated mood
  line) and ``valence`` (detected valence line) as hex strings; ``Theme.rgb(name)`` gives an
  RGB tuple of 0..255 ints and ``Theme.rgba01(name)`` the 0..1 floats Kivy expects.

Charts never tell lines apart by colour alone: the mood line is solid with round markers,
the valence line dashed with square markers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from moodmirror.emotions import EMOTIONS
from moodmirror.errors import MoodMirrorError

ThemeName = Literal["light", "dark"]
RGB = tuple[int, int, int]

EMOTION_HEX: dict[str, str] = {
    "anger": "#D55E00",  # vermillion
    "disgust": "#009E73",  # bluish green
    "fear": "#CC79A7",  # reddish purple
    "happiness": "#F0E442",  # yellow
    "neutral": "#999999",  # grey
    "sadness": "#0072B2",  # blue
    "surprise": "#E69F00",  # orange
}
EMOTION_COLORS: tuple[str, ...] = tuple(EMOTION_HEX[e] for e in EMOTIONS)


def hex_to_rgb(color: str) -> RGB:
    """``"#0072B2" -> (0, 114, 178)``."""
    value = color.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def emotion_rgb(emotion: str) -> RGB:
    """The fixed colour of ``emotion`` as 0..255 ints."""
    return hex_to_rgb(EMOTION_HEX[emotion])


@dataclass(frozen=True)
class Theme:
    """The non-emotion colours of one theme, as hex strings."""

    name: str
    background: str
    text: str
    muted: str
    grid: str
    mood: str
    valence: str

    def rgb(self, role: str) -> RGB:
        """A role's colour (e.g. ``"background"``) as 0..255 ints."""
        return hex_to_rgb(getattr(self, role))

    def rgba01(self, role: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
        """A role's colour as 0..1 floats with alpha, as Kivy's Color takes it."""
        r, g, b = self.rgb(role)
        return (r / 255, g / 255, b / 255, alpha)


THEMES: dict[str, Theme] = {
    "light": Theme(
        name="light",
        background="#FFFFFF",
        text="#1A1A1A",
        muted="#5C5C5C",
        grid="#DDDDDD",
        mood="#000000",  # Okabe-Ito black
        valence="#56B4E9",  # Okabe-Ito sky blue
    ),
    "dark": Theme(
        name="dark",
        background="#1E1E1E",
        text="#F2F2F2",
        muted="#B3B3B3",
        grid="#3C3C3C",
        mood="#FFFFFF",
        valence="#56B4E9",
    ),
}


def theme(name: str) -> Theme:
    """The theme called ``name`` ("light" or "dark")."""
    try:
        return THEMES[name]
    except KeyError:
        raise MoodMirrorError(f"theme must be 'light' or 'dark', not {name!r}") from None


MOOD_SCALE_HEX: tuple[str, ...] = (
    "#00224E", "#123570", "#3B496C", "#575D6D", "#707173",
    "#8A8678", "#A59C74", "#C3B369", "#E1CC55", "#FEE838",
)  # fmt: skip
"""Mood 1..10 as colours for the year in pixels: cividis (Nuñez, Anderton & Renslow 2018), dark
blue to yellow, which reads as one steadily brightening scale with every common colour-vision
deficiency and in greyscale."""

TONE_HEX = "#CC79A7"
"""The tone-of-your-words line (Okabe-Ito reddish purple); dotted with triangles, so it is never
told from the mood and valence lines by colour alone."""

NO_ENTRY_HEX: dict[str, str] = {"light": "#ECECEC", "dark": "#333333"}
"""The "no entry" colour of each theme: a flat neutral the year view draws with a ring, so an
empty day never reads as a mood."""


def mood_hex(mood: float) -> str:
    """The scale colour of a (mean) mood from 1 to 10, rounded to the nearest step."""
    step = min(max(round(mood), 1), len(MOOD_SCALE_HEX))
    return MOOD_SCALE_HEX[step - 1]
