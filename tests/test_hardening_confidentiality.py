"""Confidentiality: after a month of use, nothing the app wrote gives away what the person wrote.

A month of check-ins carries planted marker strings in notes, tags, prompt answers and a
thought record. After the everyday commands (check-in, history, chart, therapist report,
backup) every byte the app wrote (data folder, outputs, temp folder, working folder, home) is
scanned for the markers, the passphrase, and an emotion label next to a date, in UTF-8 and
UTF-16, inside any zlib stream (PDF and PNG content is compressed) and, for a PDF that opens
without a password, in its extracted text (a plain byte scan alone would miss a report that
forgot to encrypt). A control proves the scanner finds the markers in an unencrypted report.
The logs, captured at DEBUG level, hold no note text or passphrase. Every file written for the
person (journal, chart, report, backup) can be read by them alone, whatever the umask.
"""

from __future__ import annotations

import io
import logging
import os
import re
import stat
import tempfile
import zlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pypdf
import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror.cli.main import main
from moodmirror.emotions import EMOTIONS
from moodmirror.records import CheckIn, EmotionSummary, PromptAnswer, ThoughtRecord
from moodmirror.report.content import ReportOptions, ReportPeriod
from moodmirror.report.export import build_report
from moodmirror.storage.vault import Vault

PASSPHRASE = "Quiet-Harbour-Lantern-93"
REPORT_PASSWORD = "for my therapist 2026"
NOTE_MARKER = "MARKERnoteOtterGlass"
TAG_MARKER = "markertagvelvetfern"
ANSWER_MARKER = "MARKERanswerHeronDusk"
THOUGHT_MARKER = "MARKERthoughtLynxEmber"
CLI_NOTE_MARKER = "MARKERclinoteÜmlautMoth"
MARKERS = (NOTE_MARKER, TAG_MARKER, ANSWER_MARKER, THOUGHT_MARKER, CLI_NOTE_MARKER, PASSPHRASE)
FIRST_DAY = date(2026, 1, 1)
DAYS = 31
_DATE = r"\d{4}-\d{2}-\d{2}"
_LABEL = "|".join(EMOTIONS)
EMOTION_NEAR_DATE = re.compile(
    rf"{_DATE}[^\n]{{0,48}}?\b({_LABEL})\b|\b({_LABEL})\b[^\n]{{0,48}}?{_DATE}", re.IGNORECASE
)


def month_of_checkins() -> list[CheckIn]:
    """A check-in a day with camera summaries, and every free-text field carrying a marker."""
    checkins = []
    for day in range(DAYS):
        dominant = EMOTIONS[day % len(EMOTIONS)]
        rest = 0.3 / (len(EMOTIONS) - 1)
        summary = EmotionSummary(
            probabilities={e: 0.7 if e == dominant else rest for e in EMOTIONS}, dominant=dominant,
            dominant_share=0.7, confidence=0.7, valence=0.2, arousal=0.4, frames_seen=300, frames_usable=250,
            face_ratio=0.95, duration_s=15.0, model_id="emotion-test", source="demo",
        )  # fmt: skip
        checkins.append(
            CheckIn(
                mood=1 + day % 10,
                note=f"Day {day}: {NOTE_MARKER} and a long walk",
                tags=[TAG_MARKER, "sleep"],
                summary=summary,
                answers=[PromptAnswer("gratitude-1", f"{ANSWER_MARKER} my sister called")],
                thought_record=ThoughtRecord(situation="meeting", automatic_thought=f"{THOUGHT_MARKER} I failed"),
                created_at=datetime.combine(FIRST_DAY + timedelta(days=day), datetime.min.time(), UTC)
                + timedelta(hours=19),
            )
        )
    return checkins


def zlib_streams(data: bytes) -> Iterator[bytes]:
    """Every zlib stream that starts somewhere in ``data``, decompressed (PDF and PNG content)."""
    for match in re.finditer(rb"\x78[\x01\x5e\x9c\xda]", data):
        try:
            yield zlib.decompressobj().decompress(data[match.start() :], 1 << 24)
        except zlib.error:
            continue


def readable_pdf_text(data: bytes) -> bytes:
    """The text of a PDF that opens without a password (its page text is glyph ids, not bytes)."""
    if not data.startswith(b"%PDF"):
        return b""
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        return b""
    return "\n".join(page.extract_text() for page in reader.pages).encode("utf-8")


