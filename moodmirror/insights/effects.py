"""What goes with your mood: mean mood with and without each tag, weekday and time of day.

For each tag, the days that have it (any check-in of the local day carries the tag) are set
against the days that do not, comparing the days' mean self-rated moods. Weekdays are compared
the same way (Mondays against all other days). Times of day compare check-ins, not days
(morning check-ins against all others), since a day holds several times.

A comparison with fewer than :data:`MIN_COUNT` days (or check-ins) on either side is marked
``enough=False``: with so few, the difference is mostly chance. Even with enough, it is an
association in the person's own data, not a cause; the README and every front end say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from statistics import fmean
from typing import Literal

from moodmirror.insights.trends import group_by_day
from moodmirror.records import CheckIn

MIN_COUNT = 5
"""Fewest days (or check-ins) on each side of a comparison before a difference is shown."""

FactorKind = Literal["tag", "weekday", "time of day"]
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIMES_OF_DAY = ("night", "morning", "afternoon", "evening")
CAVEAT = "An association in your own entries, not a cause; small differences over few days are mostly chance."


def time_of_day(moment: datetime, tz: tzinfo | None = None) -> str:
    """Night (22:00-04:59), morning (05:00-11:59), afternoon (12:00-16:59) or evening (17:00-21:59), local time."""
    hour = moment.astimezone(tz).hour
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"


def _count(n: int, unit: str) -> str:
    return f"{n} {unit.removesuffix('s') if n == 1 else unit}"


@dataclass(frozen=True)
class Effect:
    """Mean mood with a factor against without it; ``unit`` is "days" or "check-ins"."""

    kind: FactorKind
    name: str
    unit: str
    count_with: int
    mean_with: float | None
    count_without: int
    mean_without: float | None

    @property
    def enough(self) -> bool:
        """Whether both sides have at least :data:`MIN_COUNT` days (or check-ins)."""
        return min(self.count_with, self.count_without) >= MIN_COUNT

    @property
    def difference(self) -> float | None:
        """Mean with minus mean without, or None when there are too few to tell."""
        if not self.enough or self.mean_with is None or self.mean_without is None:
            return None
        return self.mean_with - self.mean_without

    def describe(self) -> str:
        """One line, as the command line and the app show it."""
        counts = f"{_count(self.count_with, self.unit)} with, {self.count_without} without"
        if self.difference is None:
            return f"{self.name}: too few {self.unit} to tell ({counts})"
        return f"{self.name}: {self.difference:+.1f} (mean {self.mean_with:.1f} with, {self.mean_without:.1f} without; {counts})"

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind, "name": self.name, "unit": self.unit,
            "count_with": self.count_with, "mean_with": self.mean_with,
            "count_without": self.count_without, "mean_without": self.mean_without,
            "enough": self.enough, "difference": self.difference,
        }  # fmt: skip


def _compare(kind: FactorKind, name: str, unit: str, moods: Sequence[tuple[bool, float]]) -> Effect:
    with_ = [mood for has, mood in moods if has]
    without = [mood for has, mood in moods if not has]
    return Effect(kind, name, unit, len(with_), fmean(with_) if with_ else None,
                  len(without), fmean(without) if without else None)  # fmt: skip


@dataclass(frozen=True)
class Effects:
    """Every comparison for a set of check-ins; tags sorted by how many days have them."""

    days: int
    checkins: int
    tags: tuple[Effect, ...]
    weekdays: tuple[Effect, ...]
    times_of_day: tuple[Effect, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "days": self.days, "checkins": self.checkins, "min_count": MIN_COUNT, "caveat": CAVEAT,
            "tags": [e.to_dict() for e in self.tags],
            "weekdays": [e.to_dict() for e in self.weekdays],
            "times_of_day": [e.to_dict() for e in self.times_of_day],
        }  # fmt: skip


def mood_effects(checkins: Iterable[CheckIn], tz: tzinfo | None = None) -> Effects:
    """Compare the mood with and without each tag, on each weekday and at each time of day."""
    items = list(checkins)
    days = [
        (day, fmean(c.mood for c in group), {tag for c in group for tag in c.tags})
        for day, group in group_by_day(items, tz).items()
    ]
    tag_days: dict[str, int] = {}
    for _, _, tags in days:
        for tag in tags:
            tag_days[tag] = tag_days.get(tag, 0) + 1
    ordered_tags = sorted(tag_days, key=lambda tag: (-tag_days[tag], tag))
    tags = tuple(_compare("tag", tag, "days", [(tag in t, mood) for _, mood, t in days]) for tag in ordered_tags)
    weekdays = tuple(
        _compare("weekday", name, "days", [(day.weekday() == index, mood) for day, mood, _ in days])
        for index, name in enumerate(WEEKDAYS)
    )
    moments = [(time_of_day(c.created_at, tz), float(c.mood)) for c in items]
    times = tuple(
        _compare("time of day", name, "check-ins", [(when == name, mood) for when, mood in moments])
        for name in TIMES_OF_DAY
    )
    return Effects(len(days), len(items), tags, weekdays, times)
