"""The year in pixels: one cell per day of a year holding that day's mean self-rated mood.

``year_pixels(checkins, 2026)`` places every day of the year in a grid of week columns
(Monday-first rows, as a wall calendar) and gives each day its mean mood, or None when it has
no check-in. Several check-ins on one day count as their mean. Drawing is in
:mod:`moodmirror.insights.year_chart`; the app's year view draws the same cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from statistics import fmean

from moodmirror.insights.trends import group_by_day
from moodmirror.records import CheckIn


@dataclass(frozen=True)
class DayCell:
    """One day: its week column (0 = the week of 1 January), weekday row (0 = Monday) and mean mood."""

    day: date
    column: int
    row: int
    mood: float | None
    checkins: int


@dataclass(frozen=True)
class YearPixels:
    """Every day of ``year`` as a cell; ``columns`` is the number of week columns."""

    year: int
    cells: tuple[DayCell, ...]

    @property
    def columns(self) -> int:
        return self.cells[-1].column + 1

    @property
    def days_with_entries(self) -> int:
        return sum(1 for cell in self.cells if cell.mood is not None)


def year_pixels(checkins: Iterable[CheckIn], year: int, tz: tzinfo | None = None) -> YearPixels:
    """The cells of ``year`` (local days in ``tz``; None: the system's zone)."""
    groups = group_by_day(checkins, tz)
    first = date(year, 1, 1)
    offset = first.weekday()
    cells = []
    day = first
    while day.year == year:
        group = groups.get(day, [])
        index = (day - first).days + offset
        mood = fmean(c.mood for c in group) if group else None
        cells.append(DayCell(day, index // 7, index % 7, mood, len(group)))
        day += timedelta(days=1)
    return YearPixels(year, tuple(cells))
