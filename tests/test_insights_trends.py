"""Weeks and months (parsing, navigation, Sunday start, time zones) and per-day statistics."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from moodmirror.errors import InvalidPeriod, UsageError
from moodmirror.insights.periods import Month, Week
from moodmirror.insights.trends import all_time_stats, month_stats, week_stats
from moodmirror.records import CheckIn

MakeCheckin = Callable[..., CheckIn]
NEW_YORK = ZoneInfo("America/New_York")


def test_week_round_trips_through_text() -> None:
    week = Week.parse("2026-W48")
    assert (week.year, week.week) == (2026, 48)
    assert str(week) == "2026-W48"
    assert str(Week(2027, 1)) == "2027-W01"


@pytest.mark.parametrize("text", ["2026W48", "2026-W4", "2026-48", "2025-W53", "2026-W00", "2026-W54", "week 48"])
def test_bad_weeks_are_refused_with_a_usage_error(text: str) -> None:
    with pytest.raises(InvalidPeriod) as caught:
        Week.parse(text)
    assert isinstance(caught.value, UsageError)


def test_week_days_start_on_monday_by_default() -> None:
    days = Week(2026, 48).days()
    assert days[0] == date(2026, 11, 23) and days[0].weekday() == 0
    assert days[-1] == date(2026, 11, 29)


def test_sunday_start_shows_the_sunday_before_and_owns_sundays() -> None:
    days = Week(2026, 48).days("sunday")
    assert days[0] == date(2026, 11, 22) and days[0].isoweekday() == 7
    assert days[-1] == date(2026, 11, 28)
    assert Week.containing(date(2026, 11, 29), "sunday") == Week(2026, 49)
    assert Week.containing(date(2026, 11, 29), "monday") == Week(2026, 48)
    with pytest.raises(InvalidPeriod):
        Week(2026, 48).days("saturday")  # type: ignore[arg-type]


def test_week_navigation_crosses_year_boundaries() -> None:
    assert Week.containing(date(2026, 12, 31)) == Week(2026, 53)
    assert Week(2026, 53).next() == Week(2027, 1)
    assert Week(2027, 1).previous() == Week(2026, 53)
    assert Week(2026, 1).previous() == Week(2025, 52)
    assert Week.containing(date(2027, 1, 3), "sunday") == Week(2027, 1)  # the Sunday before 4 Jan 2027
    assert Week(2027, 1).days("sunday")[0] == date(2027, 1, 3)


def test_months_parse_navigate_and_list_their_days() -> None:
    assert str(Month.parse("2026-11")) == "2026-11"
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2026, 1).previous() == Month(2025, 12)
    assert len(Month(2024, 2).days()) == 29 and len(Month(2026, 2).days()) == 28
    for text in ("2026-13", "2026-00", "26-11", "2026/11"):
        with pytest.raises(InvalidPeriod):
            Month.parse(text)


def test_checkins_land_on_their_local_day_across_a_dst_change(make_checkin: MakeCheckin) -> None:
    # US clocks went forward at 02:00 on Sunday 8 March 2026.
    before = make_checkin(datetime(2026, 3, 8, 6, 30, tzinfo=UTC), 3)  # 01:30 EST, Sunday
    after = make_checkin(datetime(2026, 3, 9, 3, 30, tzinfo=UTC), 5)  # 23:30 EDT, still Sunday
    local = week_stats([before, after], Week(2026, 10), tz=NEW_YORK)
    assert [d.checkins for d in local.days] == [0, 0, 0, 0, 0, 0, 2]
    assert local.days[6].mood == 4.0
    in_utc = week_stats([before, after], Week(2026, 10), tz=UTC)
    assert [d.checkins for d in in_utc.days] == [0, 0, 0, 0, 0, 0, 1]
    sunday_start = week_stats([before, after], Week(2026, 11), "sunday", tz=NEW_YORK)
    assert sunday_start.days[0].day == date(2026, 3, 8) and sunday_start.days[0].checkins == 2


def test_day_stats_average_mood_valence_and_mix(make_checkin: MakeCheckin) -> None:
    day = datetime(2026, 11, 24, 9, tzinfo=UTC)
    items = [
        make_checkin(day, 4, "sadness", valence=-0.6),
        make_checkin(day.replace(hour=18), 8, "happiness", valence=0.4),
        make_checkin(day.replace(hour=20), 6),  # no camera: counts for mood only
    ]
    stats = week_stats(items, Week(2026, 48), tz=UTC)
    tuesday = stats.days[1]
    assert (tuesday.checkins, tuesday.camera_checkins) == (3, 2)
    assert tuesday.mood == pytest.approx(6.0)
    assert tuesday.valence == pytest.approx(-0.1)
    assert tuesday.emotions is not None
    assert tuesday.emotions["sadness"] == pytest.approx(tuesday.emotions["happiness"])
    assert sum(tuesday.emotions.values()) == pytest.approx(1.0)
    assert stats.checkins == 3 and stats.mean_mood == pytest.approx(6.0)
    assert all(d.mood is None and d.checkins == 0 for i, d in enumerate(stats.days) if i != 1)


def test_month_and_all_time_spans(make_checkin: MakeCheckin) -> None:
    first = make_checkin(datetime(2025, 12, 30, 12), 5)
    last = make_checkin(datetime(2026, 11, 2, 12), 7)
    month = month_stats([first, last], Month(2026, 11), tz=UTC)
    assert len(month.days) == 30 and month.checkins == 1
    everything = all_time_stats([first, last], tz=UTC, until=date(2026, 11, 30))
    assert everything.days[0].day == date(2025, 12, 30) and everything.days[-1].day == date(2026, 11, 30)
    assert everything.checkins == 2
    empty = all_time_stats([], tz=UTC, until=date(2026, 11, 30))
    assert len(empty.days) == 7 and empty.empty
