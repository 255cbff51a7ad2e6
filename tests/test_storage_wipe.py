"""Delete all data: the key material is destroyed in place, every app file goes, a fresh start works."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror.errors import NoVault
from moodmirror.records import CheckIn, Settings
from moodmirror.storage.appearance import remember_appearance
from moodmirror.storage.paths import APPEARANCE_FILENAME, app_files, appearance_path, cache_dir, vault_path
from moodmirror.storage.vault import Vault
from moodmirror.storage.wipe import wipe


def fill(data_dir: Path, passphrase: str) -> None:
    with Vault.open(data_dir, passphrase) as vault:
        vault.add_checkin(CheckIn(mood=4, note="to be forgotten"))
        vault.save_settings(Settings(theme="dark"))
    cache = cache_dir(data_dir)
    (cache / "charts").mkdir(parents=True)
    (cache / "charts" / "week.png").write_bytes(b"derived picture")
    for leftover in app_files(data_dir)[1:]:
        leftover.write_bytes(b"left by a crash")


def test_wipe_removes_every_file_and_the_folder_and_init_works_again(vault_dir: Path, vault_passphrase: str) -> None:
    fill(vault_dir, vault_passphrase)
    wipe(vault_dir)
    assert not vault_dir.exists()
    assert not Vault.exists(vault_dir)
    with pytest.raises(NoVault):
        Vault.open(vault_dir, vault_passphrase)
    with Vault.create(vault_dir, vault_passphrase, kdf=FAST_TEST_KDF) as fresh:
        assert fresh.list_checkins() == []
    wipe(vault_dir)
    wipe(vault_dir)  # nothing left to do is fine


def test_wipe_overwrites_the_vault_in_place_before_unlinking(vault_dir: Path, vault_passphrase: str) -> None:
    """A second name for the file (like blocks left on disk) sees only zeros afterwards."""
    fill(vault_dir, vault_passphrase)
    survivor = vault_dir.parent / "hard-link-to-vault"
    os.link(vault_path(vault_dir), survivor)
    size = survivor.stat().st_size
    wipe(vault_dir)
    assert survivor.read_bytes() == bytes(size)


def test_wipe_leaves_files_the_user_put_in_the_folder(vault_dir: Path, vault_passphrase: str) -> None:
    fill(vault_dir, vault_passphrase)
    mine = vault_dir / "my-own-notes.txt"
    mine.write_text("not MoodMirror's")
    outside = vault_dir.parent / "elsewhere.txt"
    outside.write_text("keep me")
    os.symlink(outside, cache_dir(vault_dir) / "link-out")
    wipe(vault_dir)
    assert sorted(p.name for p in vault_dir.iterdir()) == ["my-own-notes.txt"]
    assert outside.read_text() == "keep me"


def test_wipe_removes_the_appearance_file_and_a_half_written_one(vault_dir: Path, vault_passphrase: str) -> None:
    """The one plaintext file goes too, and so does the temporary file an interrupted write left."""
    fill(vault_dir, vault_passphrase)
    remember_appearance(vault_dir, Settings(theme="dark"))
    interrupted = vault_dir / f".{APPEARANCE_FILENAME}.0123456789ab.part"
    interrupted.write_bytes(b'{"theme": "da')
    result = wipe(vault_dir)
    assert appearance_path(vault_dir) in result.removed and interrupted in result.removed
    assert not vault_dir.exists() and result.kept == [] and result.failed == []
