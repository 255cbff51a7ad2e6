"""Words on the charts: titles, empty-period messages and x-axis tick labels.

Pure text, no drawing library, so the UI can reuse the same titles above a chart
(``period_title(stats)``) and tests can check them cheaply.
"""

from __future__ import annotations

from datetime import date

from moodmirror.insights.trends import PeriodKind, PeriodStats

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

EMPTY_MESSAGES: dict[PeriodKind, str] = {
    "week": "No check-ins this week yet",
    "month": "No check-ins this month yet",
    "all": "No check-ins yet",
}


def short_date(day: date, with_year: bool = False) -> str:
    """``23 Nov`` or ``23 Nov 2026``."""
    text = f"{day.day} {MONTH_NAMES[day.month - 1][:3]}"
    return f"{text} {day.year}" if with_year else text


def day_name(day: date) -> str:
    """``Monday`` .. ``Sunday``."""
    return WEEKDAY_NAMES[day.weekday()]


def period_title(stats: PeriodStats) -> str:
    """E.g. ``23–29 Nov 2026``, ``30 Nov – 6 Dec 2026``, ``November 2026``, ``All time · 3 Jan 2025 – 29 Nov 2026``."""
    first, last = stats.days[0].day, stats.days[-1].day
    if stats.kind == "month":
        return f"{MONTH_NAMES[first.month - 1]} {first.year}"
    span = f"{short_date(first, first.year != last.year)} – {short_date(last, True)}"
    if stats.kind == "all":
        return f"All time · {span}"
    if first.month == last.month:
        return f"{first.day}–{short_date(last, True)}"
    return span


def x_ticks(stats: PeriodStats) -> list[tuple[int, str]]:
    """(day index, label) pairs: every day of a week, about weekly in a month, months beyond."""
    days = [d.day for d in stats.days]
    if len(days) <= 7:
        return [(i, f"{day_name(d)[:3]}\n{d.day}") for i, d in enumerate(days)]
    if len(days) <= 62:
        return [(i, short_date(d)) for i, d in enumerate(days) if (i % 7 == 0)]
    starts = [(i, d) for i, d in enumerate(days) if d.day == 1]
    stride = max(1, -(-len(starts) // 8))
    return [(i, f"{MONTH_NAMES[d.month - 1][:3]}\n{d.year}") for i, d in starts[::stride]]
