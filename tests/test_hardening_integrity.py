"""Integrity: a damaged or tampered journal or backup is always detected, never silently accepted.

Someone (or a failing disk) changes the vault file: a flipped byte in any record ciphertext or
nonce, records swapped or copied between rows, a relabelled record, an edited header, a
truncated file. Each case must surface as the right error: a damaged record as RecordCorrupt
for that record while the other check-ins stay readable, a damaged header or file as
VaultCorrupt (never as a wrong passphrase). Hypothesis picks which byte is hit.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fast_kdf import FAST_TEST_KDF
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from moodmirror.backup.archive import read_backup, write_backup
from moodmirror.cli.main import main
from moodmirror.errors import (
    BackupDamaged,
    RecordCorrupt,
    VaultCorrupt,
    WrongPassphrase,
)
from moodmirror.records import CheckIn, PromptAnswer, Settings
from moodmirror.storage.paths import vault_path
from moodmirror.storage.vault import Vault

PASSPHRASE = "integrity matters 77"
CHECKINS = 5
HEADER_COLUMNS = (
    "format_version", "kdf_name", "kdf_memory_kib", "kdf_iterations", "kdf_lanes", "kdf_salt", "key_nonce",
    "wrapped_key",
)  # fmt: skip
FLIPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def sample_checkins() -> list[CheckIn]:
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    return [
        CheckIn(
            mood=3 + i,
            note=f"entry {i}: " + "words " * (20 * i),
            tags=[f"tag{i}"],
            answers=[PromptAnswer("p1", f"answer {i}")],
            created_at=start + timedelta(days=i),
        )
        for i in range(CHECKINS)
    ]


@pytest.fixture(scope="module")
def pristine() -> Iterator[tuple[bytes, list[CheckIn]]]:
    """The bytes of a closed vault holding :func:`sample_checkins` and settings, and those check-ins."""
    checkins = sample_checkins()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "journal"
        with Vault.create(data, PASSPHRASE, kdf=FAST_TEST_KDF) as vault:
            for checkin in checkins:
                vault.add_checkin(checkin)
            vault.save_settings(Settings(theme="dark"))
        yield vault_path(data).read_bytes(), checkins


@contextmanager
def copy_of(pristine_bytes: bytes) -> Iterator[Path]:
    """A data folder holding a fresh copy of the pristine vault (hypothesis needs one per example)."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "journal"
        data.mkdir()
        vault_path(data).write_bytes(pristine_bytes)
        yield data


def edit(data: Path, sql: str, *params: Any) -> None:
    """Change the vault file behind MoodMirror's back, as another program could."""
    with sqlite3.connect(vault_path(data)) as db:
        db.execute(sql, params)
    db.close()


def column(data: Path, sql: str, *params: Any) -> Any:
    with sqlite3.connect(vault_path(data)) as db:
        value = db.execute(sql, params).fetchone()[0]
    db.close()
    return value


def flip(blob: bytes, position: int, mask: int) -> bytes:
    return blob[:position] + bytes([blob[position] ^ mask]) + blob[position + 1 :]


def readable_and_damaged(data: Path) -> tuple[list[CheckIn], list[str]]:
    """What a person sees when listing: the check-ins that open, and the ids reported damaged."""
    damaged: list[RecordCorrupt] = []
    with Vault.open(data, PASSPHRASE) as vault:
        readable = vault.list_checkins(on_damaged=damaged.append)
    return readable, [error.record_id for error in damaged]


def by_id(checkins: list[CheckIn]) -> dict[str, dict[str, Any]]:
    return {checkin.id: checkin.to_dict() for checkin in checkins}


