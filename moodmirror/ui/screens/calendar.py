"""The month calendar: a page per month, each day coloured by its mean mood; a day opens its check-ins.

The journal is read and laid out (:func:`moodmirror.insights.year.month_calendar`) in a worker
thread. Days use the year in pixels' colour-blind-safe scale and its "no entry" colour; the
number on a day is dark or light, whichever reads on it. Pressing a day lists its check-ins
below the page, each opening in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kivy.app import App
from kivy.factory import Factory
from kivy.properties import BooleanProperty, ListProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior, FocusBehavior
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from moodmirror.insights.palette import NO_ENTRY_HEX, hex_to_rgb, mood_hex
from moodmirror.insights.periods import Month
from moodmirror.insights.trends import group_by_day
from moodmirror.insights.year import DayCell, month_calendar
from moodmirror.journal import Readable, read_checkins
from moodmirror.records import CheckIn
from moodmirror.ui.screens.history import CheckInRow, _detail, _headline
from moodmirror.ui.widgets.common import KeyPress, Page
from moodmirror.ui.worker import LatestOnly

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _rgba(color: str) -> list[float]:
    return [channel / 255 for channel in hex_to_rgb(color)] + [1.0]


def _ink(color: str) -> list[float]:
    r, g, b = hex_to_rgb(color)
    return [0.1, 0.1, 0.1, 1.0] if 0.2126 * r + 0.7152 * g + 0.0722 * b > 140 else [1.0, 1.0, 1.0, 1.0]


@dataclass(frozen=True)
class MonthView:
    """The month's cells and each day's check-ins (newest first), made off the UI thread."""

    cells: tuple[DayCell, ...]
    by_day: dict[date, list[CheckIn]]


def build_month(readable: Readable, month: Month) -> MonthView:
    """The calendar page of ``month`` and the readable check-ins grouped by local day."""
    return MonthView(month_calendar(readable.checkins, month), group_by_day(readable.checkins))


class CalendarDay(KeyPress, ButtonBehavior, FocusBehavior, Label):
    """One day of the page; its colour is the day's mean mood, or "no entry"."""

    cell = ObjectProperty(None)
    fill = ListProperty([1, 1, 1, 1])


class CalendarScreen(Page):
    """A month as a calendar page."""

    month = ObjectProperty(None, allownone=True)
    title = StringProperty("")
    day_title = StringProperty("")
    loading = BooleanProperty(False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._loads = LatestOnly()
        self._by_day: dict[date, list[CheckIn]] = {}

    def prepare(self, month: Month | None = None) -> None:
        App.get_running_app().navigator.screen("history")  # its rows' rules, and where they open
        self.month = month or Month.containing(date.today())
        self.refresh()

    def step(self, direction: int) -> None:
        self.month = self.month.next() if direction > 0 else self.month.previous()
        self.refresh()

    def refresh(self) -> None:
        app = App.get_running_app()
        month, vault = self.month, app.vault
        self.title = f"{month.days()[0]:%B %Y}"
        self.loading = True
        self._loads.run(lambda: build_month(read_checkins(vault), month), self._show, self._failed, app.busy)

    def open_day(self, cell: DayCell) -> None:
        checkins = self._by_day.get(cell.day, [])
        count = len(checkins)
        self.day_title = f"{cell.day:%A %d %B %Y}: " + (
            f"{count} check-in{'s' if count != 1 else ''}" if count else "no check-in"
        )
        rows = self.ids.rows
        rows.clear_widgets()
        now = datetime.now().astimezone()
        for checkin in checkins:
            rows.add_widget(CheckInRow(checkin=checkin, headline=_headline(checkin, now), detail=_detail(checkin)))

    def _show(self, view: MonthView) -> None:
        self.loading = False
        self._by_day = view.by_day
        self.day_title = ""
        self.ids.rows.clear_widgets()
        grid = self.ids.grid
        grid.clear_widgets()
        theme = App.get_running_app().settings.theme
        for name in WEEKDAYS:
            grid.add_widget(Factory.Muted(text=name, halign="center"))
        for _ in range(view.cells[0].column):
            grid.add_widget(Widget())
        for cell in view.cells:
            color = mood_hex(cell.mood) if cell.mood is not None else NO_ENTRY_HEX.get(theme, NO_ENTRY_HEX["light"])
            grid.add_widget(CalendarDay(cell=cell, text=str(cell.day.day), fill=_rgba(color), color=_ink(color)))

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        App.get_running_app().show_error(error)
