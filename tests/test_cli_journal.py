"""The journal commands as a user runs them: init, checkin, history, passwd, wipe, and errors."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import types
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from moodmirror.cli.main import main
from moodmirror.records import CheckIn
from moodmirror.storage.paths import vault_path
from moodmirror.storage.vault import Vault

NEW_PASSPHRASE = "a completely new passphrase"
SCRIPT = shutil.which("moodmirror", path=str(Path(sys.executable).parent)) or shutil.which("moodmirror") or "moodmirror"


@pytest.fixture
def journal(vault_dir: Path, vault_passphrase: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A vault (cheap KDF) that the CLI finds through the environment, as a script would."""
    monkeypatch.setenv("MOODMIRROR_DATA_DIR", str(vault_dir))
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", vault_passphrase)
    monkeypatch.delenv("MOODMIRROR_NEW_PASSPHRASE", raising=False)
    return vault_dir


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_init_creates_a_journal_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "fresh"
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", "the first passphrase")
    code, out, _ = run(["--data-dir", str(data_dir), "init"], capsys)
    assert code == 0 and "Created your journal" in out
    Vault.open(data_dir, "the first passphrase").close()
    before = vault_path(data_dir).read_bytes()

    code, _, err = run(["--data-dir", str(data_dir), "init"], capsys)
    assert code == 1 and "already exists" in err
    assert vault_path(data_dir).read_bytes() == before


