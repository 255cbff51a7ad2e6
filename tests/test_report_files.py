"""Atomic private files, the CSV table, the emotion mix, chart periods and font fallback."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from moodmirror.errors import StorageError
from moodmirror.insights.periods import Month, Week
from moodmirror.records import CheckIn
from moodmirror.report.content import ReportOptions, ReportPeriod, emotion_mix, table_rows
from moodmirror.report.csv_table import COLUMNS, table_csv
from moodmirror.report.fonts import REPLACEMENT, bundled_font_dir, setup_fonts
from moodmirror.report.trend_charts import MAX_WEEK_CHARTS, chart_periods
from moodmirror.storage.private_file import write_private_file

MakeCheckIn = Callable[..., CheckIn]


def test_a_private_file_is_0600_whatever_the_umask_and_replaces_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    old_umask = os.umask(0)
    try:
        write_private_file(target, b"new contents")
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == b"new contents"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")

    def no_rename(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(StorageError, match="No space left"):
        write_private_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_writing_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        write_private_file(tmp_path / "nowhere" / "report.pdf", b"x")


def test_the_csv_has_one_row_per_check_in_with_camera_states_told_apart(make_checkin: MakeCheckIn) -> None:
    when = datetime(2026, 1, 5, 9, 15, tzinfo=UTC)
    camera = make_checkin(when, 7, dominant="sadness", valence=-0.4, tags=("work", "@home"))
    plain = make_checkin(when, 3)
    unclear = make_checkin(when, 5, dominant="fear")
    assert unclear.summary is not None
    unclear.summary = replace(unclear.summary, dominant=None)  # too few usable frames
    rows = list(csv.reader(io.StringIO(table_csv(table_rows([camera, plain, unclear], UTC)).decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert rows[1][:8] == ["2026-01-05", "09:15", "+00:00", "7", "sadness", "0.700", "-0.400", "work; @home"]
    assert rows[1][COLUMNS.index("p_sadness")] == "0.700"
    assert rows[2][3:8] == ["3", "", "", "", ""]
    assert rows[3][3:8] == ["5", "inconclusive", "", "", ""]


def test_the_emotion_mix_averages_conclusive_readings_only(make_checkin: MakeCheckIn) -> None:
    when = datetime(2026, 1, 5, 9, tzinfo=UTC)
    mix = emotion_mix([make_checkin(when, 5, dominant="happiness"), make_checkin(when, 5, dominant="anger"),
                       make_checkin(when, 5)])  # fmt: skip
    assert mix.camera_checkins == 2
    assert mix.shares["happiness"] == pytest.approx(0.375)  # (0.7 + 0.05) / 2
    assert mix.dominant_counts["happiness"] == mix.dominant_counts["anger"] == 1


def test_short_periods_get_weekly_charts_and_long_ones_monthly() -> None:
    options = ReportOptions()
    weeks = chart_periods(ReportPeriod(date(2026, 1, 7), date(2026, 1, 25)), options)
    assert weeks == [Week(2026, 2), Week(2026, 3), Week(2026, 4)]
    longest_weekly = chart_periods(ReportPeriod(date(2026, 1, 5), date(2026, 3, 1)), options)
    assert len(longest_weekly) == MAX_WEEK_CHARTS
    year = chart_periods(ReportPeriod(date(2026, 1, 1), date(2026, 12, 31)), options)
    assert year == [Month(2026, m) for m in range(1, 13)]


def test_characters_missing_from_dejavu_come_from_a_fallback_font_or_become_a_replacement() -> None:
    from fpdf import FPDF

    stix = bundled_font_dir() / "STIXGeneral.ttf"
    pdf = FPDF()
    clean = setup_fonts(pdf, ["A 𝔄 日"], candidates=[stix])
    assert clean("A 𝔄 日\u0007\nB") == f"A 𝔄 {REPLACEMENT}\nB"  # STIX has 𝔄, no font has 日
    assert "fallback0" in pdf.fonts
    unused = FPDF()
    setup_fonts(unused, ["plain text"], candidates=[stix])
    assert "fallback0" not in unused.fonts  # a fallback font is loaded only when needed
