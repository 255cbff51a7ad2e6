"""The trend charts of a report, each with the observations that belong to it.

A period of up to :data:`MAX_WEEK_CHARTS` weeks gets one chart per week; a longer one gets one
chart per calendar month (still one point per day, so the weekly rhythm stays visible, and a
one-year report stays a dozen charts rather than fifty). Weeks or months without a check-in
are left out. Charts come from :func:`moodmirror.insights.charts.render_chart` in the light
(print) palette at A4 size, as PNG bytes kept in memory.

Observations come from :mod:`moodmirror.insights.observations`, computed only from the
check-ins the report shows: under each chart the change from the chart before, the best and
hardest day and the camera's most frequent reading; for the whole period the camera's most
frequent reading and the tags that went with a higher or lower mood.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from moodmirror.insights.observations import best_and_hardest_days, mood_change, tag_patterns, top_emotion
from moodmirror.insights.periods import Month, Week
from moodmirror.insights.trends import PeriodStats, local_day, month_stats, week_stats
from moodmirror.records import CheckIn
from moodmirror.report.content import ReportOptions, ReportPeriod

MAX_WEEK_CHARTS = 8
CHART_THEME = "light"
CHART_DPI = 120


@dataclass(frozen=True)
class ChartSection:
    """One chart (PNG bytes; the chart draws its own title) and what can be said about its days."""

    png: bytes
    observations: tuple[str, ...]


def chart_periods(period: ReportPeriod, options: ReportOptions) -> list[Week] | list[Month]:
    """The weeks (short periods) or months (long ones) that together cover ``period``."""
    week, last_week = (
        Week.containing(period.first, options.week_start),
        Week.containing(period.last, options.week_start),
    )
    weeks = [week]
    while week != last_week:
        week = week.next()
        weeks.append(week)
    if len(weeks) <= MAX_WEEK_CHARTS:
        return weeks
    month, last_month = Month.containing(period.first), Month.containing(period.last)
    months = [month]
    while month != last_month:
        month = month.next()
        months.append(month)
    return months


def _stats(checkins: Sequence[CheckIn], part: Week | Month, options: ReportOptions) -> PeriodStats:
    if isinstance(part, Week):
        return week_stats(checkins, part, options.week_start, options.tz)
    return month_stats(checkins, part, options.tz)


def chart_sections(checkins: Sequence[CheckIn], period: ReportPeriod, options: ReportOptions) -> list[ChartSection]:
    """A chart and its observations for each week or month of ``period`` that has check-ins.

    ``checkins`` are the report's check-ins (already limited to the period, exclusions applied).
    """
    from moodmirror.insights.charts import A4_SIZE_IN, render_chart

    sections = []
    for part in chart_periods(period, options):
        stats = _stats(checkins, part, options)
        if stats.empty:
            continue
        first, last = stats.days[0].day, stats.days[-1].day
        inside = [c for c in checkins if first <= local_day(c.created_at, options.tz) <= last]
        found = [
            mood_change(stats, _stats(checkins, part.previous(), options)),
            *best_and_hardest_days(stats),
            top_emotion(inside),
        ]
        png = render_chart(stats, CHART_THEME, A4_SIZE_IN, CHART_DPI)
        sections.append(ChartSection(png, tuple(o.text for o in found if o is not None)))
    return sections


def period_observations(checkins: Sequence[CheckIn]) -> list[str]:
    """What can be said about the whole period: the camera's most frequent reading, tag patterns."""
    found = [top_emotion(checkins), *tag_patterns(checkins)]
    return [o.text for o in found if o is not None]
