"""Per-day statistics of check-ins for a week, a month or all time (what the charts draw).

Check-ins are stored in UTC; here each is placed on the day it happened in the user's local
time zone (``tz``; ``None`` means the system's local zone, including its daylight-saving
rules at the moment of each check-in).

For each day: the number of check-ins, the mean self-rated mood (1..10), and, over the
check-ins that have a *conclusive* camera summary, the mean detected valence (-1..1) and the
mean emotion probabilities (the emotion mix). Check-ins without a camera, or whose camera
session was inconclusive, count towards mood and the number of check-ins only. ``tone`` is the
mean tone of the day's notes (-1..1, :mod:`moodmirror.insights.tone`), over those that have one.

Entry points: :func:`week_stats`, :func:`month_stats`, :func:`all_time_stats`, all returning a
:class:`PeriodStats`, which :func:`moodmirror.insights.charts.render_chart` draws.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Literal

from moodmirror.emotions import EMOTIONS
from moodmirror.insights.periods import Month, Week, WeekStart
from moodmirror.records import CheckIn

PeriodKind = Literal["week", "month", "all"]


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day of ``moment`` in ``tz`` (None: the system's local time zone)."""
    return moment.astimezone(tz).date()


def today(tz: tzinfo | None = None) -> date:
    """Today's date in ``tz`` (None: the system's local time zone)."""
    return datetime.now(tz).date()


@dataclass(frozen=True)
class DayStats:
    """What one day's check-ins add up to; the means are None when there is nothing to average."""

    day: date
    checkins: int = 0
    camera_checkins: int = 0
    mood: float | None = None
    valence: float | None = None
    emotions: dict[str, float] | None = None
    tone: float | None = None


@dataclass(frozen=True)
class PeriodStats:
    """A run of consecutive days (a week, a month, or all time) with their statistics."""

    kind: PeriodKind
    label: str
    days: tuple[DayStats, ...]

    @property
    def checkins(self) -> int:
        return sum(d.checkins for d in self.days)

    @property
    def empty(self) -> bool:
        return self.checkins == 0

    @property
    def mean_mood(self) -> float | None:
        """Mean self-rated mood over all check-ins in the period (not a mean of daily means)."""
        total = sum(d.mood * d.checkins for d in self.days if d.mood is not None)
        return total / self.checkins if self.checkins else None


def _day(day: date, checkins: Sequence[CheckIn]) -> DayStats:
    if not checkins:
        return DayStats(day)
    mood = sum(c.mood for c in checkins) / len(checkins)
    tones = [c.note_tone for c in checkins if c.note_tone is not None]
    tone = sum(tones) / len(tones) if tones else None
    summaries = [c.summary for c in checkins if c.summary is not None and not c.summary.inconclusive]
    if not summaries:
        return DayStats(day, checkins=len(checkins), mood=mood, tone=tone)
    n = len(summaries)
    return DayStats(
        day,
        checkins=len(checkins),
        camera_checkins=n,
        mood=mood,
        valence=sum(s.valence for s in summaries) / n,
        emotions={e: sum(s.probabilities.get(e, 0.0) for s in summaries) / n for e in EMOTIONS},
        tone=tone,
    )


def group_by_day(checkins: Iterable[CheckIn], tz: tzinfo | None = None) -> dict[date, list[CheckIn]]:
    """Check-ins keyed by their local day."""
    groups: dict[date, list[CheckIn]] = {}
    for checkin in checkins:
        groups.setdefault(local_day(checkin.created_at, tz), []).append(checkin)
    return groups


def days_stats(checkins: Iterable[CheckIn], days: Sequence[date], tz: tzinfo | None = None) -> tuple[DayStats, ...]:
    """One :class:`DayStats` per day in ``days`` (check-ins on other days are ignored)."""
    groups = group_by_day(checkins, tz)
    return tuple(_day(day, groups.get(day, [])) for day in days)


def week_stats(
    checkins: Iterable[CheckIn], week: Week, week_start: WeekStart = "monday", tz: tzinfo | None = None
) -> PeriodStats:
    """Seven days of ``week`` in display order for ``week_start``."""
    return PeriodStats("week", str(week), days_stats(checkins, week.days(week_start), tz))


def month_stats(checkins: Iterable[CheckIn], month: Month, tz: tzinfo | None = None) -> PeriodStats:
    """Every day of ``month``."""
    return PeriodStats("month", str(month), days_stats(checkins, month.days(), tz))


def all_time_stats(checkins: Iterable[CheckIn], tz: tzinfo | None = None, until: date | None = None) -> PeriodStats:
    """Every day from the first check-in to ``until`` (default: today, or the last check-in if later).

    With no check-ins at all, the seven days ending ``until`` (so the chart still has an axis).
    """
    items = list(checkins)
    end = until or today(tz)
    days_with_data = [local_day(c.created_at, tz) for c in items]
    if days_with_data:
        start = min(days_with_data)
        end = max(end, max(days_with_data))
    else:
        start = end - timedelta(days=6)
    span = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return PeriodStats("all", "All time", days_stats(items, span, tz))
