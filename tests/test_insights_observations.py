"""Observations are computed from the data, and absent when the data is too thin to carry them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from moodmirror.insights.observations import Observation, period_observations, tag_patterns
from moodmirror.insights.periods import Month, Week
from moodmirror.records import CheckIn

MakeCheckin = Callable[..., CheckIn]
WEEK = Week(2026, 48)  # Monday 23 to Sunday 29 November 2026
MONDAY = datetime(2026, 11, 23, 12, tzinfo=UTC)
LAST_MONDAY = MONDAY - timedelta(days=7)


def _kinds(observations: list[Observation]) -> dict[str, str]:
    return {o.kind: o.text for o in observations}


def _observe(items: list[CheckIn], period: Week | Month = WEEK, today: date = date(2026, 11, 29)) -> dict[str, str]:
    return _kinds(period_observations(items, period, tz=UTC, today=today))


def test_a_rich_week_gets_every_kind_of_observation(make_checkin: MakeCheckin) -> None:
    last_week = [make_checkin(LAST_MONDAY + timedelta(days=i), 4) for i in range(3)]
    this_week = [
        make_checkin(MONDAY, 3, "sadness", tags=("work",)),
        make_checkin(MONDAY + timedelta(days=1), 4, "sadness", tags=("work",)),
        make_checkin(MONDAY + timedelta(days=2), 8, "happiness", tags=("walk",)),
        make_checkin(MONDAY + timedelta(days=3), 7, "sadness", tags=("walk",)),
        make_checkin(MONDAY + timedelta(days=4), 5, tags=("work",)),
        make_checkin(MONDAY + timedelta(days=5), 7, tags=("Walk",)),
        make_checkin(MONDAY + timedelta(days=6), 6, "happiness"),
    ]
    found = _observe(last_week + this_week)
    assert found["mood_change"] == "Your average mood this week was 5.7, up 1.7 from last week (4.0)."
    assert found["best_day"] == "Your best day was Wednesday (mood 8.0)."
    assert found["hardest_day"] == "Your hardest day was Monday (mood 3.0)."
    assert "sadness (3 of 5 camera check-ins)" in found["top_emotion"]
    assert found["streak"] == "You have checked in 7 days in a row."
    assert "“walk” went with a higher mood: 7.3" in found["tag_higher"]
    assert "“work” went with a lower mood: 4.0" in found["tag_lower"]


def test_a_week_with_two_checkins_says_nothing_weak(make_checkin: MakeCheckin) -> None:
    items = [
        make_checkin(MONDAY, 2, "sadness", tags=("work",)),
        make_checkin(MONDAY + timedelta(days=3), 9, "happiness"),
    ]
    assert _observe(items) == {}
    assert _observe([]) == {}


def test_ties_and_small_differences_are_not_reported(make_checkin: MakeCheckin) -> None:
    items = [
        make_checkin(MONDAY, 5, "sadness"),
        make_checkin(MONDAY + timedelta(days=1), 5, "happiness"),
        make_checkin(MONDAY + timedelta(days=2), 6, "sadness"),
        make_checkin(MONDAY + timedelta(days=4), 6, "happiness"),
    ]
    found = _observe(items, today=date(2026, 12, 10))
    assert "best_day" not in found and "hardest_day" not in found  # 5 vs 6: under one point apart
    assert "top_emotion" not in found  # 2 sadness, 2 happiness
    assert "streak" not in found  # the last check-in is long ago


def test_mood_change_about_the_same_and_down(make_checkin: MakeCheckin) -> None:
    last = [make_checkin(LAST_MONDAY + timedelta(days=i), 6) for i in range(3)]
    same = [make_checkin(MONDAY + timedelta(days=i), 6) for i in range(3)]
    assert (
        _observe(last + same)["mood_change"]
        == "Your average mood this week was 6.0, about the same as last week (6.0)."
    )
    lower = [make_checkin(MONDAY + timedelta(days=i), 4) for i in range(3)]
    assert "down 2.0 from last week" in _observe(last + lower)["mood_change"]


def test_streak_counts_back_from_yesterday_when_today_is_still_open(make_checkin: MakeCheckin) -> None:
    items = [make_checkin(MONDAY + timedelta(days=i), 5) for i in range(4)]  # Monday to Thursday
    assert _observe(items, today=date(2026, 11, 27))["streak"] == "You have checked in 4 days in a row."
    assert "streak" not in _observe(items, today=date(2026, 11, 28))


def test_month_observations_compare_with_the_previous_month(make_checkin: MakeCheckin) -> None:
    october = [make_checkin(datetime(2026, 10, 5 + i, 12), 3) for i in range(3)]
    november = [make_checkin(datetime(2026, 11, 2 + 7 * i, 12), 5 + i) for i in range(3)]
    found = _observe(october + november, Month(2026, 11))
    assert found["mood_change"] == "Your average mood this month was 6.0, up 3.0 from last month (3.0)."
    assert found["best_day"] == "Your best day was Monday 16 (mood 7.0)."


def test_tags_need_three_checkins_and_a_one_point_difference(make_checkin: MakeCheckin) -> None:
    base = [make_checkin(MONDAY + timedelta(days=i), 5) for i in range(3)]
    two_tagged = [make_checkin(MONDAY, 9, tags=("gym",)), make_checkin(MONDAY, 9, tags=("gym",))]
    assert tag_patterns(base + two_tagged) == []
    close = [make_checkin(MONDAY, 5, tags=("tea",)) for _ in range(2)] + [make_checkin(MONDAY, 6, tags=("tea",))]
    assert tag_patterns(base + close) == []
    clear = [make_checkin(MONDAY, 7, tags=("gym",)) for _ in range(3)]
    assert [o.kind for o in tag_patterns(base + clear)] == ["tag_higher"]
