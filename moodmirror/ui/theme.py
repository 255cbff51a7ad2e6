"""Colours and type sizes of the app, built on the shared Okabe-Ito palette.

Emotion colours and the light/dark backgrounds come from :mod:`moodmirror.insights.palette`
so the app, the charts and the report look alike. The UI adds a few roles of its own
(surface, accent, danger). Every value is a Kivy property, so widgets in .kv files follow a
theme or text-size change at once. Text widgets that inherit one another's rules (Body, Heading,
Muted, buttons) pick a size by ``role`` (``font_size: app.theme.sizes[self.role]``): one binding
per widget, so a text-size change cannot leave a heading at another rule's size.
"""

from __future__ import annotations

from kivy.event import EventDispatcher
from kivy.metrics import sp
from kivy.properties import ColorProperty, DictProperty, NumericProperty, OptionProperty

from moodmirror.insights import palette

RGBA = tuple[float, float, float, float]

# UI-only roles per theme (hex), chosen to sit calmly on the palette's backgrounds.
_UI_ROLES: dict[str, dict[str, str]] = {
    "light": {
        "surface": "#F2F4F7",
        "line": "#C9CED6",
        "accent": "#0072B2",  # Okabe-Ito blue
        "accent_text": "#FFFFFF",
        "danger": "#B34700",  # a darker Okabe-Ito vermillion, readable as text on white
        "danger_text": "#FFFFFF",
        "good": "#007A5A",  # a darker Okabe-Ito bluish green
    },
    "dark": {
        "surface": "#2B2D31",
        "line": "#4A4D52",
        "accent": "#56B4E9",  # Okabe-Ito sky blue
        "accent_text": "#10171C",
        "danger": "#E69F6B",
        "danger_text": "#1A1A1A",
        "good": "#3DD6A8",
    },
}

# Base type sizes in sp, multiplied by the user's text size setting.
_TYPE_SCALE: dict[str, float] = {"small": 14, "body": 17, "large": 21, "title": 28, "display": 46}
TEXT_SCALES: tuple[float, ...] = (1.0, 1.15, 1.3)


def rgba(color: str, alpha: float = 1.0) -> RGBA:
    """A ``#RRGGBB`` string as the 0..1 RGBA tuple Kivy uses."""
    r, g, b = palette.hex_to_rgb(color)
    return (r / 255, g / 255, b / 255, alpha)


def emotion_color(emotion: str) -> RGBA:
    """The fixed colour of one emotion, the same in every theme, chart and report."""
    return rgba(palette.EMOTION_HEX[emotion])


# The mood scale runs through the emotion colours the bars and charts use: sadness blue at 1,
# neutral grey in the middle, happiness yellow at 10.
_MOOD_STOPS: tuple[str, ...] = tuple(palette.EMOTION_HEX[e] for e in ("sadness", "neutral", "happiness"))
MOOD_WORDS: tuple[str, ...] = (
    "awful",
    "very low",
    "low",
    "a bit low",
    "so-so",
    "okay",
    "good",
    "very good",
    "great",
    "wonderful",
)


def mood_colors(mood: int) -> tuple[RGBA, RGBA]:
    """The fill of mood ``mood`` (1-10) on the scale and a text colour readable on it."""
    position = (mood - 1) / 9 * (len(_MOOD_STOPS) - 1)
    index = min(int(position), len(_MOOD_STOPS) - 2)
    low, high = palette.hex_to_rgb(_MOOD_STOPS[index]), palette.hex_to_rgb(_MOOD_STOPS[index + 1])
    mix = position - index
    r, g, b = ((a + (c - a) * mix) / 255 for a, c in zip(low, high))
    luminance = 0.2126 * r**2.2 + 0.7152 * g**2.2 + 0.0722 * b**2.2
    return (r, g, b, 1.0), ((0.1, 0.1, 0.1, 1.0) if luminance > 0.2 else (1.0, 1.0, 1.0, 1.0))


class UiTheme(EventDispatcher):
    """The current colours and font sizes; change ``name`` or ``text_scale`` to restyle."""

    name = OptionProperty("light", options=list(palette.THEMES))
    text_scale = NumericProperty(1.0)

    background = ColorProperty()
    text = ColorProperty()
    muted = ColorProperty()
    surface = ColorProperty()
    line = ColorProperty()
    accent = ColorProperty()
    accent_text = ColorProperty()
    danger = ColorProperty()
    danger_text = ColorProperty()
    good = ColorProperty()

    small = NumericProperty()
    body = NumericProperty()
    large = NumericProperty()
    title = NumericProperty()
    display = NumericProperty()
    sizes = DictProperty()  # the same sizes by role name, for text widgets that pick a ``role``

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._apply_colors()
        self._apply_sizes()

    def on_name(self, *_: object) -> None:
        self._apply_colors()

    def on_text_scale(self, *_: object) -> None:
        self._apply_sizes()

    def _apply_colors(self) -> None:
        base = palette.theme(self.name)
        self.background = rgba(base.background)
        self.text = rgba(base.text)
        self.muted = rgba(base.muted)
        for role, color in _UI_ROLES[self.name].items():
            setattr(self, role, rgba(color))

    def _apply_sizes(self) -> None:
        sizes = {role: sp(size) * self.text_scale for role, size in _TYPE_SCALE.items()}
        for role, size in sizes.items():
            setattr(self, role, size)
        self.sizes = sizes
