"""Which days a report covers, as the user asks for them: a preset, or a first and last day typed.

The CLI (``export --from DATE --to DATE``) and the app's Export screen (its presets and its
From and To fields) call these, so both follow one rule:

- :data:`PRESETS` / :func:`preset_period`: the last 4 weeks or 3 months up to today, or
  everything (from the first check-in);
- :func:`typed_period`: two ``YYYY-MM-DD`` days; an empty first day is the first check-in's
  day, an empty last day is today. A text that is not a date, a day after today, or a first
  day after the last one raises :class:`~moodmirror.errors.InvalidPeriod`, whose message says
  which day and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta, tzinfo
from typing import Literal

from moodmirror.errors import InvalidPeriod
from moodmirror.insights.chart_labels import short_date
from moodmirror.records import CheckIn
from moodmirror.report.content import ReportPeriod

Preset = Literal["4 weeks", "3 months", "Everything"]
PRESETS: dict[Preset, int | None] = {"4 weeks": 28, "3 months": 91, "Everything": None}
"""Each preset's length in days, up to and including today (None: from the first check-in)."""


def preset_period(name: Preset, checkins: Sequence[CheckIn], today: date, tz: tzinfo | None = None) -> ReportPeriod:
    """The days of preset ``name``, ending ``today``."""
    days = PRESETS[name]
    if days is None:
        return ReportPeriod.covering(checkins, today, tz)
    return ReportPeriod(today - timedelta(days=days - 1), today)


def _day(text: str, which: str, today: date) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidPeriod(f"The {which} day {text.strip()!r} is not a date; write it like 2026-11-30.") from None
    if day > today:
        raise InvalidPeriod(
            f"The {which} day ({short_date(day, True)}) is in the future; the latest is today ({short_date(today, True)})."
        )
    return day


def typed_period(
    first: str, last: str, checkins: Sequence[CheckIn], today: date, tz: tzinfo | None = None
) -> ReportPeriod:
    """The days from ``first`` to ``last`` (``YYYY-MM-DD``; empty: the first check-in's day, today)."""
    end = _day(last, "last", today) if last.strip() else today
    start = _day(first, "first", today) if first.strip() else ReportPeriod.covering(checkins, end, tz).first
    if start > end:
        raise InvalidPeriod(
            f"The first day ({short_date(start, True)}) comes after the last day ({short_date(end, True)})."
        )
    return ReportPeriod(start, end)
