"""How the app's charts are drawn to match the window: their pixels, dpi and font.

A chart is rendered by matplotlib at exactly the pixels it is shown at (no scaling blur) and
at the dpi that makes its text the app's own size, in the font every label of the app uses
(Kivy's default font). :class:`ChartLook` holds those three; the history and year screens
each work out theirs and use it as part of their cache keys.
"""

from __future__ import annotations

from ast import literal_eval
from dataclasses import dataclass
from functools import cache

from kivy.config import Config
from kivy.resources import resource_find


@dataclass(frozen=True)
class ChartLook:
    """How a chart is drawn: its size in pixels, the dpi that gives the app's text size, the font files."""

    width_px: int
    height_px: int
    dpi: float
    fonts: tuple[str, ...]

    @property
    def size_in(self) -> tuple[float, float]:
        return (self.width_px / self.dpi, self.height_px / self.dpi)


@cache
def app_font_files() -> tuple[str, ...]:
    """The files (regular, italic, bold, bold italic) of Kivy's default font, which every label of
    the app uses: the charts are drawn in them too."""
    _name, *files = literal_eval(Config.get("kivy", "default_font"))
    return tuple(found for found in map(resource_find, files) if found)
