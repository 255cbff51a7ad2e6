"""What the home screen says: today's check-ins, the streak and the last check-in (no Kivy).

Days are local calendar days (:func:`moodmirror.insights.trends.local_day`), as in the charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from moodmirror.insights.trends import group_by_day
from moodmirror.records import CheckIn


@dataclass(frozen=True)
class Overview:
    """The numbers behind the home screen."""

    today_count: int
    today_mood: float | None
    today_emotion: str | None
    streak_days: int
    last: CheckIn | None


def overview(checkins: Sequence[CheckIn], today: date, tz: tzinfo | None = None) -> Overview:
    """Summarise ``checkins`` (any order) as of ``today``."""
    days = group_by_day(checkins, tz)
    todays = days.get(today, [])
    day = today if todays else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    latest_today = max(todays, key=lambda c: c.created_at) if todays else None
    emotion = latest_today.summary.dominant if latest_today and latest_today.summary else None
    return Overview(
        today_count=len(todays),
        today_mood=sum(c.mood for c in todays) / len(todays) if todays else None,
        today_emotion=emotion,
        streak_days=streak,
        last=max(checkins, key=lambda c: c.created_at) if checkins else None,
    )


def when(moment: datetime, now: datetime) -> str:
    """A friendly local time: "today at 09:05", "yesterday at 21:40" or "Mon 3 Nov at 08:00"."""
    local = moment.astimezone(now.tzinfo)
    clock = local.strftime("%H:%M")
    days = (now.date() - local.date()).days
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"yesterday at {clock}"
    return f"{local.strftime('%a')} {local.day} {local.strftime('%b')} at {clock}"
