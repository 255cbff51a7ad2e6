"""The therapist report as a clinician gets it: an encrypted PDF with charts, a table and a CSV inside."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from report_samples import sample_checkins

from moodmirror.errors import InvalidPeriod, PassphraseError, ReportError
from moodmirror.records import CheckIn
from moodmirror.report.content import ReportOptions, ReportPeriod
from moodmirror.report.csv_table import COLUMNS, CSV_FILENAME
from moodmirror.report.export import build_report, write_encrypted_report

MakeCheckIn = Callable[..., CheckIn]

PASSWORD = "clinic visit 2026"
PERIOD = ReportPeriod(date(2026, 1, 5), date(2026, 1, 25))  # three weeks, Monday to Sunday
MADE = datetime(2026, 1, 26, 9, 30, tzinfo=UTC)


def options(**changes: object) -> ReportOptions:
    base: dict[str, object] = {"tz": UTC, "made_at": MADE}
    return ReportOptions(**(base | changes))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def checkins() -> list[CheckIn]:
    """Four weeks of daily check-ins; the last week lies outside PERIOD."""
    return sample_checkins(28)


@pytest.fixture(scope="module")
def excluded(checkins: list[CheckIn]) -> CheckIn:
    return checkins[2]  # day 2: has a note


@pytest.fixture(scope="module")
def reader(checkins: list[CheckIn], excluded: CheckIn) -> pypdf.PdfReader:
    """The report without notes, one check-in excluded, opened with the password."""
    data = build_report(checkins, PERIOD, options(exclude_ids=frozenset({excluded.id})), PASSWORD)
    pdf = pypdf.PdfReader(io.BytesIO(data))
    assert pdf.decrypt(PASSWORD) != pypdf.PasswordType.NOT_DECRYPTED
    return pdf


@pytest.fixture(scope="module")
def with_notes(checkins: list[CheckIn], excluded: CheckIn) -> str:
    data = build_report(checkins, PERIOD, options(include_notes=True, exclude_ids=frozenset({excluded.id})), PASSWORD)
    pdf = pypdf.PdfReader(io.BytesIO(data))
    pdf.decrypt(PASSWORD)
    return all_text(pdf)


def all_text(pdf: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in pdf.pages)


def shown(checkin: CheckIn) -> str:
    """How the table writes a check-in's time."""
    return f"{checkin.created_at.astimezone(UTC):%a %d %b %Y %H:%M}"


def in_period(checkins: list[CheckIn]) -> list[CheckIn]:
    return [c for c in checkins if PERIOD.first <= c.created_at.date() <= PERIOD.last]


def test_the_pdf_opens_only_with_the_password(checkins: list[CheckIn]) -> None:
    data = build_report(checkins, PERIOD, options(), PASSWORD)
    pdf = pypdf.PdfReader(io.BytesIO(data))
    assert pdf.is_encrypted
    with pytest.raises(pypdf.errors.FileNotDecryptedError):
        pdf.pages[0].extract_text()
    assert pypdf.PdfReader(io.BytesIO(data)).decrypt("wrong password!") == pypdf.PasswordType.NOT_DECRYPTED
    encrypt = pdf.trailer["/Encrypt"].get_object()
    assert isinstance(encrypt, pypdf.generic.DictionaryObject)
    standard = encrypt["/CF"]["/StdCF"]  # type: ignore[index]
    assert (encrypt["/V"], encrypt["/R"], standard["/CFM"]) == (5, 6, "/AESV3")  # AES-256, rev 6
    assert b"Day 1" not in data and b"Mood" not in data  # no readable content without the password


def test_the_cover_states_the_period_the_date_and_that_emotions_are_estimates(reader: pypdf.PdfReader) -> None:
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "5 Jan 2026 – 25 Jan 2026" in cover
    assert "Made on 26 Jan 2026 at 09:30" in cover
    assert "estimates" in cover and "not a diagnosis" in cover
    assert "How to read this report" in cover


def test_the_table_lists_every_check_in_of_the_period_except_the_excluded_one(
    reader: pypdf.PdfReader, checkins: list[CheckIn], excluded: CheckIn
) -> None:
    text = all_text(reader)
    expected = [c for c in in_period(checkins) if c is not excluded]
    assert len(expected) == 20
    for checkin in expected:
        assert shown(checkin) in text
    assert shown(excluded) not in text
    for outside in checkins[21:]:
        assert shown(outside) not in text


