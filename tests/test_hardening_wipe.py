"""Wipe: "delete all my data" leaves nothing of the app behind, and the app starts as new.

The person uses the app (check-ins, settings with the plaintext appearance file they bring, a
chart and a backup saved elsewhere), the app
may even have crashed in the middle of a save and left SQLite's rollback journal behind; then
they wipe (with the passphrase, so the settings can say where automatic backups went). A hard link made
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
from fast_kdf import FAST_TEST_KDF

from moodmirror.backup.archive import write_backup
from moodmirror.cli.main import main
from moodmirror.journal import save_settings
from moodmirror.records import Settings
from moodmirror.storage.vault import Vault

PASSPHRASE = "let it all go now 8"
NEW_PASSPHRASE = "a fresh start here 9"

CRASH_DURING_SAVE = """
import os, signal, sqlite3, sys
from pathlib import Path
from moodmirror.records import CheckIn
from moodmirror.storage.vault import Vault
with Vault.open(Path(sys.argv[1]), sys.argv[2]) as vault:
    vault.add_checkin(CheckIn(mood=2, note="saved just before the crash"))
connection = sqlite3.connect(Path(sys.argv[1]) / "vault.sqlite3", isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE records SET ciphertext = randomblob(length(ciphertext))")  # a save half done
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
        save_settings(vault, Settings(theme="dark", checkin_seconds=20))  # as the app does: the appearance file too
        write_backup(vault, outputs / "journal.mmbackup", PASSPHRASE, uses_vault_passphrase=True, kdf=FAST_TEST_KDF)
    crashed = subprocess.run([sys.executable, "-c", CRASH_DURING_SAVE, str(data), PASSPHRASE], timeout=60, check=False)
    assert crashed.returncode == -9
    left_by_the_crash = {path.name for path in files_under(data)}
    assert "vault.sqlite3-journal" in left_by_the_crash  # the crash left SQLite's rollback journal behind
    assert "appearance.json" in left_by_the_crash
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


def auto_backed_up_journal(tmp_path: Path) -> tuple[Path, Path]:
    """A journal whose settings send automatic backups to a folder that already holds two."""
    from datetime import UTC, datetime, timedelta

    from moodmirror.backup.automatic import maybe_auto_backup
    from moodmirror.records import CheckIn

    data, backups = tmp_path / "data", tmp_path / "backups"
    backups.mkdir()
    settings = Settings(backup_dir=str(backups), auto_backup_days=1)
    with Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF) as vault:
        vault.add_checkin(CheckIn(mood=3, note="restorable from the automatic backup"))
        vault.save_settings(settings)
        for days_ago in (2, 0):
            now = datetime(2026, 11, 30, tzinfo=UTC) - timedelta(days=days_ago)
            assert maybe_auto_backup(vault, settings, now, PASSPHRASE, kdf=FAST_TEST_KDF) is not None
    (backups / ".moodmirror-auto-20261201T000000Z.mmbackup.0a1b2c.part").write_bytes(b"interrupted")
    (backups / "my-photos.zip").write_bytes(b"the person's own file")
    return data, backups


def test_wipe_deletes_the_automatic_backups_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, backups = auto_backed_up_journal(tmp_path)
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)

    assert main(["--data-dir", str(data), "wipe", "--yes"]) == 0

    assert not data.exists()
    assert {path.name for path in backups.iterdir()} == {"my-photos.zip"}
    assert "and 3 automatic backup file(s)" in capsys.readouterr().out


def test_wipe_without_the_passphrase_says_the_automatic_backups_were_not_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, backups = auto_backed_up_journal(tmp_path)
    monkeypatch.delenv("MOODMIRROR_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    assert main(["--data-dir", str(data), "wipe", "--yes"]) == 0

    assert not data.exists()
    out = capsys.readouterr().out
    assert "automatic backups were not looked for" in out and "moodmirror-auto-*.mmbackup" in out


def test_wiping_a_linked_data_folder_removes_it_and_says_nothing_was_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real, link = tmp_path / "real-data", tmp_path / "data"
    Vault.create(real, PASSPHRASE, kdf=FAST_TEST_KDF).close()
    link.symlink_to(real)

    assert main(["--data-dir", str(link), "wipe", "--yes"]) == 0

    assert not real.exists() and not link.is_symlink()
    assert "was kept" not in capsys.readouterr().out


def test_a_file_wipe_cannot_remove_is_named_and_the_rest_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import moodmirror.storage.wipe as wiping

    data, backups = auto_backed_up_journal(tmp_path)
    stuck = sorted(backups.glob("moodmirror-auto-*.mmbackup"))[0]
    destroy = wiping._destroy

    def refuse_one(path: Path) -> None:
        if path == stuck:
            raise PermissionError(13, "Permission denied")
        destroy(path)

    monkeypatch.setattr(wiping, "_destroy", refuse_one)
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)

    assert main(["--data-dir", str(data), "wipe", "--yes"]) == 1

    captured = capsys.readouterr()
    assert f"could not delete {stuck}: Permission denied" in captured.err
    assert "Deleted all" not in captured.out
    assert not data.exists() and {path.name for path in backups.iterdir()} == {stuck.name, "my-photos.zip"}


def test_a_check_in_saved_while_wipe_runs_is_told_the_journal_was_deleted_not_damaged(tmp_path: Path) -> None:
    from moodmirror.errors import NoVault
    from moodmirror.records import CheckIn
    from moodmirror.storage.wipe import wipe

    data = tmp_path / "data"
    with Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF) as vault:
        vault.add_checkin(CheckIn(mood=5, note="before the wipe"))
        wipe(data)  # another window or command wipes while this check-in is still open
        with pytest.raises(NoVault, match="deleted"):
            vault.add_checkin(CheckIn(mood=6, note="during the wipe"))
    assert not data.exists()
