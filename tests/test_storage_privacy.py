"""Nothing about the person is readable in the data folder, and its files are private."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

from fast_kdf import FAST_TEST_KDF

from moodmirror.emotions import EMOTIONS
from moodmirror.records import CheckIn, EmotionSummary, Settings
from moodmirror.storage.crypto import PAD_BLOCK
from moodmirror.storage.paths import vault_path
from moodmirror.storage.vault import Vault

NOTE = "zebracrossing-7f3a my private note"
TAG = "quokka-tag-91c2"
WHEN = datetime(2031, 4, 5, 8, 30, tzinfo=UTC)


def every_byte(data_dir: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(data_dir.rglob("*")) if path.is_file())


def planted_checkin() -> CheckIn:
    summary = EmotionSummary(
        probabilities={e: 1 / len(EMOTIONS) for e in EMOTIONS}, dominant="surprise", dominant_share=0.5,
        confidence=0.6, valence=0.1, arousal=0.8, frames_seen=10, frames_usable=9, face_ratio=1.0,
        duration_s=12.0, model_id="emotion-test",
    )  # fmt: skip
    return CheckIn(mood=9, note=NOTE, tags=[TAG], summary=summary, created_at=WHEN)


def secrets(passphrase: str) -> list[bytes]:
    texts = [NOTE, TAG, passphrase, "zebracrossing", "quokka", "surprise", "2031-04-05", "backup-folder-x1"]
    found = [t.encode("utf-8") for t in texts] + [t.encode("utf-16-le") for t in texts]
    return found + [int(WHEN.timestamp()).to_bytes(8, "big"), int(WHEN.timestamp()).to_bytes(8, "little")]


def test_a_byte_scan_of_the_data_folder_finds_no_note_tag_time_or_passphrase(
    vault_dir: Path, vault_passphrase: str
) -> None:
    with Vault.open(vault_dir, vault_passphrase) as vault:
        vault.add_checkin(planted_checkin())
        vault.save_settings(Settings(backup_dir="backup-folder-x1"))
        while_open = every_byte(vault_dir)  # includes the write-ahead log
    after_close = every_byte(vault_dir)
    for blob in (while_open, after_close):
        for secret in secrets(vault_passphrase):
            assert secret not in blob


def test_ciphertext_sizes_are_padded_to_blocks(vault_dir: Path, vault_passphrase: str) -> None:
    with Vault.open(vault_dir, vault_passphrase) as vault:
        vault.add_checkin(CheckIn(mood=2, note="ok"))
        vault.add_checkin(CheckIn(mood=10, note="a somewhat longer note, tags too", tags=["a", "b"]))
    with sqlite3.connect(vault_path(vault_dir)) as connection:
        sizes = [n for (n,) in connection.execute("SELECT length(ciphertext) FROM records")]
    connection.close()
    assert len(set(sizes)) == 1 and (sizes[0] - 16) % PAD_BLOCK == 0


def test_folder_is_0700_and_every_file_0600_even_while_open(tmp_path: Path, vault_passphrase: str) -> None:
    data_dir = tmp_path / "new" / "data"
    with Vault.create(data_dir, vault_passphrase, kdf=FAST_TEST_KDF) as vault:
        vault.add_checkin(CheckIn(mood=5))
        modes_while_open = {p.name: stat.S_IMODE(p.stat().st_mode) for p in data_dir.iterdir()}
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert set(modes_while_open.values()) == {0o600}
    assert {stat.S_IMODE(p.stat().st_mode) for p in data_dir.iterdir()} == {0o600}