def test_the_csv_of_the_table_is_attached(reader: pypdf.PdfReader, checkins: list[CheckIn], excluded: CheckIn) -> None:
    (attached,) = reader.attachments[CSV_FILENAME]
    rows = list(csv.DictReader(io.StringIO(attached.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    expected = [c for c in in_period(checkins) if c is not excluded]
    assert [(r["date"], r["time"], int(r["mood"])) for r in rows] == [
        (f"{c.created_at:%Y-%m-%d}", f"{c.created_at:%H:%M}", c.mood) for c in expected
    ]
    camera = next(c for c in expected if c.summary is not None and c.summary.dominant)
    row = rows[expected.index(camera)]
    assert row["emotion"] == camera.summary.dominant  # type: ignore[union-attr]
    assert float(row["valence"]) == pytest.approx(camera.summary.valence, abs=1e-3)  # type: ignore[union-attr]


def test_each_week_gets_a_chart(reader: pypdf.PdfReader) -> None:
    images = sum(len(page.images) for page in reader.pages)
    assert images == 3


def test_notes_are_left_out_unless_chosen(reader: pypdf.PdfReader, with_notes: str, excluded: CheckIn) -> None:
    without = all_text(reader)
    assert "slept badly" not in without and "Notes and reflections" not in without
    assert "slept badly" in with_notes
    assert "They think I am useless" in with_notes  # a thought record
    assert "Answer on day 5" in with_notes  # a reflection answer
    assert excluded.note and excluded.note not in with_notes


def test_notes_in_any_language_and_emoji_do_not_break_the_report(make_checkin: MakeCheckIn) -> None:
    note = "Ça va 😀 — Привет, مرحبا, 日本語, बहुत\u0007 ok"
    checkin = make_checkin(datetime(2026, 1, 6, 10, tzinfo=UTC), 5, dominant="happiness", note=note)
    long_tag = "a-very-long-tag-" * 8
    checkin.tags = ["=SUM(A1)", "😀 joy", *(f"tag{i}" for i in range(12)), long_tag]
    pdf = pypdf.PdfReader(io.BytesIO(build_report([checkin], PERIOD, options(include_notes=True), PASSWORD)))
    pdf.decrypt(PASSWORD)
    text = all_text(pdf)
    assert "Ça va" in text and "Привет" in text and "ok" in text
    assert "tag11" in text and "a-very-long-tag-a-very" in text and long_tag not in text  # wrapped, then cut
    (attached,) = pdf.attachments[CSV_FILENAME]
    assert "'=SUM(A1)" in attached.decode("utf-8-sig")  # no formula for the spreadsheet to run


def test_page_one_renders(tmp_path: Path, reader: pypdf.PdfReader, checkins: list[CheckIn]) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed; .ci/run installs it")
    pdf = tmp_path / "report.pdf"
    write_encrypted_report(pdf, checkins, PERIOD, options(), password=PASSWORD)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-upw", PASSWORD, str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    (png,) = tmp_path.glob("page*.png")
    image = Image.open(png).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.width * image.height  # text on the page, not a blank sheet


def test_a_short_report_password_is_refused(tmp_path: Path, checkins: list[CheckIn]) -> None:
    out = tmp_path / "report.pdf"
    with pytest.raises(PassphraseError, match="at least 10 characters"):
        write_encrypted_report(out, checkins, PERIOD, options(), password="short pw")
    assert not out.exists()


def test_an_unknown_excluded_id_or_an_empty_period_is_refused(tmp_path: Path, checkins: list[CheckIn]) -> None:
    out = tmp_path / "report.pdf"
    with pytest.raises(ReportError, match="nope"):
        write_encrypted_report(out, checkins, PERIOD, options(exclude_ids=frozenset({"nope"})), password=PASSWORD)
    empty = ReportPeriod(date(2025, 1, 1), date(2025, 1, 31))
    with pytest.raises(ReportError, match="No check-ins"):
        write_encrypted_report(out, checkins, empty, options(), password=PASSWORD)
    with pytest.raises(InvalidPeriod):
        ReportPeriod(date(2026, 2, 1), date(2026, 1, 1))
    assert list(tmp_path.iterdir()) == []


def test_a_report_for_an_age_recipient_opens_with_their_key(tmp_path: Path, checkins: list[CheckIn]) -> None:
    import pyrage  # type: ignore[import-untyped]
    from pyrage import x25519  # type: ignore[import-untyped]

    identity = x25519.Identity.generate()
    out = tmp_path / "report.pdf.age"
    count = write_encrypted_report(out, checkins, PERIOD, options(), recipient=str(identity.to_public()))
    assert count == 21
    sealed = out.read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1") and b"%PDF" not in sealed
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(sealed, [x25519.Identity.generate()])
    pdf = pypdf.PdfReader(io.BytesIO(pyrage.decrypt(sealed, [identity])))
    assert "5 Jan 2026 – 25 Jan 2026" in pdf.pages[0].extract_text()
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_bad_age_recipient_is_refused_before_anything_is_written(tmp_path: Path, checkins: list[CheckIn]) -> None:
    out = tmp_path / "report.pdf"
    with pytest.raises(ReportError, match="age1"):
        write_encrypted_report(out, checkins, PERIOD, options(), recipient="age1notakey")
    assert not out.exists()
