"""The encrypted report: what stays readable without the password says nothing about the text.

An AES-256 PDF encrypts strings and streams, but not the font dictionaries: with fonts subset
to the characters used, the width table (``/W``) of a report listed which characters the notes
hold (a Cyrillic letter showed as its width). Two reports whose notes differ only in one
letter must have identical font dictionaries. The attached CSV's size is visible too: it is
padded to a block. A note as long as a note may be is exported in seconds, and the CLI shows
each step on the terminal while it works.
"""

from __future__ import annotations

import io
import re
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pypdf
import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror.cli.main import main
from moodmirror.records import NOTE_MAX_CHARS, CheckIn
from moodmirror.report.content import ReportOptions, ReportPeriod
from moodmirror.report.csv_table import CSV_BLOCK
from moodmirror.report.export import build_report
from moodmirror.storage.vault import Vault

PASSWORD = "for my therapist 11"
PASSPHRASE = "export it all 12"
PERIOD = ReportPeriod(date(2026, 1, 5), date(2026, 1, 11))
WHEN = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)


def report(note: str, tags: list[str] | None = None) -> bytes:
    checkin = CheckIn(mood=4, note=note, tags=tags or ["work"], created_at=WHEN, id="0" * 32)
    options = ReportOptions(include_notes=True, tz=UTC, made_at=datetime(2026, 1, 12, tzinfo=UTC))
    return build_report([checkin], PERIOD, options, PASSWORD)


def font_dictionaries(pdf: bytes) -> dict[str, Any]:
    """Every font's name and widths (the PDF encryption leaves them readable to anyone)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    reader.decrypt(PASSWORD)  # to walk the pages; the font dictionaries themselves are not encrypted
    fonts: dict[str, Any] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descendant = descendant.get_object()
                name = str(descendant["/BaseFont"]).split("+")[-1]
                fonts[name] = [list(map(repr, descendant.get("/W", []))), repr(descendant.get("/DW"))]
    return fonts


def test_the_font_width_tables_do_not_reveal_which_characters_the_notes_use() -> None:
    latin, cyrillic = report("I felt calm today, mostly."), report("I felt calm today, mostlЖ.")

    fonts = font_dictionaries(latin)
    assert fonts and fonts == font_dictionaries(cyrillic)
    assert re.findall(rb"/W \[[^\n]{0,60}", latin) == re.findall(rb"/W \[[^\n]{0,60}", cyrillic)


def test_the_attached_table_size_is_padded_to_a_block() -> None:
    sizes = set()
    for tags in (["a"], ["a longer tag"], ["a", "b", "c"]):
        reader = pypdf.PdfReader(io.BytesIO(report("note", tags)))
        reader.decrypt(PASSWORD)
        (attached,) = reader.attachments["moodmirror-checkins.csv"]
        sizes.add(len(attached))
        rows = [line for line in attached.decode("utf-8-sig").splitlines() if line]
        assert len(rows) == 2 and ";" not in rows[0]  # the header and one check-in, then empty lines
    assert len(sizes) == 1 and sizes.pop() % CSV_BLOCK == 0


@pytest.mark.slow
def test_the_longest_note_exports_in_seconds_with_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "journal"
    with Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF) as vault:
        for day in range(3):
            vault.add_checkin(
                CheckIn(mood=5, note=("a long entry, " * 2000)[:NOTE_MAX_CHARS], created_at=WHEN.replace(day=6 + day))
            )
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("MOODMIRROR_REPORT_PASSWORD", PASSWORD)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # progress is shown on a terminal

    started = time.monotonic()
    status = main(["--data-dir", str(data), "export", "--out", str(tmp_path / "r.pdf"), "--include-notes",
                   "--from", "2026-01-05", "--to", "2026-01-11"])  # fmt: skip
    seconds = time.monotonic() - started

    err = capsys.readouterr().err
    assert status == 0, err
    assert seconds < 60, f"{seconds:.1f} s"
    for step in ("Drawing the charts", "Laying out the pages", "Writing the notes", "Encrypting"):
        assert step in err
