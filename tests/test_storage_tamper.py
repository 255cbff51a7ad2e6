"""Damage and tampering are detected and named: a record, the header, or the whole file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from moodmirror.errors import RecordCorrupt, UnsupportedVault, VaultCorrupt, WrongPassphrase
from moodmirror.records import CheckIn
from moodmirror.storage.paths import vault_path
from moodmirror.storage.vault import Vault


def add(data_dir: Path, passphrase: str, count: int) -> list[CheckIn]:
    checkins = [CheckIn(mood=1 + i % 10, note=f"note {i}") for i in range(count)]
    with Vault.open(data_dir, passphrase) as vault:
        for checkin in checkins:
            vault.add_checkin(checkin)
    return checkins


def sql(data_dir: Path, statement: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(vault_path(data_dir)) as connection:
        rows = connection.execute(statement, params).fetchall()
    connection.close()
    return rows


def flip_in_file(path: Path, needle: bytes) -> None:
    """Flip one bit in the first place ``needle`` occurs in the raw file (simulated disk damage)."""
    data = bytearray(path.read_bytes())
    offset = data.find(needle)
    assert offset >= 0
    data[offset + len(needle) // 2] ^= 0x04
    path.write_bytes(bytes(data))


def test_a_flipped_ciphertext_byte_names_that_record_and_the_rest_stay_readable(
    vault_dir: Path, vault_passphrase: str
) -> None:
    checkins = add(vault_dir, vault_passphrase, 3)
    victim = checkins[1]
    (ciphertext,) = sql(vault_dir, "SELECT ciphertext FROM records WHERE id = ?", victim.id)[0]
    damaged = bytearray(ciphertext)  # type: ignore[arg-type]
    damaged[10] ^= 0x01
    sql(vault_dir, "UPDATE records SET ciphertext = ? WHERE id = ?", bytes(damaged), victim.id)

    with Vault.open(vault_dir, vault_passphrase) as vault:
        with pytest.raises(RecordCorrupt) as error:
            vault.get_checkin(victim.id)
        assert error.value.record_id == victim.id and victim.id in str(error.value)
        assert vault.get_checkin(checkins[0].id) == checkins[0]
        with pytest.raises(RecordCorrupt):
            vault.list_checkins()
        reported: list[str] = []
        readable = vault.list_checkins(on_damaged=lambda e: reported.append(e.record_id))
    assert reported == [victim.id]
    assert sorted(c.id for c in readable) == sorted(c.id for c in (checkins[0], checkins[2]))


def test_swapping_two_rows_ciphertexts_is_detected(vault_dir: Path, vault_passphrase: str) -> None:
    first, second = add(vault_dir, vault_passphrase, 2)
    rows = {row[0]: row[1:] for row in sql(vault_dir, "SELECT id, nonce, ciphertext FROM records")}
    for own, other in ((first.id, second.id), (second.id, first.id)):
        sql(vault_dir, "UPDATE records SET nonce = ?, ciphertext = ? WHERE id = ?", *rows[other], own)

    with Vault.open(vault_dir, vault_passphrase) as vault:
        for checkin in (first, second):
            with pytest.raises(RecordCorrupt):
                vault.get_checkin(checkin.id)


def test_relabelling_a_record_or_replaying_it_as_settings_is_detected(vault_dir: Path, vault_passphrase: str) -> None:
    (checkin,) = add(vault_dir, vault_passphrase, 1)
    sql(vault_dir, "UPDATE records SET format_version = 2 WHERE id = ?", checkin.id)
    with Vault.open(vault_dir, vault_passphrase) as vault:
        with pytest.raises(RecordCorrupt):
            vault.get_checkin(checkin.id)
        vault.save_settings(vault.load_settings())
    sql(vault_dir, "UPDATE records SET format_version = 1 WHERE id = ?", checkin.id)
    row = sql(vault_dir, "SELECT nonce, ciphertext FROM records WHERE id = ?", checkin.id)[0]
    sql(vault_dir, "UPDATE records SET nonce = ?, ciphertext = ? WHERE kind = 'settings'", *row)
    with Vault.open(vault_dir, vault_passphrase) as vault:
        assert vault.get_checkin(checkin.id) == checkin
        with pytest.raises(RecordCorrupt):
            vault.load_settings()


@pytest.mark.parametrize("column", ["kdf_salt", "key_nonce", "wrapped_key"])
def test_a_damaged_header_is_reported_as_damage_never_as_a_wrong_passphrase(
    vault_dir: Path, vault_passphrase: str, column: str
) -> None:
    (value,) = sql(vault_dir, f"SELECT {column} FROM vault_header")[0]
    flip_in_file(vault_path(vault_dir), value)  # type: ignore[arg-type]
    for passphrase in (vault_passphrase, "a wrong passphrase"):
        with pytest.raises(VaultCorrupt, match="damaged"):
            Vault.open(vault_dir, passphrase)


def test_a_missing_header_is_damage(vault_dir: Path, vault_passphrase: str) -> None:
    sql(vault_dir, "DELETE FROM vault_header")
    with pytest.raises(VaultCorrupt, match="header is missing"):
        Vault.open(vault_dir, vault_passphrase)


def test_weakened_kdf_parameters_with_a_forged_checksum_do_not_unlock(
    vault_dir: Path, vault_passphrase: str, forge_header_checksum: Callable[[Path], None]
) -> None:
    """The checksum only catches accidents; the key wrap binds the parameters cryptographically."""
    sql(vault_dir, "UPDATE vault_header SET kdf_iterations = 2")  # 1 -> 2 changes the derived key
    forge_header_checksum(vault_dir)
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, vault_passphrase)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a database at all " * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["empty", "text", "mangled-sqlite"],
)
def test_a_file_that_is_not_a_vault_is_reported_as_damaged(tmp_path: Path, content: bytes) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    vault_path(data_dir).write_bytes(content)
    with pytest.raises(VaultCorrupt):
        Vault.open(data_dir, "any passphrase at all")


def test_a_truncated_vault_is_reported_as_damaged(vault_dir: Path, vault_passphrase: str) -> None:
    add(vault_dir, vault_passphrase, 20)
    path = vault_path(vault_dir)
    path.write_bytes(path.read_bytes()[:1500])
    with pytest.raises(VaultCorrupt):
        Vault.open(vault_dir, vault_passphrase)


def test_a_vault_from_a_newer_moodmirror_is_not_called_damaged(
    vault_dir: Path, vault_passphrase: str, forge_header_checksum: Callable[[Path], None]
) -> None:
    sql(vault_dir, "UPDATE alembic_version SET version_num = '9999_from_the_future'")
    forge_header_checksum(vault_dir)  # a newer MoodMirror's migration keeps the header checksum right
    with pytest.raises(UnsupportedVault, match="newer MoodMirror"):
        Vault.open(vault_dir, vault_passphrase)
