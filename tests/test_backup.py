"""Encrypted backups: a full round trip, and every bad file refused with the data folder untouched."""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fast_kdf import FAST_TEST_KDF
from report_samples import sample_checkins

from moodmirror.backup.archive import check_restore_target, read_backup, restore_backup, write_backup
from moodmirror.backup.automatic import KEEP_AUTO_BACKUPS, auto_backup_name, auto_backups, maybe_auto_backup
from moodmirror.backup.format import HEADER_SIZE, MAGIC
from moodmirror.errors import (
    BackupDamaged,
    BackupWrongPassword,
    PassphraseError,
    RestoreTargetNotEmpty,
    UnsupportedBackup,
)
from moodmirror.records import Settings
from moodmirror.storage.vault import Vault

PASSPHRASE = "correct horse battery"
SETTINGS = Settings(camera_enabled=True, week_start="sunday", theme="dark", retention_days=365, text_scale=1.25)


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    with Vault.create(tmp_path / "journal", PASSPHRASE, FAST_TEST_KDF) as opened:
        for checkin in sample_checkins(30):
            opened.add_checkin(checkin)
        opened.save_settings(SETTINGS)
        yield opened


@pytest.fixture
def backup(tmp_path: Path, vault: Vault) -> Path:
    path = tmp_path / "journal.mmbackup"
    write_backup(vault, path, PASSPHRASE, uses_vault_passphrase=True, kdf=FAST_TEST_KDF)
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its contents (empty if the folder is missing)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_backup_then_restore_gives_identical_records_and_settings(tmp_path: Path, vault: Vault, backup: Path) -> None:
    assert backup.stat().st_mode & 0o777 == 0o600
    assert b"slept badly" not in backup.read_bytes() and b"work" not in backup.read_bytes()
    target = tmp_path / "restored"
    contents = read_backup(backup, PASSPHRASE)
    assert contents.uses_vault_passphrase
    restore_backup(contents, target, PASSPHRASE, FAST_TEST_KDF)
    with Vault.open(target, PASSPHRASE) as restored:
        assert [c.to_dict() for c in restored.list_checkins()] == [c.to_dict() for c in vault.list_checkins()]
        assert restored.load_settings() == SETTINGS
    assert sorted(p.name for p in target.iterdir()) == ["vault.sqlite3"]  # no staging left behind


def test_a_backup_with_a_separate_password(tmp_path: Path, vault: Vault) -> None:
    path = tmp_path / "separate.mmbackup"
    with pytest.raises(PassphraseError, match="at least 10"):
        write_backup(vault, path, "short", uses_vault_passphrase=False, kdf=FAST_TEST_KDF)
    assert not path.exists()
    result = write_backup(vault, path, "a separate backup password", uses_vault_passphrase=False, kdf=FAST_TEST_KDF)
    assert (result.checkins, result.skipped_damaged) == (30, 0)
    with pytest.raises(BackupWrongPassword):
        read_backup(path, PASSPHRASE)
    contents = read_backup(path, "a separate backup password")
    assert not contents.uses_vault_passphrase and len(contents.checkins) == 30


def test_each_backup_has_its_own_salt(tmp_path: Path, vault: Vault, backup: Path) -> None:
    again = tmp_path / "again.mmbackup"
    write_backup(vault, again, PASSPHRASE, uses_vault_passphrase=True, kdf=FAST_TEST_KDF)
    assert backup.read_bytes()[:HEADER_SIZE] != again.read_bytes()[:HEADER_SIZE]
    assert backup.read_bytes().startswith(MAGIC)


def _refused(tmp_path: Path, data: bytes, password: str, error: type[Exception], match: str) -> None:
    """Restoring ``data`` fails with ``error`` and leaves the target exactly as it was (empty)."""
    bad = tmp_path / "bad.mmbackup"
    bad.write_bytes(data)
    target = tmp_path / "target"
    target.mkdir()
    with pytest.raises(error, match=match):
        restore_backup(read_backup(bad, password), target, PASSPHRASE, FAST_TEST_KDF)
    assert list(target.iterdir()) == []


def test_a_wrong_password_is_refused(tmp_path: Path, backup: Path) -> None:
    _refused(tmp_path, backup.read_bytes(), "not the passphrase", BackupWrongPassword, "Wrong password")


