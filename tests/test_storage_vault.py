"""The vault keeps what it is given: round trips, settings, passphrases and KDF parameters."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror.emotions import EMOTIONS
from moodmirror.errors import (
    NoVault,
    PassphraseError,
    RecordNotFound,
    VaultExists,
    VaultLocked,
    WrongPassphrase,
)
from moodmirror.records import CheckIn, EmotionSummary, PromptAnswer, Settings, ThoughtRecord
from moodmirror.storage.crypto import DEFAULT_KDF_COST, OWASP_MINIMUM_KDF
from moodmirror.storage.paths import vault_path
from moodmirror.storage.vault import Vault

DAY = datetime(2031, 4, 5, 8, 30, tzinfo=UTC)


def full_checkin(when: datetime, mood: int = 6) -> CheckIn:
    summary = EmotionSummary(
        probabilities={e: 1 / len(EMOTIONS) for e in EMOTIONS}, dominant="happiness", dominant_share=0.6,
        confidence=0.7, valence=0.4, arousal=0.2, frames_seen=90, frames_usable=80, face_ratio=0.9,
        duration_s=15.0, model_id="emotion-test",
    )  # fmt: skip
    record = ThoughtRecord(
        situation="meeting", automatic_thought="I failed", emotions={"fear": 70}, rerated={"fear": 30}
    )
    return CheckIn(
        mood=mood, note="Café ☕ with Ana\nsecond line", tags=["work", "sleep"], summary=summary,
        answers=[PromptAnswer(prompt_id="gratitude-1", text="the sun")], thought_record=record, created_at=when,
    )  # fmt: skip


def file_hashes(data_dir: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(data_dir.iterdir()) if p.is_file()}


def test_check_ins_and_settings_survive_closing_and_reopening(vault_dir: Path, vault_passphrase: str) -> None:
    checkins = [full_checkin(DAY + timedelta(days=i), mood=1 + i) for i in range(5)]
    settings = Settings(camera_enabled=True, theme="dark", retention_days=365, backup_dir="/backups")
    with Vault.open(vault_dir, vault_passphrase) as vault:
        for checkin in checkins:
            vault.add_checkin(checkin)
        vault.save_settings(settings)

    with Vault.open(vault_dir, vault_passphrase) as vault:
        assert vault.list_checkins() == checkins[::-1]
        assert vault.get_checkin(checkins[2].id) == checkins[2]
        assert vault.load_settings() == settings


def test_listing_filters_by_half_open_time_range_newest_first(vault_dir: Path, vault_passphrase: str) -> None:
    checkins = [CheckIn(mood=5, created_at=DAY + timedelta(days=i)) for i in range(7)]
    with Vault.open(vault_dir, vault_passphrase) as vault:
        for checkin in reversed(checkins):
            vault.add_checkin(checkin)
        middle = vault.list_checkins(DAY + timedelta(days=2), DAY + timedelta(days=5))
        assert [c.created_at for c in middle] == [DAY + timedelta(days=d) for d in (4, 3, 2)]
        assert [c.id for c in vault.list_checkins(start=DAY + timedelta(days=6))] == [checkins[6].id]
        assert [c.id for c in vault.list_checkins(end=DAY + timedelta(days=1))] == [checkins[0].id]


def test_update_and_delete_change_only_that_check_in(vault_dir: Path, vault_passphrase: str) -> None:
    first, second = CheckIn(mood=3, created_at=DAY), CheckIn(mood=8, created_at=DAY + timedelta(hours=1))
    with Vault.open(vault_dir, vault_passphrase) as vault:
        vault.add_checkin(first)
        vault.add_checkin(second)
        first.note = "edited later"
        vault.update_checkin(first)
        vault.delete_checkin(second.id)
    with Vault.open(vault_dir, vault_passphrase) as vault:
        assert vault.list_checkins() == [first]
        with pytest.raises(RecordNotFound):
            vault.get_checkin(second.id)
        with pytest.raises(RecordNotFound):
            vault.delete_checkin(second.id)
        with pytest.raises(RecordNotFound):
            vault.update_checkin(second)
        with pytest.raises(ValueError, match="already exists"):
            vault.add_checkin(first)


def test_settings_default_until_saved(vault_dir: Path, vault_passphrase: str) -> None:
    with Vault.open(vault_dir, vault_passphrase) as vault:
        assert vault.load_settings() == Settings()
        vault.save_settings(Settings(theme="dark"))
        vault.save_settings(Settings(theme="light", text_scale=1.5))
        assert vault.load_settings() == Settings(theme="light", text_scale=1.5)


def test_wrong_passphrase_is_refused_clearly_and_changes_no_file(vault_dir: Path, vault_passphrase: str) -> None:
    with Vault.open(vault_dir, vault_passphrase) as vault:
        vault.add_checkin(CheckIn(mood=4))
    before = file_hashes(vault_dir)
    with pytest.raises(WrongPassphrase, match="Wrong passphrase"):
        Vault.open(vault_dir, vault_passphrase + "!")
    assert file_hashes(vault_dir) == before


def test_changing_the_passphrase_rewraps_the_key_and_leaves_records_alone(
    vault_dir: Path, vault_passphrase: str
) -> None:
    checkin = CheckIn(mood=7, note="kept")
    with Vault.open(vault_dir, vault_passphrase) as vault:
        vault.add_checkin(checkin)
        old_kdf = vault.kdf
        with pytest.raises(WrongPassphrase):
            vault.change_passphrase("not the passphrase", "a brand new passphrase")
        with pytest.raises(PassphraseError, match="at least 8"):
            vault.change_passphrase(vault_passphrase, "short")
    records_before = records_table(vault_dir)

    with Vault.open(vault_dir, vault_passphrase) as vault:
        vault.change_passphrase(vault_passphrase, "a brand new passphrase")
        new_kdf = vault.kdf
    assert records_table(vault_dir) == records_before
    assert new_kdf.salt != old_kdf.salt
    assert old_kdf.cost == FAST_TEST_KDF and new_kdf.cost == DEFAULT_KDF_COST  # raised, never lowered
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, vault_passphrase)
    with Vault.open(vault_dir, "a brand new passphrase") as vault:
        assert vault.list_checkins() == [checkin]


def test_check_passphrase_tells_the_open_vaults_passphrase_from_another(vault_dir: Path, vault_passphrase: str) -> None:
    with Vault.open(vault_dir, vault_passphrase) as vault:
        vault.check_passphrase(vault_passphrase)
        with pytest.raises(WrongPassphrase, match="not yours"):
            vault.check_passphrase(vault_passphrase + "!", "not yours")


def records_table(data_dir: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(vault_path(data_dir)) as connection:
        return connection.execute("SELECT * FROM records ORDER BY id").fetchall()


def test_create_uses_the_production_kdf_by_default(tmp_path: Path) -> None:
    assert DEFAULT_KDF_COST.meets(OWASP_MINIMUM_KDF)
    assert not FAST_TEST_KDF.meets(OWASP_MINIMUM_KDF)
    with Vault.create(tmp_path / "data", "a real passphrase") as vault:
        assert vault.kdf.cost == DEFAULT_KDF_COST
        assert len(vault.kdf.salt) >= 16


def test_create_refuses_to_overwrite_and_rejects_short_passphrases(vault_dir: Path, tmp_path: Path) -> None:
    before = file_hashes(vault_dir)
    with pytest.raises(VaultExists):
        Vault.create(vault_dir, "another passphrase", kdf=FAST_TEST_KDF)
    assert file_hashes(vault_dir) == before
    with pytest.raises(PassphraseError):
        Vault.create(tmp_path / "other", "1234567", kdf=FAST_TEST_KDF)
    assert not Vault.exists(tmp_path / "other")


def test_missing_vault_and_closed_vault(tmp_path: Path, vault_dir: Path, vault_passphrase: str) -> None:
    with pytest.raises(NoVault, match="No journal in .*nowhere; create one first"):  # no command names in the core
        Vault.open(tmp_path / "nowhere", vault_passphrase)
    vault = Vault.open(vault_dir, vault_passphrase)
    vault.close()
    vault.close()
    with pytest.raises(VaultLocked):
        vault.list_checkins()
    with pytest.raises(VaultLocked):
        vault.add_checkin(CheckIn(mood=5))


def test_the_same_passphrase_in_another_unicode_form_unlocks(tmp_path: Path) -> None:
    composed, decomposed = "journal caf\u00e9 key", "journal cafe\u0301 key"
    Vault.create(tmp_path / "data", composed, kdf=FAST_TEST_KDF).close()
    Vault.open(tmp_path / "data", decomposed).close()