@FLIPS
@given(st.data())
def test_a_flipped_byte_in_any_record_is_reported_and_the_rest_stays_readable(
    pristine: tuple[bytes, list[CheckIn]], data: st.DataObject
) -> None:
    pristine_bytes, checkins = pristine
    victim = data.draw(st.sampled_from(checkins), label="record")
    field = data.draw(st.sampled_from(["ciphertext", "nonce"]), label="field")
    with copy_of(pristine_bytes) as journal:
        blob = column(journal, f"SELECT {field} FROM records WHERE id = ?", victim.id)
        position = data.draw(st.integers(0, len(blob) - 1), label="byte")
        mask = data.draw(st.integers(1, 255), label="xor")
        edit(journal, f"UPDATE records SET {field} = ? WHERE id = ?", flip(blob, position, mask), victim.id)

        with Vault.open(journal, PASSPHRASE) as vault, pytest.raises(RecordCorrupt) as error:
            vault.get_checkin(victim.id)
        assert error.value.record_id == victim.id
        readable, damaged = readable_and_damaged(journal)
        assert damaged == [victim.id]
        assert by_id(readable) == by_id([c for c in checkins if c.id != victim.id])


def test_swapped_copied_or_relabelled_records_are_reported(
    pristine: tuple[bytes, list[CheckIn]], tmp_path: Path
) -> None:
    pristine_bytes, checkins = pristine
    first, second, third = checkins[:3]
    with copy_of(pristine_bytes) as journal:
        sealed = {
            c.id: [
                column(journal, f"SELECT {name} FROM records WHERE id = ?", c.id) for name in ("nonce", "ciphertext")
            ]
            for c in (first, second)
        }
        for target, source in ((first, second), (second, first)):
            edit(journal, "UPDATE records SET nonce = ?, ciphertext = ? WHERE id = ?", *sealed[source.id], target.id)
        replayed = "f" * 32
        edit(journal, "INSERT INTO records SELECT ?, kind, format_version, nonce, ciphertext FROM records WHERE id = ?",
             replayed, third.id)  # fmt: skip
        edit(journal, "UPDATE records SET format_version = 2 WHERE id = ?", checkins[3].id)
        edit(journal, "UPDATE records SET nonce = (SELECT nonce FROM records WHERE id = ?), "
             "ciphertext = (SELECT ciphertext FROM records WHERE id = ?) WHERE kind = 'settings'",
             checkins[4].id, checkins[4].id)  # fmt: skip

        readable, damaged = readable_and_damaged(journal)
        assert sorted(damaged) == sorted([first.id, second.id, replayed, checkins[3].id])
        assert by_id(readable) == by_id([third, checkins[4]])
        with Vault.open(journal, PASSPHRASE) as vault, pytest.raises(RecordCorrupt):
            vault.load_settings()


