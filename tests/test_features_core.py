"""Issue 21's core: back-dating, search, what goes with the mood, the year in pixels, imports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from moodmirror.errors import ImportRejected, InvalidMoment
from moodmirror.imports.daylio import DEFAULT_MOODS, parse_mood_map, read_daylio
from moodmirror.imports.merge import plan_import
from moodmirror.imports.table import read_table
from moodmirror.insights.effects import MIN_COUNT, mood_effects, time_of_day
from moodmirror.insights.moments import parse_moment
from moodmirror.insights.palette import MOOD_SCALE_HEX, NO_ENTRY_HEX, hex_to_rgb, mood_hex
from moodmirror.insights.periods import Month
from moodmirror.insights.search import SearchIndex, fold
from moodmirror.insights.year import month_calendar, year_pixels
from moodmirror.records import CheckIn, PromptAnswer, ThoughtRecord
from moodmirror.report.content import table_rows
from moodmirror.report.csv_table import table_csv

DAYLIO = Path(__file__).parent / "data" / "imports" / "daylio_export.csv"
UTC = UTC
Make = Callable[..., CheckIn]


# ----- back-dating ---------------------------------------------------------------------------


def test_a_moment_is_read_in_local_time_and_never_in_the_future() -> None:
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    moment = parse_moment("2026-11-29 21:15", now=now, tz=UTC)
    assert moment == datetime(2026, 11, 29, 21, 15, tzinfo=UTC)
    with pytest.raises(InvalidMoment, match="in the future"):
        parse_moment("2026-11-30 12:01", now=now, tz=UTC)
    with pytest.raises(InvalidMoment, match="looks like 2026-11-30 21:15"):
        parse_moment("30/11/2026", now=now, tz=UTC)
    assert parse_moment("2026-11-29 21:15").tzinfo is not None  # the system's zone, aware


# ----- search --------------------------------------------------------------------------------


def test_search_ignores_case_and_accents_and_looks_in_notes_tags_and_reflections(make_checkin: Make) -> None:
    day = datetime(2026, 3, 1, 9, tzinfo=UTC)
    cafe = make_checkin(day, 7, note="Coffee at the CAFÉ with Zoë", tags=("Friends",))
    reflective = CheckIn(
        mood=4, created_at=day + timedelta(days=1),
        answers=[PromptAnswer("gratitude", "Grateful for the Straße festival")],
        thought_record=ThoughtRecord(automatic_thought="Everyone at work thinks I'm slow"),
    )  # fmt: skip
    other = make_checkin(day + timedelta(days=2), 5, note="A quiet day")
    index = SearchIndex([cafe, reflective, other])

    assert [h.checkin.id for h in index.search("cafe zoe")] == [cafe.id]
    assert index.search("friends")[0].fields == ("tags",)
    assert index.search("strasse")[0].fields == ("reflection",)
    assert index.search("SLOW")[0].fields == ("thought record",)
    assert index.search("cafe quiet") == []  # every word must be in the same check-in
    assert index.search("  ") == []
    assert "CAFÉ" in index.search("café")[0].excerpt


def test_search_lists_newest_first_with_an_excerpt_around_the_match(make_checkin: Make) -> None:
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    long_note = "x" * 300 + " the word Résumé appears here " + "y" * 300
    items = [make_checkin(start + timedelta(days=i), 5, note=long_note) for i in range(3)]
    hits = SearchIndex(items).search("resume")
    assert [h.checkin.created_at for h in hits] == sorted((c.created_at for c in items), reverse=True)
    assert "Résumé" in hits[0].excerpt and hits[0].excerpt.startswith("…") and hits[0].excerpt.endswith("…")
    assert len(hits[0].excerpt) < 80
    assert fold("Ça Straße ÉTÉ") == "ca strasse ete"
    widening = make_checkin(start, 5, note="Straße " * 30 + "ﬁnally the word Résumé " + "z" * 200)  # ß, ﬁ: two letters
    assert "Résumé" in SearchIndex([widening]).search("resume")[0].excerpt


# ----- what goes with your mood --------------------------------------------------------------


def test_tag_effect_compares_days_with_and_without_and_says_when_there_are_too_few(make_checkin: Make) -> None:
    start = datetime(2026, 2, 2, 18, tzinfo=UTC)  # a Monday
    items = []
    for i in range(12):
        tags = ("gym",) if i % 2 == 0 else ()
        items.append(make_checkin(start + timedelta(days=i), 8 if tags else 4, tags=tags))
    items.append(make_checkin(start + timedelta(days=2, hours=2), 2, tags=("gym",)))  # second check-in, same day
    items.append(make_checkin(start + timedelta(days=3), 6, tags=("rain",)))
    effects = mood_effects(items, tz=UTC)
    gym = next(e for e in effects.tags if e.name == "gym")
    assert (gym.count_with, gym.count_without) == (6, 6) and gym.enough
    assert gym.mean_with == pytest.approx((8 * 5 + 5) / 6)  # that day's mean is (8 + 2) / 2
    assert gym.mean_without == pytest.approx((4 * 5 + 5) / 6)  # the rain day's mean is (4 + 6) / 2
    assert gym.difference == pytest.approx(20 / 6)
    rain = next(e for e in effects.tags if e.name == "rain")
    assert rain.count_with == 1 < MIN_COUNT and not rain.enough and rain.difference is None
    assert effects.tags[0].name == "gym"  # the most frequent tag first


def test_weekday_and_time_of_day_effects(make_checkin: Make) -> None:
    start = datetime(2026, 2, 2, 8, tzinfo=UTC)  # a Monday morning
    items = [make_checkin(start + timedelta(days=i), 9 if i % 7 == 0 else 5) for i in range(70)]
    items += [make_checkin(start + timedelta(days=i, hours=12), 3) for i in range(6)]  # 20:00, evenings
    effects = mood_effects(items, tz=UTC)
    monday = effects.weekdays[0]
    assert monday.name == "Monday" and monday.count_with == 10 and monday.count_without == 60
    assert monday.difference is not None and monday.difference > 3
    evening = next(e for e in effects.times_of_day if e.name == "evening")
    assert (evening.unit, evening.count_with, evening.mean_with) == ("check-ins", 6, 3.0)
    assert [time_of_day(start.replace(hour=h), UTC) for h in (4, 5, 12, 17, 22)] == [
        "night", "morning", "afternoon", "evening", "night",
    ]  # fmt: skip


# ----- year in pixels ------------------------------------------------------------------------


def test_year_pixels_place_each_day_and_average_several_check_ins(make_checkin: Make) -> None:
    items = [
        make_checkin(datetime(2026, 3, 14, 8, tzinfo=UTC), 3),
        make_checkin(datetime(2026, 3, 14, 20, tzinfo=UTC), 8),
        make_checkin(datetime(2025, 12, 31, 20, tzinfo=UTC), 10),
    ]
    pixels = year_pixels(items, 2026, tz=UTC)
    assert len(pixels.cells) == 365 and pixels.days_with_entries == 1
    first = pixels.cells[0]
    assert (first.day, first.column, first.row) == (date(2026, 1, 1), 0, 3)  # a Thursday
    march_14 = next(c for c in pixels.cells if c.day == date(2026, 3, 14))
    assert march_14.mood == 5.5 and march_14.checkins == 2 and march_14.row == 5  # a Saturday
    assert pixels.columns == 53


def test_month_calendar_lays_days_out_as_a_calendar_page(make_checkin: Make) -> None:
    items = [
        make_checkin(datetime(2026, 3, 14, 8, tzinfo=UTC), 3),
        make_checkin(datetime(2026, 3, 14, 20, tzinfo=UTC), 8),
    ]
    cells = month_calendar(items, Month(2026, 3), tz=UTC)
    assert len(cells) == 31 and (cells[0].column, cells[0].row) == (6, 0)  # 1 March 2026 is a Sunday
    march_14 = cells[13]
    assert (march_14.column, march_14.row, march_14.mood, march_14.checkins) == (5, 2, 5.5, 2)
    assert (cells[-1].column, cells[-1].row) == (1, 5)  # Tuesday 31 March, the sixth row


def test_the_mood_scale_brightens_steadily_and_no_entry_is_apart() -> None:
    def lightness(color: str) -> float:
        r, g, b = hex_to_rgb(color)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    steps = [lightness(c) for c in MOOD_SCALE_HEX]
    assert len(steps) == 10 and steps == sorted(steps) and len(set(steps)) == 10  # readable in greyscale
    assert mood_hex(1) == MOOD_SCALE_HEX[0] and mood_hex(5.5) == MOOD_SCALE_HEX[5] and mood_hex(10) == MOOD_SCALE_HEX[9]
    assert all(color not in MOOD_SCALE_HEX for color in NO_ENTRY_HEX.values())


# ----- imports -------------------------------------------------------------------------------


def test_a_real_shaped_daylio_export_is_read_whole() -> None:
    checkins = read_daylio(DAYLIO.read_bytes())
    assert len(checkins) == 6
    first = checkins[0]
    assert first.mood == DEFAULT_MOODS["rad"] and first.tags == ["friends", "family", "cooking"]
    assert first.note == 'Sunday, finally\nLong lunch with Ana, then "the" walk.\nCrème brûlée at the end.'
    local = [c.created_at.astimezone() for c in checkins]
    assert [f"{t:%Y-%m-%d %H:%M}" for t in local[:3]] == ["2025-03-02 21:40", "2025-03-02 08:05", "2025-03-03 19:30"]
    assert checkins[4].note == "Bad night\nCouldn't sleep.\n\nKept thinking about it, over and over."
    assert checkins[4].tags == [] and checkins[3].note == "Lunch"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("2025-03-07,March 7,Friday,20:00,sleepy,,,", "the mood 'sleepy' has no number"),
        ("2025-03-07,March 7,Friday,25:99,good,,,", "is not a date and time"),
        ("2025-03-07,March 7,Friday,20:00,good,,", "7 cells where the header has 8"),
        ("2999-03-07,March 7,Friday,20:00,good,,,", "in the future"),
    ],
)
def test_a_broken_daylio_row_is_named_by_its_line_and_nothing_is_read(row: str, problem: str) -> None:
    data = DAYLIO.read_bytes() + row.encode() + b"\r\n"  # after 10 lines (two notes span lines)
    with pytest.raises(ImportRejected, match=f"(?i)^Line 11: .*{problem}.*nothing was imported"):
        read_daylio(data)


def test_the_daylio_mood_mapping_can_be_changed_and_extended() -> None:
    moods = parse_mood_map(["meh=6", "Sleepy=4"])
    assert moods["meh"] == 6 and moods["sleepy"] == 4 and moods["rad"] == 10
    data = DAYLIO.read_bytes() + b"2025-03-07,March 7,Friday,20:00,sleepy,,,\r\n"
    checkins = read_daylio(data, moods)
    assert checkins[1].mood == 6 and checkins[-1].mood == 4
    for bad in ("meh", "meh=11", "=5", "meh=five"):
        with pytest.raises(ImportRejected, match="looks like meh=5"):
            parse_mood_map([bad])


def test_a_file_that_is_not_a_daylio_export_is_refused_before_any_row() -> None:
    with pytest.raises(ImportRejected, match="lacks the column"):
        read_daylio(b"date,mood\n2025-01-01,5\n")
    with pytest.raises(ImportRejected, match="not UTF-8"):
        read_daylio(b"\xff\xfe\x00garbage")


def test_our_own_csv_comes_back_as_the_same_entries(make_checkin: Make) -> None:
    items = [
        make_checkin(datetime(2026, 1, 5, 7, 30, tzinfo=UTC), 6, tags=("work", "-minus")),
        make_checkin(datetime(2026, 1, 6, 21, 5, tzinfo=UTC), 9, dominant="happiness", valence=0.6),
    ]
    data = table_csv(table_rows(items))
    back = read_table(data)
    assert [(c.created_at, c.mood, c.tags) for c in back] == [(c.created_at, c.mood, c.tags) for c in items]
    with pytest.raises(ImportRejected, match="^Line 3: mood '11'"):
        read_table(data.replace(b",9,", b",11,"))


def test_duplicates_are_left_out_whether_in_the_journal_or_the_file(make_checkin: Make) -> None:
    checkins = read_daylio(DAYLIO.read_bytes())
    again = read_daylio(DAYLIO.read_bytes())  # new ids, same entries
    plan = plan_import(again, existing=checkins[:2])
    assert len(plan.new) == 4 and plan.duplicates == 2
    assert [c.created_at for c in plan.new] == sorted(c.created_at for c in plan.new)
    assert plan_import(checkins + again, existing=[]).duplicates == 6
