"""Short plain-language observations under a chart, computed from the data, never invented.

``period_observations(checkins, period, week_start="monday", tz=None, today=None)`` returns a
list of :class:`Observation` (``kind`` for styling or tests, ``text`` to show) for a
:class:`~moodmirror.insights.periods.Week` or :class:`~moodmirror.insights.periods.Month`.
Pass *all* the user's check-ins (or at least the last few months): the period and the one
before it are taken from them, the check-in streak runs up to ``today`` and tag patterns use
everything passed.

Each observation is only made when the data can carry it; with too little data the list is
shorter, possibly empty, rather than saying something weak:

- ``mood_change``: average mood against the previous period, each with >= 3 check-ins;
- ``best_day`` / ``hardest_day``: >= 3 days with check-ins, a unique highest / lowest daily
  mean, and >= 1 point between them;
- ``top_emotion``: the camera's most frequent dominant emotion, over >= 3 conclusive camera
  check-ins, strictly more often than any other;
- ``streak``: >= 3 consecutive days with a check-in, ending today or yesterday;
- ``tag_higher`` / ``tag_lower``: a tag on >= 3 check-ins (and >= 3 without it) whose mean mood
  differs by >= 1 point from the check-ins without it (at most two of each, largest first).

The wording describes, it never explains or diagnoses ("went with", not "caused").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Literal

from moodmirror.insights.chart_labels import day_name
from moodmirror.insights.periods import Month, Week, WeekStart
from moodmirror.insights.trends import PeriodStats, group_by_day, local_day, month_stats, week_stats
from moodmirror.insights.trends import today as local_today
from moodmirror.records import CheckIn

ObservationKind = Literal["mood_change", "best_day", "hardest_day", "top_emotion", "streak", "tag_higher", "tag_lower"]

MIN_CHECKINS_FOR_AVERAGE = 3
MIN_DAYS_FOR_BEST = 3
MIN_CAMERA_CHECKINS = 3
MIN_STREAK = 3
MIN_TAG_CHECKINS = 3
MIN_DIFFERENCE = 1.0
SAME_MOOD_WITHIN = 0.3
MAX_TAGS_EACH_WAY = 2


@dataclass(frozen=True)
class Observation:
    """One sentence for the user, and what kind of observation it is."""

    kind: ObservationKind
    text: str


def period_observations(
    checkins: Sequence[CheckIn],
    period: Week | Month,
    week_start: WeekStart = "monday",
    tz: tzinfo | None = None,
    today: date | None = None,
) -> list[Observation]:
    """Everything worth saying about ``period``, in display order (may be empty)."""
    if isinstance(period, Week):
        this = week_stats(checkins, period, week_start, tz)
        last = week_stats(checkins, period.previous(), week_start, tz)
    else:
        this = month_stats(checkins, period, tz)
        last = month_stats(checkins, period.previous(), tz)
    first, end = this.days[0].day, this.days[-1].day
    inside = [c for c in checkins if first <= local_day(c.created_at, tz) <= end]
    found = [mood_change(this, last), *best_and_hardest_days(this), top_emotion(inside)]
    found.append(streak(checkins, today or local_today(tz), tz))
    found.extend(tag_patterns(checkins))
    return [o for o in found if o is not None]


def _noun(stats: PeriodStats) -> str:
    return "week" if stats.kind == "week" else "month"


def mood_change(this: PeriodStats, last: PeriodStats) -> Observation | None:
    """Average mood this period against the one before."""
    now, before = this.mean_mood, last.mean_mood
    if now is None or before is None or min(this.checkins, last.checkins) < MIN_CHECKINS_FOR_AVERAGE:
        return None
    noun = _noun(this)
    diff = now - before
    if abs(diff) < SAME_MOOD_WITHIN:
        text = f"Your average mood this {noun} was {now:.1f}, about the same as last {noun} ({before:.1f})."
    else:
        direction = "up" if diff > 0 else "down"
        text = (
            f"Your average mood this {noun} was {now:.1f}, {direction} {abs(diff):.1f} from last {noun} ({before:.1f})."
        )
    return Observation("mood_change", text)


def best_and_hardest_days(stats: PeriodStats) -> list[Observation]:
    """The day with the highest and the one with the lowest mean mood, when each is unique."""
    rated = [(d.day, d.mood) for d in stats.days if d.mood is not None]
    if len(rated) < MIN_DAYS_FOR_BEST:
        return []
    moods = [m for _, m in rated]
    high, low = max(moods), min(moods)
    if high - low < MIN_DIFFERENCE:
        return []
    found = []
    if moods.count(high) == 1:
        day = next(d for d, m in rated if m == high)
        found.append(Observation("best_day", f"Your best day was {_day_words(day, stats)} (mood {high:.1f})."))
    if moods.count(low) == 1:
        day = next(d for d, m in rated if m == low)
        found.append(Observation("hardest_day", f"Your hardest day was {_day_words(day, stats)} (mood {low:.1f})."))
    return found


def _day_words(day: date, stats: PeriodStats) -> str:
    return day_name(day) if stats.kind == "week" else f"{day_name(day)} {day.day}"


def top_emotion(checkins: Sequence[CheckIn]) -> Observation | None:
    """The emotion the camera read most often, over conclusive camera check-ins."""
    dominants = [c.summary.dominant for c in checkins if c.summary is not None and c.summary.dominant]
    if len(dominants) < MIN_CAMERA_CHECKINS:
        return None
    ranked = Counter(dominants).most_common(2)
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    emotion, count = ranked[0]
    return Observation(
        "top_emotion",
        f"The camera most often read your expression as {emotion} ({count} of {len(dominants)} camera check-ins).",
    )


def streak(checkins: Sequence[CheckIn], today: date, tz: tzinfo | None = None) -> Observation | None:
    """Consecutive days with a check-in, ending today (or yesterday, if today has none yet)."""
    days = group_by_day(checkins, tz)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    if count < MIN_STREAK:
        return None
    return Observation("streak", f"You have checked in {count} days in a row.")


def tag_patterns(checkins: Sequence[CheckIn]) -> list[Observation]:
    """Tags whose check-ins had a clearly higher or lower mood than the check-ins without them."""
    by_tag: dict[str, list[int]] = {}
    for checkin in checkins:
        for tag in set(checkin.tags):  # already clean: the record cleans its tags
            by_tag.setdefault(tag, []).append(checkin.mood)
    total, count = sum(c.mood for c in checkins), len(checkins)
    higher: list[tuple[float, Observation]] = []
    lower: list[tuple[float, Observation]] = []
    for tag, moods in sorted(by_tag.items()):
        others = count - len(moods)
        if len(moods) < MIN_TAG_CHECKINS or others < MIN_TAG_CHECKINS:
            continue
        with_tag, without = sum(moods) / len(moods), (total - sum(moods)) / others
        diff = with_tag - without
        if abs(diff) < MIN_DIFFERENCE:
            continue
        word, bucket = ("higher", higher) if diff > 0 else ("lower", lower)
        text = (
            f"Check-ins tagged “{tag}” went with a {word} mood: {with_tag:.1f} on average, "
            f"against {without:.1f} without it ({len(moods)} check-ins)."
        )
        bucket.append((abs(diff), Observation("tag_higher" if diff > 0 else "tag_lower", text)))
    ordered = (
        sorted(higher, key=lambda x: -x[0])[:MAX_TAGS_EACH_WAY] + sorted(lower, key=lambda x: -x[0])[:MAX_TAGS_EACH_WAY]
    )
    return [o for _, o in ordered]