@pytest.mark.parametrize("where", ["header", "ciphertext", "last byte"])
def test_a_tampered_backup_is_refused(tmp_path: Path, backup: Path, where: str) -> None:
    data = bytearray(backup.read_bytes())
    index = {"header": 30, "ciphertext": HEADER_SIZE + 40, "last byte": len(data) - 1}[where]
    data[index] ^= 0x01
    _refused(tmp_path, bytes(data), PASSPHRASE, BackupDamaged, "damaged|altered")


@pytest.mark.parametrize("keep", [5, HEADER_SIZE - 1, HEADER_SIZE + 20, -1])
def test_a_truncated_backup_is_refused(tmp_path: Path, backup: Path, keep: int) -> None:
    data = backup.read_bytes()
    _refused(tmp_path, data[:keep], PASSPHRASE, BackupDamaged, "truncated|not a MoodMirror backup")


def test_a_header_edited_to_weaker_key_settings_is_refused(tmp_path: Path, backup: Path) -> None:
    data = bytearray(backup.read_bytes())
    fields_end = HEADER_SIZE - 32
    struct.pack_into(">I", data, 15, 8)  # memory_kib lowered (after magic, version, version check, kdf)
    data[fields_end:HEADER_SIZE] = hashlib.sha256(bytes(data[:fields_end])).digest()  # checksum recomputed
    edited = tmp_path / "edited.mmbackup"
    edited.write_bytes(bytes(data))
    with pytest.raises((BackupWrongPassword, BackupDamaged)):  # the key changes with the settings
        read_backup(edited, PASSPHRASE)


def test_a_backup_from_a_newer_format_is_refused(tmp_path: Path, backup: Path) -> None:
    data = bytearray(backup.read_bytes())
    struct.pack_into(">H4s", data, len(MAGIC), 3, hashlib.sha256(MAGIC + b"\x00\x03").digest()[:4])
    _refused(tmp_path, bytes(data), PASSPHRASE, UnsupportedBackup, "newer MoodMirror")


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    _refused(tmp_path, b"%PDF-1.7 something else entirely", PASSPHRASE, BackupDamaged, "not a MoodMirror backup")


def test_restore_never_touches_a_folder_with_data(tmp_path: Path, vault: Vault, backup: Path) -> None:
    contents = read_backup(backup, PASSPHRASE)
    before = snapshot(vault.data_dir)
    with pytest.raises(RestoreTargetNotEmpty, match="not empty"):
        restore_backup(contents, vault.data_dir, PASSPHRASE, FAST_TEST_KDF)
    assert snapshot(vault.data_dir) == before
    other = tmp_path / "has-a-file"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(RestoreTargetNotEmpty):
        check_restore_target(other)
    assert snapshot(other) == {"notes.txt": b"mine"}


def test_a_failed_restore_leaves_the_data_folder_as_it_was(
    tmp_path: Path, backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contents = read_backup(backup, PASSPHRASE)
    calls = 0

    def failing_add(self: Vault, checkin: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 10:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(Vault, "add_checkin", failing_add)
    target = tmp_path / "new-journal"
    with pytest.raises(OSError):
        restore_backup(contents, target, PASSPHRASE, FAST_TEST_KDF)
    assert not target.exists()


def test_automatic_backups_when_due_keeping_the_newest(tmp_path: Path, vault: Vault) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "my-own-file.txt").write_text("keep me")
    off = Settings(backup_dir=str(folder), auto_backup_days=None)
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    assert maybe_auto_backup(vault, off, now, PASSPHRASE, FAST_TEST_KDF) is None
    weekly = Settings(backup_dir=str(folder), auto_backup_days=7)
    first = maybe_auto_backup(vault, weekly, now, PASSPHRASE, FAST_TEST_KDF)
    assert first == folder / auto_backup_name(now)
    assert len(read_backup(first, PASSPHRASE).checkins) == 30
    assert maybe_auto_backup(vault, weekly, now + timedelta(days=6), PASSPHRASE, FAST_TEST_KDF) is None
    for week in range(1, KEEP_AUTO_BACKUPS + 2):
        assert maybe_auto_backup(vault, weekly, now + timedelta(days=7 * week), PASSPHRASE, FAST_TEST_KDF)
    kept = auto_backups(folder)
    assert len(kept) == KEEP_AUTO_BACKUPS
    assert kept[-1][0] == now + timedelta(days=7 * (KEEP_AUTO_BACKUPS + 1))
    assert (folder / "my-own-file.txt").read_text() == "keep me"