def leaks(data: bytes) -> set[str]:
    """The markers, and any emotion-label-next-to-a-date, readable in ``data`` or its zlib streams."""
    found: set[str] = set()
    for blob in (data, readable_pdf_text(data), *zlib_streams(data)):
        for marker in MARKERS:
            if any(marker.encode(codec) in blob for codec in ("utf-8", "utf-16-be", "utf-16-le")):
                found.add(marker)
        if match := EMOTION_NEAR_DATE.search(blob.decode("latin-1")):
            found.add(f"emotion next to a date: {match.group(0)!r}")
    return found


def files_under(*folders: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for folder in folders for path in folder.rglob("*") if path.is_file()}


def test_the_scanner_finds_markers_in_an_unencrypted_report() -> None:
    period = ReportPeriod(FIRST_DAY, FIRST_DAY + timedelta(days=DAYS - 1))
    plain = build_report(month_of_checkins(), period, ReportOptions(include_notes=True, tz=UTC), password=None)
    assert {NOTE_MARKER, ANSWER_MARKER, TAG_MARKER} <= leaks(plain)
    assert any(found.startswith("emotion next to a date") for found in leaks(plain))


@pytest.mark.slow
def test_a_month_of_use_leaves_nothing_readable_behind(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    data, outputs, temp, cwd, home = (tmp_path / name for name in ("data", "outputs", "temp", "cwd", "home"))
    for folder in (outputs, temp, cwd, home):
        folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("MOODMIRROR_REPORT_PASSWORD", REPORT_PASSWORD)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy.engine")  # every SQL statement and its parameters

    with Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF) as vault:
        for checkin in month_of_checkins():
            vault.add_checkin(checkin)
    base = ["--data-dir", str(data)]
    commands = [
        ["checkin", "--no-camera", "--mood", "3", "--note", f"{CLI_NOTE_MARKER} rough night", "--tag", TAG_MARKER],
        ["history", "--json"],
        ["chart", "--month", "2026-01", "--out", str(outputs / "january.png")],
        ["chart", "--year", "2026", "--out", str(outputs / "year.png")],
        ["search", "rough night"],
        ["insights", "--all"],
        ["export", "--from", "2026-01-01", "--to", "2026-01-31", "--include-notes", "--out", str(outputs / "r.pdf")],
        ["backup", "--out", str(outputs / "journal.mmbackup")],
    ]
    for argv in commands:
        assert main([*base, *argv]) == 0, capsys.readouterr().err
    printed = capsys.readouterr()
    assert NOTE_MARKER in printed.out  # history shows the person their own notes...
    assert PASSPHRASE not in printed.out + printed.err  # ...but never echoes the passphrase

    written = files_under(data, outputs, temp, cwd, home)
    assert {path.name for path in written} >= {"vault.sqlite3", "january.png", "r.pdf", "journal.mmbackup"}
    assert {str(path): leaks(content) for path, content in written.items() if leaks(content)} == {}

    log_text = caplog.text
    assert any("INSERT INTO records" in record.getMessage() for record in caplog.records)  # SQL logging was live
    assert [marker for marker in MARKERS if marker in log_text] == []


def test_every_file_written_for_the_person_is_private_to_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, outputs = tmp_path / "data", tmp_path / "outputs"
    outputs.mkdir()
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("MOODMIRROR_REPORT_PASSWORD", REPORT_PASSWORD)
    old_umask = os.umask(0o022)  # the usual default: new files readable by every user of the machine
    try:
        with Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF) as vault:
            for checkin in month_of_checkins()[:7]:
                vault.add_checkin(checkin)
        for argv in (
            ["chart", "--all", "--out", str(outputs / "moods.png")],
            ["export", "--from", "2026-01-01", "--to", "2026-01-07", "--out", str(outputs / "report.pdf")],
            ["backup", "--out", str(outputs / "journal.mmbackup")],
        ):
            assert main(["--data-dir", str(data), *argv]) == 0, capsys.readouterr().err
    finally:
        os.umask(old_umask)

    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in (data, *data.iterdir(), *outputs.iterdir())}
    assert modes == {"data": 0o700, "vault.sqlite3": 0o600, "moods.png": 0o600, "report.pdf": 0o600,
                     "journal.mmbackup": 0o600}  # fmt: skip