def test_history_names_the_damaged_check_in_and_still_lists_the_others(
    pristine: tuple[bytes, list[CheckIn]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pristine_bytes, checkins = pristine
    monkeypatch.setenv("MOODMIRROR_PASSPHRASE", PASSPHRASE)
    with copy_of(pristine_bytes) as journal:
        edit(journal, "UPDATE records SET ciphertext = zeroblob(length(ciphertext)) WHERE id = ?", checkins[0].id)
        assert main(["--data-dir", str(journal), "history", "--json"]) == 1
    out, err = capsys.readouterr()
    assert {item["id"] for item in json.loads(out)} == {c.id for c in checkins[1:]}
    assert f"check-in {checkins[0].id} is damaged" in err
    assert "Traceback" not in err


@FLIPS
@given(st.data())
def test_an_edited_header_is_reported_as_damage_never_as_a_wrong_passphrase(
    pristine: tuple[bytes, list[CheckIn]], data: st.DataObject
) -> None:
    pristine_bytes, _ = pristine
    name = data.draw(st.sampled_from([*HEADER_COLUMNS, "checksum"]), label="column")
    with copy_of(pristine_bytes) as journal:
        value = column(journal, f"SELECT {name} FROM vault_header")
        if isinstance(value, bytes):
            position = data.draw(st.integers(0, len(value) - 1), label="byte")
            changed: Any = flip(value, position, data.draw(st.integers(1, 255), label="xor"))
        elif isinstance(value, int):
            changed = data.draw(st.integers(0, 1 << 32).filter(lambda v: v != value), label="value")
        else:
            changed = data.draw(st.text(max_size=16).filter(lambda v: v != value), label="value")
        edit(journal, f"UPDATE vault_header SET {name} = ?", changed)
        with pytest.raises(VaultCorrupt):
            Vault.open(journal, PASSPHRASE)


@pytest.mark.parametrize(
    ("sql", "error"),
    [
        ("UPDATE vault_header SET kdf_memory_kib = 8", WrongPassphrase),  # a cheaper KDF, to speed up guessing
        ("UPDATE vault_header SET kdf_salt = zeroblob(16)", WrongPassphrase),  # a salt for a precomputed table
        ("UPDATE vault_header SET key_nonce = zeroblob(12)", VaultCorrupt),  # the key check passes: damage
        (
            "UPDATE vault_header SET wrapped_key = CAST(substr(wrapped_key, 1, 32) || zeroblob(48) AS BLOB)",
            VaultCorrupt,
        ),
        ("UPDATE vault_header SET format_version = 1", VaultCorrupt),  # a downgrade to the format without a key check
    ],
)
def test_a_forged_header_with_a_valid_checksum_still_does_not_unlock(
    pristine: tuple[bytes, list[CheckIn]],
    sql: str,
    error: type[Exception],
    forge_header_checksum: Callable[[Path], None],
) -> None:
    """Edits to what the key is derived from (salt, cost) cannot be told from a wrong passphrase by
    anyone; every other edit passes the key check and then fails to open: damage."""
    pristine_bytes, _ = pristine
    with copy_of(pristine_bytes) as journal:
        edit(journal, sql)
        forge_header_checksum(journal)
        with pytest.raises(error):
            Vault.open(journal, PASSPHRASE)


def test_a_flipped_byte_in_the_schema_revision_is_damage_not_a_newer_moodmirror(
    pristine: tuple[bytes, list[CheckIn]],
) -> None:
    pristine_bytes, _ = pristine
    with copy_of(pristine_bytes) as journal:
        revision = column(journal, "SELECT version_num FROM alembic_version")
        edit(journal, "UPDATE alembic_version SET version_num = ?", revision[:-1] + chr(ord(revision[-1]) ^ 1))
        with pytest.raises(VaultCorrupt, match="damaged"):
            Vault.open(journal, PASSPHRASE)


def test_a_dropped_table_is_reported_as_damage(pristine: tuple[bytes, list[CheckIn]]) -> None:
    pristine_bytes, _ = pristine
    with copy_of(pristine_bytes) as journal:
        edit(journal, "DROP TABLE records")
        with pytest.raises(VaultCorrupt, match="the records table is missing"):
            Vault.open(journal, PASSPHRASE)


@settings(max_examples=30, deadline=None)
@given(cut=st.floats(0.0, 1.0, exclude_max=True))
@example(cut=0.9)  # inside the last page, which holds the index on record kinds
def test_a_truncated_vault_is_reported_or_reads_back_intact(pristine: tuple[bytes, list[CheckIn]], cut: float) -> None:
    pristine_bytes, checkins = pristine
    with copy_of(pristine_bytes[: int(cut * len(pristine_bytes))]) as journal:
        try:
            readable, damaged = readable_and_damaged(journal)
        except VaultCorrupt:
            return
        assert damaged == []
        assert by_id(readable) == by_id(checkins)  # opened: then nothing may be missing or changed


@pytest.fixture(scope="module")
def backup_bytes(pristine: tuple[bytes, list[CheckIn]]) -> bytes:
    with copy_of(pristine[0]) as journal, Vault.open(journal, PASSPHRASE) as vault:
        path = journal.parent / "journal.mmbackup"
        write_backup(vault, path, PASSPHRASE, uses_vault_passphrase=True, kdf=FAST_TEST_KDF)
        return path.read_bytes()


@FLIPS
@given(st.data())
def test_a_flipped_byte_anywhere_in_a_backup_is_refused(backup_bytes: bytes, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(backup_bytes) - 1), label="byte")
    damaged = flip(backup_bytes, position, data.draw(st.integers(1, 255), label="xor"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.mmbackup"
        path.write_bytes(damaged)
        with pytest.raises(BackupDamaged):  # the version field too: it has its own check since format 2
            read_backup(path, PASSPHRASE)
