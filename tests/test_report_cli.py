"""``moodmirror export``, ``backup`` and ``restore`` as a user runs them."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pypdf
import pytest
from fast_kdf import FAST_TEST_KDF
from report_samples import sample_checkins

from moodmirror.cli.main import main
from moodmirror.records import CheckIn, Settings
from moodmirror.storage.vault import Vault

PASSPHRASE = "correct horse battery"
REPORT_PASSWORD = "for my therapist 2026"


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[CheckIn]]:
    """A data folder with 28 days of check-ins; the passphrase is in the environment."""
    data_dir = tmp_path / "data"
    checkins = sample_checkins(28)
    with Vault.create(data_dir, PASSPHRASE, FAST_TEST_KDF) as vault:
        for checkin in checkins:
            vault.add_checkin(checkin)
        vault.save_settings(Settings(theme="dark", auto_backup_days=7))
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    for name in ("MOODMIRROR_REPORT_PASSWORD", "MOODMIRROR_BACKUP_PASSWORD", "MOODMIRROR_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    return data_dir, checkins


def files_under(folder: Path) -> dict[str, tuple[int, float]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime) for p in folder.rglob("*")}


def history(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "history", "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_export_creates_the_report_and_no_other_file(
    tmp_path: Path, journal: tuple[Path, list[CheckIn]], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, checkins = journal
    out_dir, temp, cwd = (tmp_path / name for name in ("out", "temp", "cwd"))
    for folder in (out_dir, temp, cwd):
        folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # so tempfile looks at TMPDIR again
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("MOODMIRROR_REPORT_PASSWORD", REPORT_PASSWORD)
    before = {folder: files_under(folder) for folder in (data_dir, temp, cwd)}
    out = out_dir / "report.pdf"
    argv = ["--data-dir", str(data_dir), "export", "--out", str(out), "--from", "2026-01-05", "--to", "2026-01-25"]
    assert main([*argv, "--exclude", checkins[3].id, "--include-notes"]) == 0
    assert [p.name for p in out_dir.iterdir()] == ["report.pdf"]
    assert out.stat().st_mode & 0o777 == 0o600
    assert {folder: files_under(folder) for folder in (data_dir, temp, cwd)} == before
    pdf = pypdf.PdfReader(out)
    assert pdf.decrypt(REPORT_PASSWORD) != pypdf.PasswordType.NOT_DECRYPTED
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "5 Jan 2026 – 25 Jan 2026" in text and "slept badly" in text
    assert f"{checkins[3].created_at:%a %d %b %Y %H:%M}" not in text


def test_export_refuses_a_short_password_and_a_path_inside_the_data_folder(
    tmp_path: Path,
    journal: tuple[Path, list[CheckIn]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir, _ = journal
    monkeypatch.setenv("MOODMIRROR_REPORT_PASSWORD", "123456789")
    out = tmp_path / "report.pdf"
    assert main(["--data-dir", str(data_dir), "export", "--out", str(out)]) == 1
    assert "at least 10 characters" in capsys.readouterr().err
    assert not out.exists()
    monkeypatch.setenv("MOODMIRROR_REPORT_PASSWORD", REPORT_PASSWORD)
    inside = data_dir / "vault.sqlite3"
    before = inside.read_bytes()
    assert main(["--data-dir", str(data_dir), "export", "--out", str(inside)]) == 2
    assert "outside the data folder" in capsys.readouterr().err
    assert inside.read_bytes() == before


def test_export_to_an_age_recipient(tmp_path: Path, journal: tuple[Path, list[CheckIn]]) -> None:
    import pyrage  # type: ignore[import-untyped]
    from pyrage import x25519  # type: ignore[import-untyped]

    data_dir, _ = journal
    identity = x25519.Identity.generate()
    out = tmp_path / "report.pdf.age"
    argv = ["--data-dir", str(data_dir), "export", "--out", str(out), "--recipient", str(identity.to_public())]
    assert main([*argv, "--from", "2026-01-01", "--to", "2026-01-31"]) == 0
    pdf = pypdf.PdfReader(io.BytesIO(pyrage.decrypt(out.read_bytes(), [identity])))
    assert not pdf.is_encrypted
    assert "1 Jan 2026 – 31 Jan 2026" in pdf.pages[0].extract_text()


def test_backup_wipe_restore_gives_back_the_same_journal(
    tmp_path: Path, journal: tuple[Path, list[CheckIn]], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _ = journal
    original = history(data_dir, capsys)
    backup = tmp_path / "journal.mmbackup"
    assert main(["--data-dir", str(data_dir), "backup", "--out", str(backup)]) == 0
    assert "Backed up 28 check-ins" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "wipe", "--yes"]) == 0
    assert not data_dir.exists() or not any(data_dir.iterdir())
    assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 0
    assert "Restored 28 check-ins" in capsys.readouterr().out
    assert history(data_dir, capsys) == original
    with Vault.open(data_dir, PASSPHRASE) as vault:
        assert vault.load_settings() == Settings(theme="dark", auto_backup_days=7)


def test_restore_refuses_a_wrong_password_or_a_used_folder_and_changes_nothing(
    tmp_path: Path,
    journal: tuple[Path, list[CheckIn]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir, _ = journal
    backup = tmp_path / "journal.mmbackup"
    monkeypatch.setenv("MOODMIRROR_BACKUP_PASSWORD", "a separate backup password")
    assert main(["--data-dir", str(data_dir), "backup", "--out", str(backup), "--separate-password"]) == 0
    target = tmp_path / "elsewhere"
    monkeypatch.setenv("MOODMIRROR_BACKUP_PASSWORD", "not the backup password")
    assert main(["--data-dir", str(target), "restore", str(backup)]) == 1
    assert "Wrong password for this backup" in capsys.readouterr().err
    assert not target.exists()
    before = files_under(data_dir)
    assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert files_under(data_dir) == before
    monkeypatch.setenv("MOODMIRROR_BACKUP_PASSWORD", "a separate backup password")
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", "the new journal passphrase")
    assert main(["--data-dir", str(target), "restore", str(backup)]) == 0
    assert "your new passphrase" in capsys.readouterr().out
    with Vault.open(target, "the new journal passphrase") as vault:
        assert len(vault.list_checkins()) == 28


def test_export_refuses_a_day_that_is_not_a_date_or_lies_in_the_future(
    tmp_path: Path, journal: tuple[Path, list[CheckIn]], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _ = journal
    out = tmp_path / "report.pdf"
    argv = ["--data-dir", str(data_dir), "export", "--out", str(out)]
    assert main([*argv, "--from", "2026-02-30"]) == 2
    assert "The first day '2026-02-30' is not a date" in capsys.readouterr().err
    assert main([*argv, "--to", "2999-01-01"]) == 2
    assert "The last day (1 Jan 2999) is in the future" in capsys.readouterr().err
    assert not out.exists()
