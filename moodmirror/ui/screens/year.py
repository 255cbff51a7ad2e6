"""The year in pixels: one square per day of a year, coloured by the day's mean mood.

Reading the journal and drawing the year (:mod:`moodmirror.insights.year_chart`) run in a
worker thread; the PNG becomes a texture on the UI thread. The year is drawn at the pixels it
is shown at (again after a resize), in the app's font, its labels as tall as the app's small
text (so they follow the text size). Previous/next step through years;
requests are numbered so a slow older drawing never replaces a newer one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from kivy.app import App
from kivy.clock import Clock
from kivy.core.image import Image as CoreImage
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty

from moodmirror.insights.year import year_pixels
from moodmirror.insights.year_chart import YEAR_FONT_PT, YEAR_SIZE_IN, largest_label_px, render_year
from moodmirror.journal import Readable, damaged_notice, read_checkins
from moodmirror.ui.chart_look import ChartLook, app_font_files
from moodmirror.ui.widgets.common import Page
from moodmirror.ui.worker import LatestOnly


@dataclass(frozen=True)
class YearView:
    """The drawn year and the line under it, made off the UI thread."""

    png: bytes
    summary: str


def year_look(width_px: float, label_px: float) -> ChartLook:
    """The look of a year ``width_px`` wide (at least 300 px) whose labels are ``label_px`` tall, or as
    tall as its squares allow where that is less (a narrow window with the larger text)."""
    width = max(300, round(width_px))
    dpi = min(label_px, largest_label_px(width)) * 72 / YEAR_FONT_PT
    return ChartLook(width, round(width * YEAR_SIZE_IN[1] / YEAR_SIZE_IN[0]), dpi, app_font_files())


def build_year(readable: Readable, year: int, theme: str, look: ChartLook) -> YearView:
    """The year's image and a line saying how many days have a check-in (and any damaged ones)."""
    pixels = year_pixels(readable.checkins, year)
    days = pixels.days_with_entries
    summary = f"{days} day{'s' if days != 1 else ''} of {len(pixels.cells)} with a check-in."
    notice = damaged_notice(readable.damaged)
    png = render_year(pixels, theme, look.size_in, look.dpi, fonts=look.fonts, caption=False)
    return YearView(png, f"{summary} {notice}".strip())


class YearScreen(Page):
    """A whole year at a glance."""

    year = NumericProperty(0)
    chart = ObjectProperty(None, allownone=True)
    summary = StringProperty("")
    loading = BooleanProperty(False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._loads = LatestOnly()
        self._redraw = Clock.create_trigger(lambda _dt: self.refresh(), 0.2)

    def prepare(self, year: int | None = None) -> None:
        self.year = year or date.today().year
        self.refresh()

    def step(self, direction: int) -> None:
        self.year += direction
        self.refresh()

    def chart_resized(self) -> None:
        """The year's box changed width (window resized): draw it again at the new size, once settled."""
        if self.year:
            self._redraw()

    def refresh(self) -> None:
        app = App.get_running_app()
        year, vault, theme = int(self.year), app.vault, app.settings.theme
        look = year_look(self.ids.chart.width, app.theme.small)
        self.loading = True
        self._loads.run(lambda: build_year(read_checkins(vault), year, theme, look), self._show, self._failed, app.busy)

    def _show(self, view: YearView) -> None:
        self.loading = False
        self.chart = CoreImage(BytesIO(view.png), ext="png").texture
        self.summary = view.summary

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        App.get_running_app().show_error(error)
