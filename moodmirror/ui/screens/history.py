"""History: the week (or month) chart with previous/next, short observations, and the check-ins.

Reading the journal, computing the statistics and drawing the chart (matplotlib, to PNG bytes)
run in a worker thread; the PNG becomes a Kivy texture on the UI thread. Requests are
numbered so a slow older render never replaces a newer one. Views are kept while the screen is
in use (and the other mode's current period is made ahead), so Week/Month switches are
instant; coming back to the screen from elsewhere starts afresh. The chart is drawn at the pixel
size it is shown at (again after a resize), in the app's font with labels at its small text size,
so it is sharp at any pixel density and text size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from kivy.app import App
from kivy.clock import Clock
from kivy.core.image import Image as CoreImage
from kivy.properties import (
    BooleanProperty,
    ListProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior, FocusBehavior
from kivy.uix.boxlayout import BoxLayout

from moodmirror.insights.charts import dpi_for_label_px, render_chart
from moodmirror.insights.observations import period_observations
from moodmirror.insights.periods import Month, Week, check_week_start
from moodmirror.insights.trends import local_day, month_stats, week_stats
from moodmirror.journal import Readable, damaged_notice, read_checkins
from moodmirror.records import CheckIn
from moodmirror.ui.chart_look import ChartLook, app_font_files
from moodmirror.ui.overview import when
from moodmirror.ui.widgets.common import KeyPress, Page
from moodmirror.ui.worker import run_in_background

MIN_CHART_HEIGHT_IN = 3.6


def chart_look(box_height: float, label_px: float) -> ChartLook:
    """The look of a 3:2 chart ``box_height`` pixels tall whose axis titles are ``label_px`` tall, in the app's font.

    Never under ``MIN_CHART_HEIGHT_IN`` inches at that dpi (the room its labels need): a box too
    small for that (before the first layout, or with the larger text) gets a larger image, shown
    scaled down.
    """
    dpi = dpi_for_label_px(label_px)
    height = max(round(box_height), round(MIN_CHART_HEIGHT_IN * dpi))
    return ChartLook(round(height * 3 / 2), height, dpi, app_font_files())


@dataclass(frozen=True)
class PeriodView:
    """Everything the screen shows for one period, made off the UI thread."""

    png: bytes
    observations: list[str]
    checkins: list[CheckIn]


def build_view(readable: Readable, period: Week | Month, week_start: str, theme: str, look: ChartLook) -> PeriodView:
    """Statistics, chart and observations for ``period`` from all readable check-ins (damaged ones noted)."""
    checkins = readable.checkins
    start = check_week_start(week_start)
    stats = week_stats(checkins, period, start) if isinstance(period, Week) else month_stats(checkins, period)
    first, last = stats.days[0].day, stats.days[-1].day
    inside = [c for c in checkins if first <= local_day(c.created_at) <= last]
    notice = damaged_notice(readable.damaged)
    observations = [*([notice] if notice else []), *(o.text for o in period_observations(checkins, period, start))]
    png = render_chart(stats, theme, look.size_in, look.dpi, fonts=look.fonts)
    return PeriodView(png, observations, inside)


class CheckInRow(KeyPress, ButtonBehavior, FocusBehavior, BoxLayout):
    """One check-in in the list; press it to open the check-in."""

    checkin = ObjectProperty(None)
    headline = StringProperty("")
    detail = StringProperty("")


class HistoryScreen(Page):
    """Browse weeks or months; open a check-in to read, edit or delete it."""

    mode = OptionProperty("week", options=["week", "month"])
    period = ObjectProperty(None, allownone=True)
    observations = ListProperty([])
    loading = BooleanProperty(False)
    empty = BooleanProperty(False)
    chart = ObjectProperty(None, allownone=True)
    notice = StringProperty("")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._request = 0
        self._views: dict[tuple[Week | Month, str, str, ChartLook], PeriodView] = {}
        self._redraw = Clock.create_trigger(lambda _dt: self.refresh(), 0.2)

    def prepare(self, mode: str | None = None, notice: str = "") -> None:
        self.notice = notice  # e.g. "Check-in saved." after a check-in
        if mode is None:
            self._views.clear()  # coming from another screen: the journal may have changed
        self.mode = mode or self.mode
        today = date.today()
        week_start = App.get_running_app().settings.week_start
        self.period = (
            Week.containing(today, check_week_start(week_start)) if self.mode == "week" else Month.containing(today)
        )
        self.refresh()

    def set_mode(self, mode: str) -> None:
        if mode != self.mode:
            self.prepare(mode)

    def step(self, direction: int) -> None:
        self.period = self.period.next() if direction > 0 else self.period.previous()
        self.refresh()

    def refresh(self) -> None:
        self._request += 1
        request, period = self._request, self.period
        cached = self._views.get(self._key(period))
        if cached is not None:
            self._show(request, cached)
            return
        self.loading = True
        self._build(period, lambda view: self._show(request, view), busy=True)

    def chart_resized(self) -> None:
        """The chart's box changed size (window resized): draw it again at the new size, once settled."""
        if self.period is not None:
            self._redraw()

    def _key(self, period: Week | Month) -> tuple[Week | Month, str, str, ChartLook]:
        app = App.get_running_app()
        look = chart_look(self.ids.chart_box.height, app.theme.small)
        return (period, app.settings.theme, app.settings.week_start, look)

    def _build(self, period: Week | Month, then: Callable[[PeriodView], None], busy: bool) -> None:
        """Make the view of ``period`` in a worker, keep it for the next switch, then call ``then``."""
        app = App.get_running_app()
        vault, settings, key = app.vault, app.settings, self._key(period)
        look = key[3]

        def keep(view: PeriodView) -> None:
            self._views[key] = view
            then(view)

        run_in_background(
            lambda: build_view(read_checkins(vault), period, settings.week_start, settings.theme, look),
            keep,
            self._failed,
            app.busy if busy else None,
        )

    def _prefetch_other_mode(self) -> None:
        """Make the other mode's view ahead, so the Week/Month switch shows it at once."""
        today = date.today()
        other = (
            Month.containing(today)
            if isinstance(self.period, Week)
            else Week.containing(today, check_week_start(App.get_running_app().settings.week_start))
        )
        if self._key(other) not in self._views:
            self._build(other, lambda _view: None, busy=False)

    def open_checkin(self, checkin: CheckIn) -> None:
        App.get_running_app().navigator.show("entry", checkin_id=checkin.id)

    def _show(self, request: int, view: PeriodView) -> None:
        if request != self._request:
            return  # the user has moved on to another period
        self.loading = False
        self.chart = CoreImage(BytesIO(view.png), ext="png").texture
        self.observations = view.observations
        self.empty = not view.checkins
        rows = self.ids.rows
        rows.clear_widgets()
        now = datetime.now().astimezone()
        for checkin in view.checkins:
            rows.add_widget(CheckInRow(checkin=checkin, headline=_headline(checkin, now), detail=_detail(checkin)))
        self._prefetch_other_mode()

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        App.get_running_app().show_error(error)


def _headline(checkin: CheckIn, now: datetime) -> str:
    moment = when(checkin.created_at, now)
    return f"{moment[0].upper()}{moment[1:]}  ·  mood {checkin.mood}/10"


def _detail(checkin: CheckIn) -> str:
    parts = []
    if checkin.summary is not None:
        parts.append(f"mostly {checkin.summary.dominant}" if checkin.summary.dominant else "camera: inconclusive")
    if checkin.tags:
        parts.append(", ".join(checkin.tags))
    if checkin.note:
        note = checkin.note.replace("\n", " ")
        parts.append(note if len(note) <= 70 else note[:69] + "…")
    return "  ·  ".join(parts) or "No note"
