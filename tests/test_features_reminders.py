"""The daily reminder: a systemd user timer running ``moodmirror remind``, switched on and off
from the command line, silent for a journal that is gone, removed by delete-all-data."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from moodmirror.cli.main import main
from moodmirror.errors import ReminderError
from moodmirror.reminders import MESSAGE, SERVICE, TIMER, parse_time

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reminders are set up on Linux")


@pytest.fixture
def desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A config folder and fake ``systemctl``/``notify-send`` that log their arguments; returns (units, log)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    for name in ("systemctl", "notify-send"):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n')
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "systemd" / "user", log


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_reminder_is_a_daily_user_timer_for_this_journal(
    vault_dir: Path, desktop: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    units, log = desktop
    code, out, _ = run(capsys, "--data-dir", str(vault_dir), "reminder", "on", "7:05")
    assert code == 0 and "at 07:05 every day, even while MoodMirror is closed" in out
    timer, service = (units / TIMER).read_text(), (units / SERVICE).read_text()
    assert "OnCalendar=*-*-* 07:05:00" in timer and f"X-MoodMirror-Journal={vault_dir.absolute()}" in timer
    assert f'-m moodmirror remind --data-dir "{vault_dir.absolute()}"' in service
    assert log.read_text().splitlines() == ["systemctl --user daemon-reload", f"systemctl --user enable --now {TIMER}"]
    assert run(capsys, "--data-dir", str(vault_dir), "reminder")[1].strip() == "A reminder comes every day at 07:05."

    code, out, _ = run(capsys, "--data-dir", str(vault_dir), "remind")
    assert code == 0 and log.read_text().splitlines()[-1] == f"notify-send --app-name=MoodMirror MoodMirror {MESSAGE}"

    code, out, _ = run(capsys, "--data-dir", str(vault_dir), "reminder", "off")
    assert (
        out.strip() == "The daily reminder is off." and not (units / TIMER).exists() and not (units / SERVICE).exists()
    )
    assert f"systemctl --user disable --now {TIMER}" in log.read_text()
    assert run(capsys, "--data-dir", str(vault_dir), "reminder")[1].strip() == "No daily reminder is set."


def test_a_bad_time_and_a_missing_systemd_say_so(
    vault_dir: Path, desktop: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    units, _ = desktop
    code, _, err = run(capsys, "--data-dir", str(vault_dir), "reminder", "on", "25:00")
    assert code == 1 and err.strip() == "moodmirror: A reminder time looks like 20:30, not '25:00'."
    assert not units.exists()
    (tmp_path / "bin" / "systemctl").unlink()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # no systemctl anywhere
    code, out, _ = run(capsys, "--data-dir", str(vault_dir), "reminder", "on", "21:00")
    assert code == 0 and "did not start it (systemctl was not found)" in out and (units / TIMER).exists()
    with pytest.raises(ReminderError):
        parse_time("9pm")
    assert parse_time(" 9:30 ") == "09:30"


def test_delete_all_data_removes_the_reminder_but_not_another_journals(
    vault_dir: Path, desktop: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    units, log = desktop
    from fast_kdf import FAST_TEST_KDF

    from moodmirror.storage.vault import Vault

    other = tmp_path / "other-journal"
    Vault.create(other, "another passphrase", kdf=FAST_TEST_KDF).close()
    run(capsys, "--data-dir", str(vault_dir), "reminder", "on", "20:30")
    code, out, _ = run(capsys, "--data-dir", str(other), "wipe", "--yes")
    assert code == 0 and not other.exists() and "reminder" not in out
    assert (units / TIMER).exists()  # the reminder belongs to the first journal
    code, out, _ = run(capsys, "--data-dir", str(vault_dir), "wipe", "--yes")
    assert code == 0 and "The daily reminder is off." in out and not (units / TIMER).exists()

    calls = len(log.read_text().splitlines())
    assert run(capsys, "--data-dir", str(vault_dir), "remind")[0] == 0  # the journal is gone: nothing is shown
    assert len(log.read_text().splitlines()) == calls


def test_wipe_destroys_the_reminder_files_and_names_one_it_cannot_remove(
    vault_dir: Path, desktop: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import moodmirror.storage.wipe as wiping

    units, log = desktop
    run(capsys, "--data-dir", str(vault_dir), "reminder", "on", "20:30")
    timer = units / TIMER
    keep = timer.with_name("held")
    os.link(timer, keep)  # a second name for the timer's file, to see what was left on the disk
    destroy = wiping._destroy

    def refuse_the_service(path: Path) -> None:
        if path.name == SERVICE:
            raise PermissionError(13, "Permission denied")
        destroy(path)

    monkeypatch.setattr(wiping, "_destroy", refuse_the_service)
    code, out, err = run(capsys, "--data-dir", str(vault_dir), "wipe", "--yes")
    assert code == 1 and not vault_dir.exists()
    assert f"could not delete {units / SERVICE}: Permission denied" in err and "Deleted all" not in out
    assert not timer.exists() and set(keep.read_bytes()) == {0}  # overwritten before it was unlinked
    assert f"systemctl --user disable --now {TIMER}" in log.read_text()
