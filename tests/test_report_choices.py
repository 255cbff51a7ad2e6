"""What the user asks a report for, before it is made: its days (a preset or typed dates) and
its protection (a report password or a clinician's age key), shared by the CLI and the app."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from moodmirror.errors import InvalidPeriod
from moodmirror.records import CheckIn
from moodmirror.report.content import ReportPeriod
from moodmirror.report.dates import preset_period, typed_period
from moodmirror.report.protection import fit_name, how_it_opens, report_file_name

TODAY = date(2026, 11, 30)
CHECKINS = [CheckIn(mood=5, created_at=datetime(2026, 3, 14, 12, tzinfo=UTC))]


def test_presets_end_today_and_everything_starts_at_the_first_check_in() -> None:
    assert preset_period("4 weeks", CHECKINS, TODAY, UTC) == ReportPeriod(date(2026, 11, 3), TODAY)
    assert preset_period("3 months", CHECKINS, TODAY, UTC) == ReportPeriod(date(2026, 9, 1), TODAY)
    assert preset_period("Everything", CHECKINS, TODAY, UTC) == ReportPeriod(date(2026, 3, 14), TODAY)


def test_typed_days_and_their_defaults() -> None:
    assert typed_period("2026-11-01", " 2026-11-15 ", CHECKINS, TODAY) == ReportPeriod(
        date(2026, 11, 1), date(2026, 11, 15)
    )
    assert typed_period("", "", CHECKINS, TODAY, UTC) == ReportPeriod(date(2026, 3, 14), TODAY)
    assert typed_period("2026-11-30", "", [], TODAY) == ReportPeriod(TODAY, TODAY)


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("2026-02-30", "", "The first day '2026-02-30' is not a date; write it like 2026-11-30."),
        ("2026-11-01", "30/11/2026", "The last day '30/11/2026' is not a date; write it like 2026-11-30."),
        ("2026-11-01", "2026-12-01", "The last day (1 Dec 2026) is in the future; the latest is today (30 Nov 2026)."),
        ("2026-12-24", "", "The first day (24 Dec 2026) is in the future; the latest is today (30 Nov 2026)."),
        ("2026-11-20", "2026-11-10", "The first day (20 Nov 2026) comes after the last day (10 Nov 2026)."),
    ],
)
def test_a_bad_day_is_refused_saying_which_and_why(first: str, last: str, message: str) -> None:
    with pytest.raises(InvalidPeriod) as caught:
        typed_period(first, last, CHECKINS, TODAY)
    assert str(caught.value) == message


def test_the_file_name_fits_the_protection() -> None:
    assert report_file_name(TODAY, to_key=False) == "moodmirror-report-2026-11-30.pdf"
    assert report_file_name(TODAY, to_key=True) == "moodmirror-report-2026-11-30.pdf.age"
    assert fit_name("~/r/report.pdf", to_key=True) == "~/r/report.pdf.age"
    assert fit_name("~/r/report.pdf.age", to_key=True) == "~/r/report.pdf.age"
    assert fit_name("~/r/report.pdf.age", to_key=False) == "~/r/report.pdf"
    assert fit_name("~/r/for-dr-lee", to_key=True) == "~/r/for-dr-lee"  # a name of the user's own is kept


def test_how_it_opens_names_the_password_or_the_age_command() -> None:
    assert how_it_opens(Path("r.pdf"), None) == "it opens with the report password (AES-256)"
    key = "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq"
    assert (
        how_it_opens(Path("/x/r.pdf.age"), key)
        == "encrypted to age1qyqszqgp…; open it with `age -d -i KEYFILE /x/r.pdf.age`"
    )