def test_init_asks_twice_on_a_terminal_and_refuses_a_mismatch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MOODMIRROR_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(isatty=lambda: True))
    answers = iter(["one passphrase", "another passphrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    code, _, err = run(["--data-dir", str(tmp_path / "d"), "init"], capsys)
    assert code == 1 and "differ" in err
    assert not Vault.exists(tmp_path / "d")


def test_checkin_then_history_shows_it_in_local_time(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = "Slept well\nthen a long day"
    argv = ["checkin", "--no-camera", "--mood", "7", "--note", note, "--tag", "sleep", "--tag", "work"]
    code, out, _ = run(argv, capsys)
    assert code == 0 and "mood 7/10" in out
    code, out, _ = run(["history"], capsys)
    (line,) = out.splitlines()
    (stored,) = Vault.open(journal, os.environ["MOODMIRROR_PASSPHRASE"]).list_checkins()
    assert line.startswith(f"{stored.created_at.astimezone():%Y-%m-%d %H:%M}")
    assert "mood  7/10" in line and "#sleep #work" in line and "Slept well…" in line


def add_checkins(data_dir: Path, *checkins: CheckIn) -> None:
    with Vault.open(data_dir, os.environ["MOODMIRROR_PASSPHRASE"]) as vault:
        for checkin in checkins:
            vault.add_checkin(checkin)


def test_history_json_has_every_field_newest_first_and_filters_by_week(
    journal: Path, make_checkin: Callable[..., CheckIn], capsys: pytest.CaptureFixture[str]
) -> None:
    older = make_checkin(datetime(2031, 1, 6, 12, tzinfo=UTC), 3, note="week two", tags=("a",))
    newer = make_checkin(datetime(2031, 1, 14, 12, tzinfo=UTC), 8, dominant="happiness", valence=0.5)
    add_checkins(journal, older, newer)

    code, out, _ = run(["history", "--json"], capsys)
    assert code == 0
    assert json.loads(out) == [newer.to_dict(), older.to_dict()]

    code, out, _ = run(["history", "--json", "--week", "2031-W02"], capsys)
    assert [c["id"] for c in json.loads(out)] == [older.id]
    code, out, _ = run(["history", "--week", "2031-W03"], capsys)
    assert "happiness" in out and "mood  8/10" in out
    code, out, _ = run(["history", "--week", "2031-W05"], capsys)
    assert out.strip() == "No check-ins in that week."


def test_a_damaged_check_in_is_named_and_the_others_still_listed(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keep, lose = CheckIn(mood=5, note="fine"), CheckIn(mood=6)
    add_checkins(journal, keep, lose)
    with sqlite3.connect(vault_path(journal)) as connection:
        connection.execute("UPDATE records SET nonce = zeroblob(12) WHERE id = ?", (lose.id,))
    connection.close()
    code, out, err = run(["history", "--json"], capsys)
    assert code == 1
    assert [c["id"] for c in json.loads(out)] == [keep.id]
    assert lose.id in err and "damaged" in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["checkin", "--mood", "5"], "--source"),
        (["checkin", "--no-camera", "--mood", "0"], "mood must be from 1 to 10"),
        (["checkin", "--no-camera", "--mood", "seven"], "whole number"),
        (["checkin", "--no-camera"], "--mood"),
        (["history", "--week", "2031-W54"], "2031 has no ISO week 54"),
        (["history", "--week", "2031-54"], "a week looks like 2026-W48"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message(
    journal: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    assert code == 2
    assert expected in capsys.readouterr().err


def test_wrong_passphrase_is_one_line_and_changes_nothing(
    journal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", "not my passphrase")
    before = vault_path(journal).read_bytes()
    code, out, err = run(["checkin", "--no-camera", "--mood", "5"], capsys)
    assert code == 1 and out == ""
    assert err == "moodmirror: Wrong passphrase; the journal was not changed.\n"
    assert vault_path(journal).read_bytes() == before


def test_no_journal_and_no_terminal_are_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MOODMIRROR_PASSPHRASE", raising=False)
    code, _, err = run(["--data-dir", str(tmp_path / "none"), "history"], capsys)
    assert code == 1 and "moodmirror init" in err
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(["--data-dir", str(tmp_path / "none"), "init"], capsys)
    assert code == 1 and "MOODMIRROR_PASSPHRASE" in err


def test_passwd_switches_to_the_new_passphrase(
    journal: Path, vault_passphrase: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MOODMIRROR_NEW_PASSPHRASE", NEW_PASSPHRASE)
    code, out, _ = run(["passwd"], capsys)
    assert code == 0 and "Passphrase changed" in out
    code, _, err = run(["history"], capsys)
    assert code == 1 and "Wrong passphrase" in err
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", NEW_PASSPHRASE)
    assert run(["history"], capsys)[0] == 0


def test_wipe_asks_for_delete_and_then_removes_everything(
    journal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("yes\n"))
    code, _, err = run(["wipe"], capsys)
    assert code == 1 and "Nothing was deleted" in err and Vault.exists(journal)
    monkeypatch.setattr(sys, "stdin", io.StringIO("DELETE\n"))
    code, out, _ = run(["wipe"], capsys)
    assert code == 0 and "Deleted all MoodMirror data" in out
    assert not journal.exists()
    assert run(["init"], capsys)[0] == 0
    assert run(["wipe", "--yes"], capsys)[0] == 0 and not journal.exists()


def test_no_command_opens_the_app_or_explains_why_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    opened: list[Path] = []
    fake_app = types.ModuleType("moodmirror.ui.app")
    fake_app.run = lambda data_dir: opened.append(data_dir) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "moodmirror.ui.app", fake_app)
    monkeypatch.setenv("DISPLAY", ":99")
    assert main(["--data-dir", str(tmp_path)]) == 0 and opened == [tmp_path]

    monkeypatch.delenv("DISPLAY")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    code, _, err = run(["--data-dir", str(tmp_path)], capsys)
    if sys.platform.startswith("linux"):
        assert code == 1 and "no display found" in err and "xvfb-run" in err
        monkeypatch.setenv("DISPLAY", ":99")

    monkeypatch.setitem(sys.modules, "moodmirror.ui.app", None)
    code, _, err = run(["--data-dir", str(tmp_path)], capsys)
    assert code == 2 and "needs moodmirror.ui.app" in err and "Traceback" not in err


def script(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *args],
        capture_output=True, text=True, timeout=60, env={**os.environ, **env}, check=False,
    )  # fmt: skip


def test_the_installed_script_reports_a_damaged_vault_without_a_traceback(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    vault_path(data_dir).write_bytes(b"this is not a journal" * 50)
    result = script(["--data-dir", str(data_dir), "history"], {"MOODMIRROR_PASSPHRASE": "whatever it is"})
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "damaged" in result.stderr
    assert "Traceback" not in result.stderr and "passphrase" not in result.stderr.lower()


def test_help_is_fast_because_nothing_heavy_is_imported() -> None:
    probe = (
        "import sys, moodmirror.cli.main as m; m.build_parser().format_help(); "
        "print(sorted({'sqlalchemy','alembic','cryptography','kivy','cv2','onnxruntime','matplotlib','torch','fpdf'}"
        " & {n.split('.')[0] for n in sys.modules}))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"
    assert script(["--help"], {}).returncode == 0
