"""The app's pure helpers (no window): passphrase strength, the home overview and Save as."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from moodmirror.errors import InsideDataFolder, StorageError, UsageError
from moodmirror.records import CheckIn
from moodmirror.ui import save_as
from moodmirror.ui.overview import overview, when
from moodmirror.ui.strength import PASSPHRASES_DIFFER, strength, typed_twice_problem


def at(day: date, hour: int = 12, mood: int = 5) -> CheckIn:
    return CheckIn(mood=mood, created_at=datetime(day.year, day.month, day.day, hour, tzinfo=UTC))


def test_strength_refuses_short_and_rewards_long_phrases() -> None:
    assert not strength("abc123").acceptable
    assert strength("aaaaaaaaaaaa").level == 1  # long but repetitive
    assert strength("Tr0ub4dor").level <= 2
    assert strength("quiet river morning tea").level == 3


def test_overview_counts_today_and_the_streak() -> None:
    today = date(2026, 11, 30)
    checkins = [at(today, 9, 6), at(today, 18, 8), at(today - timedelta(days=1)), at(today - timedelta(days=2)),
                at(today - timedelta(days=4))]  # fmt: skip
    info = overview(checkins, today, UTC)
    assert (info.today_count, info.today_mood, info.streak_days) == (2, 7.0, 3)
    assert info.last is checkins[1]


def test_streak_still_counts_when_today_has_no_checkin_yet() -> None:
    today = date(2026, 11, 30)
    info = overview([at(today - timedelta(days=1)), at(today - timedelta(days=2))], today, UTC)
    assert (info.today_count, info.streak_days) == (0, 2)
    assert overview([], today, UTC).last is None


def test_when_reads_naturally() -> None:
    now = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)
    assert when(datetime(2026, 11, 30, 9, 5, tzinfo=UTC), now) == "today at 09:05"
    assert when(datetime(2026, 11, 29, 21, 40, tzinfo=UTC), now) == "yesterday at 21:40"
    assert when(datetime(2026, 11, 3, 8, 0, tzinfo=UTC), now) == "Tue 3 Nov at 08:00"


def test_the_history_view_notes_damaged_checkins_and_shows_the_rest() -> None:
    from moodmirror.insights.periods import Week
    from moodmirror.journal import Readable
    from moodmirror.ui.screens.history import build_view, chart_look

    today = date(2026, 11, 30)
    kept = at(today)
    look = chart_look(400, 14)
    view = build_view(Readable([kept], ["0badc0de"]), Week.containing(today, "monday"), "monday", "light", look)
    assert view.checkins == [kept] and "0badc0de" in view.observations[0] and view.png


def test_an_older_background_load_never_overwrites_a_newer_one() -> None:
    import threading

    from kivy.clock import Clock

    from moodmirror.ui.worker import LatestOnly, wait_for_workers

    slow_one_may_finish = threading.Event()
    shown: list[str] = []
    loads = LatestOnly()
    loads.run(lambda: slow_one_may_finish.wait(5) and "older", shown.append, pytest.fail)
    loads.run(lambda: "newer", shown.append, pytest.fail)
    slow_one_may_finish.set()
    wait_for_workers(5)
    for _ in range(5):
        Clock.tick()
    assert shown == ["newer"]


def test_save_as_keeps_the_typed_name_and_refuses_what_it_cannot_or_must_not_write(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    assert save_as.in_folder(tmp_path, "~/elsewhere/mine.pdf", "default.pdf") == tmp_path / "mine.pdf"
    assert save_as.in_folder(tmp_path, " ", "default.pdf") == tmp_path / "default.pdf"
    assert save_as.check_target(f" {tmp_path}/b.mmbackup ", data, "backup") == tmp_path / "b.mmbackup"
    refused: list[tuple[str, type[Exception], str]] = [
        ("", UsageError, "Type where to save the backup"),
        (str(tmp_path / "missing" / "b.mmbackup"), StorageError, "does not exist"),
        (str(tmp_path), StorageError, "is a folder"),
        (str(data / "b.mmbackup"), InsideDataFolder, "outside the data folder"),
    ]
    for text, error, message in refused:
        with pytest.raises(error, match=message):
            save_as.check_target(text, data, "backup")


def test_a_new_passphrase_typed_twice_is_taken_only_when_long_enough_and_the_same() -> None:
    assert typed_twice_problem("short", "short") == strength("short").advice
    assert typed_twice_problem("quiet river morning tea", "quiet river morning") == PASSPHRASES_DIFFER
    assert typed_twice_problem("quiet river morning tea", "quiet river morning tea") is None
