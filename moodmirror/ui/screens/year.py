"""The year in pixels: one square per day of a year, coloured by the day's mean mood.

Reading the journal and drawing the year (:mod:`moodmirror.insights.year_chart`) run in a
worker thread; the PNG becomes a texture on the UI thread. Previous/next step through years;
requests are numbered so a slow older drawing never replaces a newer one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from kivy.app import App
from kivy.core.image import Image as CoreImage
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty

from moodmirror.insights.year import year_pixels
from moodmirror.insights.year_chart import render_year
from moodmirror.journal import Readable, damaged_notice, read_checkins
from moodmirror.ui.widgets.common import Page
from moodmirror.ui.worker import LatestOnly


@dataclass(frozen=True)
class YearView:
    """The drawn year and the line under it, made off the UI thread."""

    png: bytes
    summary: str


def build_year(readable: Readable, year: int, theme: str) -> YearView:
    """The year's image and a line saying how many days have a check-in (and any damaged ones)."""
    pixels = year_pixels(readable.checkins, year)
    days = pixels.days_with_entries
    summary = f"{days} day{'s' if days != 1 else ''} of {len(pixels.cells)} with a check-in."
    notice = damaged_notice(readable.damaged)
    return YearView(render_year(pixels, theme=theme), f"{summary} {notice}".strip())


class YearScreen(Page):
    """A whole year at a glance."""

    year = NumericProperty(0)
    chart = ObjectProperty(None, allownone=True)
    summary = StringProperty("")
    loading = BooleanProperty(False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._loads = LatestOnly()

    def prepare(self, year: int | None = None) -> None:
        self.year = year or date.today().year
        self.refresh()

    def step(self, direction: int) -> None:
        self.year += direction
        self.refresh()

    def refresh(self) -> None:
        app = App.get_running_app()
        year, vault, theme = int(self.year), app.vault, app.settings.theme
        self.loading = True
        self._loads.run(lambda: build_year(read_checkins(vault), year, theme), self._show, self._failed, app.busy)

    def _show(self, view: YearView) -> None:
        self.loading = False
        self.chart = CoreImage(BytesIO(view.png), ext="png").texture
        self.summary = view.summary

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        App.get_running_app().show_error(error)
