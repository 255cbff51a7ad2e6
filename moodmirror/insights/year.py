"""The year in pixels and the month calendar: one cell per day holding that day's mean mood.

``year_pixels(checkins, 2026)`` places every day of the year in a grid of week columns
(Monday-first rows, as a wall calendar) and gives each day its mean mood, or None when it has
no check-in. Several check-ins on one day count as their mean. Drawing is in
:mod:`moodmirror.insights.year_chart`. ``month_calendar(checkins, month)`` gives the same
cells for one month laid out the other way round, as a calendar page: a column per weekday
(Monday first), a row per week.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, tzinfo
from statistics import fmean

from moodmirror.insights.periods import Month
from moodmirror.insights.trends import group_by_day
from moodmirror.records import CheckIn


@dataclass(frozen=True)
class DayCell:
    """One day: its place in the grid, its mean mood (None: no check-in) and how many check-ins it has.

    In the year, ``column`` is the week (0 = the week of 1 January) and ``row`` the weekday
    (0 = Monday); on a month's calendar page, ``column`` is the weekday and ``row`` the week.
    """

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


def _cells(groups: dict[date, list[CheckIn]], days: list[date], by_week: bool) -> tuple[DayCell, ...]:
    offset = days[0].weekday()
    cells = []
    for day in days:
        group = groups.get(day, [])
        week, weekday = divmod((day - days[0]).days + offset, 7)
        mood = fmean(c.mood for c in group) if group else None
        column, row = (week, weekday) if by_week else (weekday, week)
        cells.append(DayCell(day, column, row, mood, len(group)))
    return tuple(cells)


def year_pixels(checkins: Iterable[CheckIn], year: int, tz: tzinfo | None = None) -> YearPixels:
    """The cells of ``year`` (local days in ``tz``; None: the system's zone)."""
    days = [day for number in range(1, 13) for day in Month(year, number).days()]
    return YearPixels(year, _cells(group_by_day(checkins, tz), days, by_week=True))


def month_calendar(checkins: Iterable[CheckIn], month: Month, tz: tzinfo | None = None) -> tuple[DayCell, ...]:
    """The cells of ``month`` as a calendar page (``column``: weekday, Monday = 0; ``row``: week)."""
    return _cells(group_by_day(checkins, tz), month.days(), by_week=False)
