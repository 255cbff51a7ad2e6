"""Calendar periods for the trend views: ISO weeks (``YYYY-Www``) and months (``YYYY-MM``).

A :class:`Week` is named by its ISO week (the week that holds its Monday). With the default
``week_start="monday"`` its days are that Monday to Sunday, exactly the ISO week. With
``week_start="sunday"`` its days are the Sunday *before* that Monday through the Saturday
after it, so a Sunday belongs to the week named after the next day. The UI steps through weeks
with :meth:`Week.previous` / :meth:`Week.next` and finds today's week with
:meth:`Week.containing`.

Parsing raises :class:`moodmirror.errors.InvalidPeriod` (a ``MoodMirrorError``) with a one-line
message, so the CLI can show it as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from moodmirror.errors import InvalidPeriod

WeekStart = Literal["monday", "sunday"]
WEEK_STARTS: tuple[WeekStart, ...] = ("monday", "sunday")

_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def check_week_start(week_start: str) -> WeekStart:
    """Return ``week_start`` if it is "monday" or "sunday"; raise InvalidPeriod otherwise."""
    if week_start not in WEEK_STARTS:
        raise InvalidPeriod(f"week start must be 'monday' or 'sunday', not {week_start!r}")
    return week_start


@dataclass(frozen=True, order=True)
class Week:
    """One ISO week, e.g. ``Week(2026, 48)``; ``str()`` gives ``"2026-W48"``."""

    year: int
    week: int

    def __post_init__(self) -> None:
        try:
            date.fromisocalendar(self.year, self.week, 1)
        except ValueError:
            raise InvalidPeriod(f"{self.year} has no ISO week {self.week}") from None

    def __str__(self) -> str:
        return f"{self.year:04d}-W{self.week:02d}"

    @classmethod
    def parse(cls, text: str) -> Week:
        """Read ``YYYY-Www`` (e.g. ``2026-W48``)."""
        match = _WEEK_RE.match(text.strip())
        if not match:
            raise InvalidPeriod(f"a week looks like 2026-W48, not {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day: date, week_start: WeekStart = "monday") -> Week:
        """The week that shows ``day`` when weeks start on ``week_start``."""
        check_week_start(week_start)
        if week_start == "sunday" and day.isoweekday() == 7:
            day = day + timedelta(days=1)
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    def first_day(self, week_start: WeekStart = "monday") -> date:
        """The first day shown: the Monday, or the Sunday before it."""
        shift = 1 if check_week_start(week_start) == "sunday" else 0
        return self.monday - timedelta(days=shift)

    def days(self, week_start: WeekStart = "monday") -> list[date]:
        """The seven days of the week, in display order."""
        first = self.first_day(week_start)
        return [first + timedelta(days=i) for i in range(7)]

    def next(self) -> Week:
        return Week.containing(self.monday + timedelta(days=7))

    def previous(self) -> Week:
        return Week.containing(self.monday - timedelta(days=7))


@dataclass(frozen=True, order=True)
class Month:
    """One calendar month, e.g. ``Month(2026, 11)``; ``str()`` gives ``"2026-11"``."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.year <= 9999 and 1 <= self.month <= 12):
            raise InvalidPeriod(f"no such month: {self.year:04d}-{self.month:02d}")

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read ``YYYY-MM`` (e.g. ``2026-11``)."""
        match = _MONTH_RE.match(text.strip())
        if not match:
            raise InvalidPeriod(f"a month looks like 2026-11, not {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def days(self) -> list[date]:
        """Every day of the month, in order."""
        first = date(self.year, self.month, 1)
        end = self.next()
        count = (date(end.year, end.month, 1) - first).days
        return [first + timedelta(days=i) for i in range(count)]

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)
