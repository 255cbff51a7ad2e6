"""Issue 21 from the command line: checkin --at, search, insights, chart --year and import."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from moodmirror.cli.main import main
from moodmirror.insights.palette import MOOD_SCALE_HEX, NO_ENTRY_HEX, hex_to_rgb
from moodmirror.storage.vault import Vault

DAYLIO = Path(__file__).parent / "data" / "imports" / "daylio_export.csv"


@pytest.fixture
def journal(vault_dir: Path, vault_passphrase: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The empty ``vault_dir`` journal, found by the CLI through the environment."""
    monkeypatch.setenv("MOODMIRROR_DATA_DIR", str(vault_dir))
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", vault_passphrase)
    return vault_dir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stored(journal: Path) -> list:
    with Vault.open(journal, os.environ["MOODMIRROR_PASSPHRASE"]) as vault:
        return vault.list_checkins()


def test_several_back_dated_check_ins_on_one_day(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yesterday = datetime.now() - timedelta(days=1)
    for hour, mood in ((8, 3), (20, 8)):
        at = yesterday.replace(hour=hour, minute=15).strftime("%Y-%m-%d %H:%M")
        assert run(capsys, "checkin", "--no-camera", "--mood", str(mood), "--at", at)[0] == 0
    code, out, _ = run(capsys, "history")
    assert code == 0 and out.splitlines()[0].startswith(yesterday.strftime("%Y-%m-%d 20:15"))
    assert [c.created_at.astimezone().hour for c in stored(journal)] == [20, 8]

    month = yesterday.strftime("%Y-%m")
    code, out, _ = run(capsys, "insights", "--month", month, "--json")
    assert json.loads(out)["days"] == 1 and json.loads(out)["checkins"] == 2


def test_checkin_in_the_future_is_refused_and_nothing_is_saved(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tomorrow = (datetime.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    with pytest.raises(SystemExit) as exit_info:
        main(["checkin", "--no-camera", "--mood", "5", "--at", tomorrow])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "in the future" in err.splitlines()[-1]
    assert stored(journal) == []


def test_search_finds_words_in_notes_and_tags_without_case_or_accents(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "checkin", "--no-camera", "--mood", "7", "--note", "Dinner at the Café Noir", "--tag", "Friends")
    run(capsys, "checkin", "--no-camera", "--mood", "4", "--note", "Rainy, stayed in")
    code, out, _ = run(capsys, "search", "CAFE noir")
    assert (
        code == 0 and "mood  7/10" in out and "in note: Dinner at the Café Noir" in out and "1 check-in found." in out
    )
    code, out, _ = run(capsys, "search", "friends", "--json")
    (hit,) = json.loads(out)
    assert hit["matched_in"] == ["tags"] and hit["checkin"]["mood"] == 7
    code, out, _ = run(capsys, "search", "sunshine")
    assert code == 0 and out.strip() == "No check-in holds 'sunshine'."


def test_insights_show_differences_only_with_enough_days(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    start = datetime.now() - timedelta(days=20)
    for i in range(12):
        tags = ["walk"] if i % 2 else []
        argv = [
            "checkin",
            "--no-camera",
            "--mood",
            "8" if tags else "4",
            "--at",
            (start + timedelta(days=i)).strftime("%Y-%m-%d 12:00"),
        ]
        assert run(capsys, *argv, *(x for t in tags for x in ("--tag", t)))[0] == 0
    run(capsys, "checkin", "--no-camera", "--mood", "6", "--tag", "rare", "--at", start.strftime("%Y-%m-%d 13:00"))
    code, out, _ = run(capsys, "insights")
    lines = out.splitlines()
    walk = next(line for line in lines if line.strip().startswith("walk:"))
    assert "+3.8" in walk and "6 days with, 6 without" in walk
    rare = next(line for line in lines if line.strip().startswith("rare:"))
    assert "too few days to tell (1 day with, 11 without)" in rare
    assert "not a cause" in lines[-1]
    data = json.loads(run(capsys, "insights", "--all", "--json")[1])
    assert data["tags"][0]["name"] == "walk" and data["tags"][0]["difference"] == pytest.approx(3.8333, abs=1e-3)


def test_chart_year_draws_a_square_per_day_in_the_scale(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "checkin", "--no-camera", "--mood", "10", "--at", "2025-06-10 09:00")
    run(capsys, "checkin", "--no-camera", "--mood", "1", "--at", "2025-06-11 09:00")
    out = tmp_path / "year.png"
    code, text, _ = run(capsys, "chart", "--year", "2025", "--out", str(out))
    assert code == 0 and "2025 in pixels, 2 days with a check-in" in text
    image = Image.open(BytesIO(out.read_bytes()))
    assert image.format == "PNG" and image.size == (900, 260)
    pixels = np.asarray(image.convert("RGB"))

    def count(color: str) -> int:
        return int(np.all(pixels == np.array(hex_to_rgb(color), dtype=np.uint8), axis=-1).sum())

    top, bottom, empty = count(MOOD_SCALE_HEX[9]), count(MOOD_SCALE_HEX[0]), count(NO_ENTRY_HEX["light"])
    assert 40 < top < 400 and 40 < bottom < 400  # one day's square each, plus its key square
    assert empty > 363 * 40  # every other day drawn as "no entry"
    with pytest.raises(SystemExit) as exit_info:
        main(["chart", "--year", "25", "--out", str(tmp_path / "y2.png")])
    assert exit_info.value.code == 2 and "a year looks like 2026, not '25'" in capsys.readouterr().err


def test_import_daylio_dry_run_then_import_then_again(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import", "daylio", str(DAYLIO), "--dry-run")
    assert code == 0 and "rad=10, good=8, meh=5, bad=3, awful=1" in out
    assert "Would import 6 check-ins, 2025-03-02 to 2025-03-06; 0 already" in out and stored(journal) == []

    code, out, _ = run(capsys, "import", "daylio", str(DAYLIO), "--map", "meh=6")
    assert code == 0 and "meh=6" in out and "Imported 6 check-ins" in out
    moods = sorted(c.mood for c in stored(journal))
    assert moods == [1, 3, 6, 8, 8, 10]

    code, out, _ = run(capsys, "import", "daylio", str(DAYLIO), "--map", "meh=6")
    assert code == 0 and "Imported 0 check-ins; 6 already in your journal." in out
    assert len(stored(journal)) == 6
    code, out, _ = run(capsys, "search", "creme brulee")
    assert "1 check-in found." in out


def test_a_broken_row_imports_nothing(journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_bytes(DAYLIO.read_bytes() + b"2025-03-07,March 7,Friday,20:00,sleepy,,,\r\n")
    code, _, err = run(capsys, "import", "daylio", str(broken))
    assert code == 1
    assert err.strip() == (
        "moodmirror: Line 11: the mood 'sleepy' has no number; map it (e.g. sleepy=5). Nothing was imported."
    )
    assert stored(journal) == []
    assert run(capsys, "import", "daylio", str(broken), "--map", "sleepy=4")[0] == 0
    assert len(stored(journal)) == 7


def test_import_our_own_csv(journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "mine.csv"
    table.write_text(
        "\ufeffdate,time,utc_offset,mood,emotion,confidence,valence,tags\r\n"
        "2025-01-02,08:30,+01:00,6,,,,work; early\r\n"
        "2025-01-03,21:00,,9,,,,\r\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "import", "csv", str(table))
    assert code == 0 and "Imported 2 check-ins" in out
    first = min(stored(journal), key=lambda c: c.created_at)
    assert first.created_at.isoformat() == "2025-01-02T07:30:00+00:00" and first.tags == ["work", "early"]


def test_an_imported_note_longer_than_a_note_holds_is_named_by_its_line(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from moodmirror.records import NOTE_MAX_CHARS

    table = tmp_path / "mine.csv"
    header = "\ufeffdate,time,utc_offset,mood,tags,note\r\n"
    longest = f"2025-01-02,08:30,+01:00,6,work,{'a' * NOTE_MAX_CHARS}\r\n"
    table.write_text(header + longest + f"2025-01-03,21:00,,9,,{'b' * (NOTE_MAX_CHARS + 1)}\r\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "csv", str(table))
    assert code == 1
    assert err.strip() == (
        "moodmirror: Line 3: The note has 20,001 characters; a note holds at most 20,000; nothing was imported."
    )
    assert stored(journal) == []
    table.write_text(header + longest, encoding="utf-8")
    assert run(capsys, "import", "csv", str(table))[0] == 0
    assert [len(c.note) for c in stored(journal)] == [NOTE_MAX_CHARS]
