"""The journal's rules through the command line, as the app applies them, and its file and option rules."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import types
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pypdf
import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror.backup.archive import write_backup
from moodmirror.cli.main import main
from moodmirror.insights.safety import LOW_MOOD_REASON, WORDS_REASON
from moodmirror.records import CheckIn, Settings
from moodmirror.storage.paths import vault_path
from moodmirror.storage.vault import Vault

PASSPHRASE = "correct horse battery"
REPORT_PASSWORD = "for my therapist 2026"
NOW = datetime.now(UTC)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty journal (cheap KDF); the passphrase is in the environment, the folder is not."""
    folder = tmp_path / "data"
    Vault.create(folder, PASSPHRASE, FAST_TEST_KDF).close()
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("MOODMIRROR_REPORT_PASSWORD", REPORT_PASSWORD)
    for name in ("MOODMIRROR_DATA_DIR", "MOODMIRROR_BACKUP_PASSWORD", "MOODMIRROR_NEW_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    return folder


def fill(data_dir: Path, *checkins: CheckIn, settings: Settings | None = None) -> None:
    with Vault.open(data_dir, PASSPHRASE) as vault:
        for checkin in checkins:
            vault.add_checkin(checkin)
        if settings is not None:
            vault.save_settings(settings)


def damage(data_dir: Path, checkin: CheckIn) -> None:
    connection = sqlite3.connect(vault_path(data_dir))
    with connection:
        connection.execute("UPDATE records SET nonce = zeroblob(12) WHERE id = ?", (checkin.id,))
    connection.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def report_text(path: Path) -> str:
    pdf = pypdf.PdfReader(path)
    pdf.decrypt(REPORT_PASSWORD)
    return "\n".join(page.extract_text() for page in pdf.pages)


def test_a_crisis_checkin_prints_the_resources_calmly(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(data_dir, settings=Settings(crisis_region="uk"))
    code, out, _ = run(capsys, "--data-dir", data_dir, "checkin", "--no-camera", "--mood", "6", "--note", "a walk")
    assert code == 0 and out.strip() == "Saved your check-in (mood 6/10)."
    note = "I keep thinking about suicide"
    code, out, _ = run(capsys, "--data-dir", data_dir, "checkin", "--no-camera", "--mood", "1", "--note", note)
    assert code == 0 and out.startswith("Saved your check-in (mood 1/10).")
    assert WORDS_REASON in out and "Samaritans: 116 123" in out and "Emergency services" in out
    assert "suicide" not in out  # the user's words are never quoted back


def test_three_very_low_checkins_print_the_resources(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(2):
        assert run(capsys, "--data-dir", data_dir, "checkin", "--no-camera", "--mood", "2")[1].count("\n") == 1
    code, out, _ = run(capsys, "--data-dir", data_dir, "checkin", "--no-camera", "--mood", "1")
    assert code == 0 and LOW_MOOD_REASON in out and "Emergency services" in out


@pytest.mark.parametrize("command", ["history", "export"])
def test_retention_applies_to_history_and_export(
    tmp_path: Path, data_dir: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    old = CheckIn(mood=3, note="an old note to forget", created_at=NOW - timedelta(days=120))
    recent = CheckIn(mood=7, note="a recent note", created_at=NOW - timedelta(days=2))
    fill(data_dir, old, recent, settings=Settings(retention_days=90))
    report = tmp_path / "report.pdf"
    argv = {"history": ["history", "--json"], "export": ["export", "--out", report, "--include-notes"]}[command]
    code, out, err = run(capsys, "--data-dir", data_dir, *argv)
    assert code == 0 and "deleted 1 check-in(s) older than 90 days" in err
    if command == "history":
        assert [c["id"] for c in json.loads(out)] == [recent.id]
    else:
        text = report_text(report)
        assert "a recent note" in text and "an old note to forget" not in text
    with Vault.open(data_dir, PASSPHRASE) as vault:
        assert [c.id for c in vault.list_checkins()] == [recent.id]


def test_passwd_applies_retention_as_every_unlock_does(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = CheckIn(mood=3, note="an old note to forget", created_at=NOW - timedelta(days=120))
    recent = CheckIn(mood=7, note="a recent note", created_at=NOW - timedelta(days=2))
    fill(data_dir, old, recent, settings=Settings(retention_days=90))
    monkeypatch.setenv("MOODMIRROR_NEW_PASSPHRASE", "a brand new passphrase")
    code, out, err = run(capsys, "--data-dir", data_dir, "passwd")
    assert code == 0 and "Passphrase changed" in out and "deleted 1 check-in(s) older than 90 days" in err
    with Vault.open(data_dir, "a brand new passphrase") as vault:
        assert [c.id for c in vault.list_checkins()] == [recent.id]


def test_chart_and_export_leave_a_damaged_checkin_out_and_name_it(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keep = CheckIn(mood=6, note="kept note", created_at=NOW - timedelta(hours=2))
    lose = CheckIn(mood=2, note="lost note", created_at=NOW - timedelta(hours=1))
    fill(data_dir, keep, lose)
    damage(data_dir, lose)

    code, out, err = run(capsys, "--data-dir", data_dir, "chart", "--out", tmp_path / "chart.png")
    assert code == 1 and "1 check-in" in out and (tmp_path / "chart.png").is_file()
    assert f"check-in {lose.id} is damaged" in err and "left out of the chart" in err

    report = tmp_path / "report.pdf"
    code, out, err = run(capsys, "--data-dir", data_dir, "export", "--out", report, "--include-notes")
    assert code == 1 and "1 check-in" in out and "kept note" in report_text(report)
    assert f"check-in {lose.id} is damaged" in err and "left out of the report" in err

    again = tmp_path / "again.pdf"
    code, _, err = run(capsys, "--data-dir", data_dir, "export", "--out", again, "--exclude", lose.id)
    assert code == 0 and err == "" and again.is_file()


def test_existing_files_are_replaced_only_with_force(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(data_dir, CheckIn(mood=5))
    for command, name in (("chart", "chart.png"), ("export", "report.pdf"), ("backup", "journal.mmbackup")):
        out = tmp_path / name
        out.write_bytes(b"keep me")
        code, _, err = run(capsys, "--data-dir", data_dir, command, "--out", out)
        assert code == 2 and "already exists" in err and "--force" in err
        assert out.read_bytes() == b"keep me"
        assert run(capsys, "--data-dir", data_dir, command, "--out", out, "--force")[0] == 0
        assert out.read_bytes() != b"keep me"


def test_chart_writes_a_jpeg_for_jpg_and_refuses_other_extensions(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(data_dir, CheckIn(mood=5))
    assert run(capsys, "--data-dir", data_dir, "chart", "--out", tmp_path / "week.jpg")[0] == 0
    assert (tmp_path / "week.jpg").read_bytes()[:3] == b"\xff\xd8\xff"
    assert (tmp_path / "week.png").exists() is False
    code, _, err = run(capsys, "--data-dir", data_dir, "chart", "--out", tmp_path / "week.gif")
    assert code == 2 and ".png, .jpg or .jpeg" in err and not (tmp_path / "week.gif").exists()


def test_data_dir_works_before_and_after_the_command(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(data_dir, CheckIn(mood=4, note="found it"))
    assert "found it" in run(capsys, "--data-dir", data_dir, "history")[1]
    assert "found it" in run(capsys, "history", "--data-dir", data_dir)[1]


def test_python_dash_m_moodmirror_runs_the_command_line(data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "moodmirror", "history", "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.strip() == "No check-ins yet."


def test_restore_never_takes_a_separate_backup_password_from_the_journal_passphrase(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "separate.mmbackup"
    with Vault.open(data_dir, PASSPHRASE) as vault:
        write_backup(vault, backup, "a separate backup password", uses_vault_passphrase=False, kdf=FAST_TEST_KDF)
    target = tmp_path / "restored"
    code, _, err = run(capsys, "--data-dir", target, "restore", backup)
    assert code == 1 and "MOODMIRROR_BACKUP_PASSWORD" in err and "--separate-password" in err
    assert not target.exists()

    monkeypatch.delenv("MOODMIRROR_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(isatty=lambda: True))
    prompts: list[str] = []
    answers = iter(["a separate backup password", "the new journal passphrase", "the new journal passphrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or next(answers))
    code, out, _ = run(capsys, "--data-dir", target, "restore", backup)
    assert code == 0 and "your new passphrase" in out
    assert "journal passphrase the backup was made with" in prompts[0] and "--separate-password" in prompts[0]
    with Vault.open(target, "the new journal passphrase") as vault:
        assert vault.list_checkins() == []
