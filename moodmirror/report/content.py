"""What goes into a report: the period, the user's choices, and the figures computed from them.

Everything here is plain data, independent of PDF layout:

- :class:`ReportPeriod` (first and last local day, inclusive) and :class:`ReportOptions`
  (notes or not, excluded check-in ids, week start, time zone, time of making);
- :func:`select_checkins`: the check-ins the report shows, oldest first. An excluded id is
  left out of *everything* (table, CSV, charts, figures, notes), not just hidden;
- :class:`TableRow` / :func:`table_rows`: one row per check-in for the table and the CSV;
- :class:`EmotionMix` / :func:`emotion_mix`: the camera's emotion mix over the whole period.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Literal

from moodmirror.emotions import EMOTIONS
from moodmirror.errors import InvalidPeriod
from moodmirror.insights.chart_labels import short_date
from moodmirror.insights.periods import WeekStart
from moodmirror.insights.trends import local_day
from moodmirror.records import CheckIn


@dataclass(frozen=True)
class ReportPeriod:
    """The local days a report covers, ``first`` to ``last`` inclusive."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise InvalidPeriod(f"the report period starts ({self.first}) after it ends ({self.last})")

    @classmethod
    def covering(cls, checkins: Iterable[CheckIn], until: date, tz: tzinfo | None = None) -> ReportPeriod:
        """From the day of the earliest check-in (or ``until`` if there is none) to ``until``."""
        days = [local_day(c.created_at, tz) for c in checkins]
        return cls(min([*days, until]), until)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last

    def title(self) -> str:
        """E.g. ``1 Jan 2026 – 31 Dec 2026`` (one day: ``3 Mar 2026``)."""
        if self.first == self.last:
            return short_date(self.first, True)
        return f"{short_date(self.first, True)} – {short_date(self.last, True)}"


@dataclass(frozen=True)
class ReportOptions:
    """The user's choices for one report.

    ``tz``: the time zone for days and times (None: the system's local zone).
    ``made_at``: when the report is made (None: now); shown on the cover.
    """

    include_notes: bool = False
    exclude_ids: frozenset[str] = field(default_factory=frozenset)
    week_start: WeekStart = "monday"
    tz: tzinfo | None = None
    made_at: datetime | None = None

    def made(self) -> datetime:
        """When the report was made, in the report's time zone."""
        return (self.made_at or datetime.now().astimezone()).astimezone(self.tz)


def select_checkins(checkins: Iterable[CheckIn], period: ReportPeriod, options: ReportOptions) -> list[CheckIn]:
    """The check-ins inside ``period`` and not excluded, oldest first."""
    chosen = [
        c for c in checkins if c.id not in options.exclude_ids and period.contains(local_day(c.created_at, options.tz))
    ]
    return sorted(chosen, key=lambda c: (c.created_at, c.id))


CameraState = Literal["none", "inconclusive", "conclusive"]
"""Whether a check-in had no camera, an inconclusive camera session, or a conclusive one."""


@dataclass(frozen=True)
class TableRow:
    """One check-in as the table and the CSV show it (time in the report's time zone)."""

    when: datetime
    mood: int
    emotion: str | None
    confidence: float | None
    valence: float | None
    probabilities: dict[str, float] | None
    tags: tuple[str, ...]
    camera: CameraState
    tone: float | None = None

    def emotion_text(self) -> str:
        """E.g. ``happiness 72%``, ``inconclusive`` or ``–`` (no camera)."""
        if self.camera == "none":
            return "–"
        if self.emotion is None or self.confidence is None:
            return "inconclusive"
        return f"{self.emotion} {self.confidence:.0%}"

    def valence_text(self) -> str:
        """E.g. ``+0.41``, or ``–`` without a conclusive camera reading."""
        return "–" if self.valence is None else f"{self.valence:+.2f}"

    def tone_text(self) -> str:
        """The note's tone, e.g. ``-0.35``, or ``–`` without a note (or an estimate)."""
        return "–" if self.tone is None else f"{self.tone:+.2f}"


def table_row(checkin: CheckIn, tz: tzinfo | None = None) -> TableRow:
    """The table row for one check-in."""
    summary = checkin.summary
    when = checkin.created_at.astimezone(tz)
    tags = tuple(t for t in checkin.tags if t.strip())
    tone = checkin.note_tone
    if summary is None:
        return TableRow(when, checkin.mood, None, None, None, None, tags, "none", tone)
    if summary.inconclusive:
        return TableRow(when, checkin.mood, None, None, None, None, tags, "inconclusive", tone)
    return TableRow(
        when,
        checkin.mood,
        summary.dominant,
        summary.confidence,
        summary.valence,
        dict(summary.probabilities),
        tags,
        "conclusive",
        tone,
    )


def table_rows(checkins: Sequence[CheckIn], tz: tzinfo | None = None) -> list[TableRow]:
    """One row per check-in, in the given order."""
    return [table_row(c, tz) for c in checkins]


@dataclass(frozen=True)
class EmotionMix:
    """The camera's reading over a period: mean probabilities and how often each emotion led."""

    camera_checkins: int
    inconclusive: int
    shares: dict[str, float]
    dominant_counts: dict[str, int]

    @property
    def empty(self) -> bool:
        return self.camera_checkins == 0


def emotion_mix(checkins: Sequence[CheckIn]) -> EmotionMix:
    """Mean emotion probabilities over the conclusive camera check-ins (inconclusive ones counted apart)."""
    summaries = [c.summary for c in checkins if c.summary is not None]
    conclusive = [s for s in summaries if not s.inconclusive]
    n = len(conclusive)
    shares = {e: (sum(s.probabilities.get(e, 0.0) for s in conclusive) / n if n else 0.0) for e in EMOTIONS}
    counts = Counter(s.dominant for s in conclusive if s.dominant)
    return EmotionMix(n, len(summaries) - n, shares, {e: counts.get(e, 0) for e in EMOTIONS})
