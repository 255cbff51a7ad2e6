"""Wipe: "delete all my data" leaves nothing of the app behind, and the app starts as new.

The person uses the app (check-ins, settings, a chart and a backup saved elsewhere), the app
may even have crashed and left SQLite's write-ahead log behind; then they wipe. A hard link made
beforehand keeps the old database file reachable, as leftover disk blocks could: it must hold
only zeros, so the wrapped key is gone for good. The data folder and the temp folder hold no
file the app made, and the next start is a first run.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from moodmirror.cli.main import main
from moodmirror.records import Settings
from moodmirror.report.backup import write_backup
from fast_kdf import FAST_TEST_KDF
from moodmirror.storage.vault import Vault

PASSPHRASE = "let it all go now 8"
NEW_PASSPHRASE = "a fresh start here 9"

CRASH_AFTER_SAVE = """
import os, signal, sys
from pathlib import Path
from moodmirror.records import CheckIn
from moodmirror.storage.vault import Vault
vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
vault.add_checkin(CheckIn(mood=2, note="saved just before the crash"))
os.kill(os.getpid(), signal.SIGKILL)
"""


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()


@pytest.mark.slow
def test_wipe_leaves_nothing_and_the_app_starts_fresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, outputs, temp, forensics = (tmp_path / name for name in ("data", "outputs", "temp", "forensics"))
    for folder in (outputs, temp, forensics):
        folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF).close()
    base = ["--data-dir", str(data)]
    for argv in (
        ["checkin", "--no-camera", "--mood", "4", "--note", "a hard week", "--tag", "work"],
        ["chart", "--all", "--out", str(outputs / "all.png")],
    ):
        assert main([*base, *argv]) == 0, capsys.readouterr().err
    with Vault.open(data, PASSPHRASE) as vault:
        vault.save_settings(Settings(theme="dark", checkin_seconds=20))
        write_backup(vault, outputs / "journal.mmbackup", PASSPHRASE, uses_vault_passphrase=True, kdf=FAST_TEST_KDF)
    crashed = subprocess.run([sys.executable, "-c", CRASH_AFTER_SAVE, str(data), PASSPHRASE], timeout=60, check=False)
    assert crashed.returncode == -9
    left_by_the_crash = {path.name for path in files_under(data)}
    assert "vault.sqlite3-wal" in left_by_the_crash  # the crash left SQLite's log behind
    temp_before = files_under(temp)
    links = {path.name: forensics / path.name for path in files_under(data)}
    for name, link in links.items():
        os.link(data / name, link)

    assert main([*base, "wipe"]) == 1  # without --yes it asks; an empty answer deletes nothing
    assert left_by_the_crash <= {path.name for path in files_under(data)}
    assert main([*base, "wipe", "--yes"]) == 0

    assert not data.exists()
    assert files_under(temp) == temp_before
    for name, link in links.items():
        content = link.read_bytes()
        assert content == bytes(len(content)), f"{name} was unlinked without being overwritten first"
    assert {path.name for path in files_under(outputs)} == {"all.png", "journal.mmbackup"}  # the user's own files

    assert not Vault.exists(data)
    assert main([*base, "history"]) == 1
    assert "No journal" in capsys.readouterr().err
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", NEW_PASSPHRASE)
    assert main([*base, "init"]) == 0
    with Vault.open(data, NEW_PASSPHRASE) as vault:
        assert vault.list_checkins() == [] and vault.load_settings() == Settings()


def test_wipe_keeps_files_the_person_put_in_the_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF).close()
    mine = data / "my-own-notes.txt"
    mine.write_text("not MoodMirror's to delete")

    assert main(["--data-dir", str(data), "wipe", "--yes"]) == 0

    assert files_under(data) == {mine}
    assert "holds files MoodMirror did not create" in capsys.readouterr().out
    assert not Vault.exists(data)
