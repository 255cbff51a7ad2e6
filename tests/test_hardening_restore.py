"""Restore: the restored journal is as private as a new one, and a restore killed midway is no obstacle.

``restore`` into an existing empty folder makes it 0700, as ``init`` does. A restore killed
with SIGKILL leaves its staging folder (``cache/restoring``) behind: other commands say so,
and the next restore replaces it instead of calling the folder "not empty".
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror.backup.archive import write_backup
from moodmirror.cli.main import main
from moodmirror.records import CheckIn
from moodmirror.storage.paths import cache_dir
from moodmirror.storage.vault import Vault

PASSPHRASE = "bring it all back 3"


@pytest.fixture
def backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("MOODMIRROR_BACKUP_PASSWORD", raising=False)
    path = tmp_path / "journal.mmbackup"
    with Vault.create(tmp_path / "old", PASSPHRASE, kdf=FAST_TEST_KDF) as vault:
        vault.add_checkin(CheckIn(mood=7, note="worth keeping"))
        write_backup(vault, path, PASSPHRASE, uses_vault_passphrase=True, kdf=FAST_TEST_KDF)
    return path


def restored_notes(data: Path) -> list[str]:
    with Vault.open(data, PASSPHRASE) as vault:
        return [c.note for c in vault.list_checkins()]


def test_restore_into_an_existing_empty_folder_makes_it_private(tmp_path: Path, backup: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)

    assert main(["--data-dir", str(data), "restore", str(backup)]) == 0

    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert restored_notes(data) == ["worth keeping"]


def test_a_restore_killed_midway_does_not_block_the_next_one(
    tmp_path: Path, backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    Vault.create(cache_dir(data) / "restoring", PASSPHRASE, kdf=FAST_TEST_KDF).close()  # what SIGKILL leaves
    assert main(["--data-dir", str(data), "history"]) == 1
    assert "a restore was interrupted there" in capsys.readouterr().err

    assert main(["--data-dir", str(data), "restore", str(backup)]) == 0, capsys.readouterr().err

    assert restored_notes(data) == ["worth keeping"]
    assert not cache_dir(data).exists()
