"""What goes with your mood: tags, weekdays and times of day, this month or over everything.

The comparisons (:mod:`moodmirror.insights.effects`) are worked out in a worker thread; the
screen shows one line per comparison and the caveat that it is an association, not a cause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kivy.app import App
from kivy.properties import BooleanProperty, OptionProperty, StringProperty

from moodmirror.insights.effects import CAVEAT, MIN_COUNT, Effect, mood_effects
from moodmirror.insights.periods import Month
from moodmirror.insights.trends import local_day
from moodmirror.journal import Readable, read_checkins
from moodmirror.ui.widgets.common import Page
from moodmirror.ui.worker import LatestOnly


@dataclass(frozen=True)
class InsightsView:
    """The screen's texts, made off the UI thread."""

    heading: str
    tags: str
    weekdays: str
    times: str


def _lines(items: Sequence[Effect]) -> str:
    return "\n".join("•  " + item.describe() for item in items) or "None yet."


def build_insights(readable: Readable, month: Month | None) -> InsightsView:
    """The comparisons for ``month`` (None: every check-in) as the screen's texts."""
    checkins = readable.checkins
    if month is not None:
        checkins = [c for c in checkins if Month.containing(local_day(c.created_at)) == month]
    effects = mood_effects(checkins)
    where = f"in {month}" if month else "over all your check-ins"
    heading = (
        f"{effects.checkins} check-ins on {effects.days} days {where}. Each line compares the mean mood with and "
        f"without; below {MIN_COUNT} on either side it is too few to tell."
    )
    return InsightsView(heading, _lines(effects.tags), _lines(effects.weekdays), _lines(effects.times_of_day))


class InsightsScreen(Page):
    """Mean mood with and without each tag, weekday and time of day."""

    mode = OptionProperty("all", options=["month", "all"])
    heading = StringProperty("")
    tags = StringProperty("")
    weekdays = StringProperty("")
    times = StringProperty("")
    caveat = StringProperty(CAVEAT)
    loading = BooleanProperty(False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._loads = LatestOnly()

    def prepare(self, mode: str | None = None) -> None:
        self.mode = mode or self.mode
        self.refresh()

    def set_mode(self, mode: str) -> None:
        if mode != self.mode:
            self.prepare(mode)

    def refresh(self) -> None:
        app = App.get_running_app()
        vault = app.vault
        month = Month.containing(date.today()) if self.mode == "month" else None
        self.loading = True
        self._loads.run(lambda: build_insights(read_checkins(vault), month), self._show, self._failed, app.busy)

    def _show(self, view: InsightsView) -> None:
        self.loading = False
        self.heading, self.tags, self.weekdays, self.times = view.heading, view.tags, view.weekdays, view.times

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        App.get_running_app().show_error(error)
