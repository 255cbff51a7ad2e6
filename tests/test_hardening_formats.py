"""Formats: every edit to a header reads as damage, old files keep opening, key costs are capped.

Vault format 2 and backup format 2 authenticate what format 1 left open: the vault's header
checksum covers the schema revision, and a key check separates a wrong passphrase from an
altered wrap; the backup's version field carries its own check, so a flipped bit there is
damage and only a well-formed newer version is "made by a newer MoodMirror". Files of format 1
(all MoodMirror wrote before) still open. Stored Argon2id costs are capped, so an edited file
cannot make an unlock take minutes or gigabytes.
"""

from __future__ import annotations

import hashlib
import sqlite3
import struct
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from fast_kdf import FAST_TEST_KDF

from moodmirror.backup.archive import read_backup, write_backup
from moodmirror.backup.format import MAGIC, _keys
from moodmirror.errors import BackupDamaged, VaultCorrupt, WrongPassphrase
from moodmirror.records import CheckIn
from moodmirror.storage.crypto import KdfCost, KdfParams, KeyEnvelope, new_data_key
from moodmirror.storage.paths import vault_path
from moodmirror.storage.vault import VAULT_FORMAT, Vault

PASSPHRASE = "formats that hold up"


def header_format(data_dir: Path) -> int:
    with sqlite3.connect(vault_path(data_dir)) as db:
        (version,) = db.execute("SELECT format_version FROM vault_header").fetchone()
    db.close()
    return int(version)


def make_format_1_vault(data_dir: Path, forge: Callable[[Path], None]) -> None:
    """A vault whose header is format 1, as every MoodMirror before format 2 wrote it."""
    Vault.create(data_dir, PASSPHRASE, kdf=FAST_TEST_KDF).close()
    envelope = KeyEnvelope.seal(new_data_key(), PASSPHRASE, KdfParams.fresh(FAST_TEST_KDF), 1)
    with sqlite3.connect(vault_path(data_dir)) as db:
        db.execute(
            "UPDATE vault_header SET format_version = 1, kdf_salt = ?, key_nonce = ?, wrapped_key = ?",
            (envelope.kdf.salt, envelope.nonce, envelope.wrapped_key),
        )
    db.close()
    forge(data_dir)


def test_a_format_1_vault_still_opens_and_becomes_format_2(
    tmp_path: Path, forge_header_checksum: Callable[[Path], None]
) -> None:
    data = tmp_path / "journal"
    make_format_1_vault(data, forge_header_checksum)
    with pytest.raises(WrongPassphrase):
        Vault.open(data, "not the passphrase")
    assert header_format(data) == 1  # a wrong passphrase writes nothing

    with Vault.open(data, PASSPHRASE) as vault:
        vault.add_checkin(CheckIn(mood=5, note="written into an old vault"))
    assert header_format(data) == VAULT_FORMAT == 2
    with pytest.raises(WrongPassphrase):
        Vault.open(data, "not the passphrase")
    with Vault.open(data, PASSPHRASE) as vault:
        assert [c.note for c in vault.list_checkins()] == ["written into an old vault"]


@pytest.fixture
def backup_file(tmp_path: Path) -> Path:
    with Vault.create(tmp_path / "journal", PASSPHRASE, kdf=FAST_TEST_KDF) as vault:
        vault.add_checkin(CheckIn(mood=6, note="backed up"))
        path = tmp_path / "journal.mmbackup"
        write_backup(vault, path, PASSPHRASE, uses_vault_passphrase=True, kdf=FAST_TEST_KDF)
    return path


@pytest.mark.parametrize("bit", range(16))
def test_a_flipped_bit_in_a_backups_version_is_damage_not_a_newer_moodmirror(
    backup_file: Path, tmp_path: Path, bit: int
) -> None:
    data = bytearray(backup_file.read_bytes())
    (version,) = struct.unpack_from(">H", data, len(MAGIC))
    struct.pack_into(">H", data, len(MAGIC), version ^ (1 << bit))
    edited = tmp_path / "edited.mmbackup"
    edited.write_bytes(bytes(data))

    with pytest.raises(BackupDamaged, match="damaged"):
        read_backup(edited, PASSPHRASE)


def test_a_format_1_backup_still_opens(backup_file: Path, tmp_path: Path) -> None:
    """Format 1: the same header without the version check (the key check and checksum unchanged)."""
    data = backup_file.read_bytes()
    header_v2 = data[: len(MAGIC) + 2 + 4 + 70 + 32]
    fields_v1 = MAGIC + b"\x00\x01" + header_v2[len(MAGIC) + 6 : -32]
    old = tmp_path / "old.mmbackup"
    # a format-1 header is bound into the ciphertext too, so re-seal the payload as format 1 did
    _kdf, memory, iterations, lanes, salt, nonce, _check = struct.unpack(">BIIB16s12s32s", fields_v1[10:])
    key, _ = _keys(PASSPHRASE, KdfParams(memory, iterations, lanes, salt))
    payload = AESGCM(key).decrypt(nonce, data[len(header_v2) :], header_v2)
    header_v1 = fields_v1 + hashlib.sha256(fields_v1).digest()
    old.write_bytes(header_v1 + AESGCM(key).encrypt(nonce, payload, header_v1))

    assert [c.note for c in read_backup(old, PASSPHRASE).checkins] == ["backed up"]


@pytest.mark.parametrize(
    "cost",
    [KdfCost(4 * 1024 * 1024, 3, 1), KdfCost(128 * 1024, 64, 1), KdfCost(1024 * 1024, 10, 1)],
    ids=["4-GiB", "64-passes", "1-GiB-x-10"],
)
def test_an_edited_vault_cannot_make_unlocking_slow(
    vault_dir: Path, vault_passphrase: str, cost: KdfCost, forge_header_checksum: Callable[[Path], None]
) -> None:
    with sqlite3.connect(vault_path(vault_dir)) as db:
        db.execute(
            "UPDATE vault_header SET kdf_memory_kib = ?, kdf_iterations = ?",
            (cost.memory_kib, cost.iterations),
        )
    db.close()
    forge_header_checksum(vault_dir)

    started = time.monotonic()
    with pytest.raises(VaultCorrupt, match="impossible key settings"):
        Vault.open(vault_dir, vault_passphrase)
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    "cost", [KdfCost(4 * 1024 * 1024, 3, 1), KdfCost(128 * 1024, 64, 1), KdfCost(512 * 1024, 8, 1)]
)
def test_key_costs_beyond_the_caps_are_refused(cost: KdfCost) -> None:
    with pytest.raises(ValueError, match="Argon2id"):
        cost.check()


def test_an_edited_backup_cannot_make_opening_slow(backup_file: Path, tmp_path: Path) -> None:
    data = bytearray(backup_file.read_bytes())
    fields_end = len(MAGIC) + 2 + 4 + 70  # magic, version, version check, then the key fields
    struct.pack_into(">II", data, len(MAGIC) + 7, 4 * 1024 * 1024, 64)  # 4 GiB, 64 passes
    data[fields_end : fields_end + 32] = hashlib.sha256(bytes(data[:fields_end])).digest()  # checksum recomputed
    edited = tmp_path / "edited.mmbackup"
    edited.write_bytes(bytes(data))

    started = time.monotonic()
    with pytest.raises(BackupDamaged, match="impossible key settings"):
        read_backup(edited, PASSPHRASE)
    assert time.monotonic() - started < 1.0
