"""The journal's rules in the core (``moodmirror.journal``), the same for the app and the command line."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror import journal
from moodmirror.backup.automatic import auto_backups
from moodmirror.errors import PassphraseError
from moodmirror.passwords import check_new_passphrase, passphrase_problem
from moodmirror.records import CheckIn, Settings, clean_tags
from moodmirror.storage.paths import vault_path
from moodmirror.storage.vault import Vault
from moodmirror.ui.strength import strength

PASSPHRASE = "quiet river morning tea"
NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def at(when: datetime, mood: int = 5, note: str = "") -> CheckIn:
    return CheckIn(mood=mood, note=note, created_at=when)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    Vault.create(tmp_path / "data", PASSPHRASE, FAST_TEST_KDF).close()
    return tmp_path / "data"


def test_retention_deletes_only_old_checkins(data_dir: Path) -> None:
    with Vault.open(data_dir, PASSPHRASE) as vault:
        old, recent = at(NOW - timedelta(days=200)), at(NOW - timedelta(days=20))
        vault.add_checkin(old)
        vault.add_checkin(recent)
        assert journal.apply_retention(vault, None, NOW) == 0
        assert journal.apply_retention(vault, 90, NOW) == 1
        assert [c.id for c in vault.list_checkins()] == [recent.id]


def test_unlock_applies_retention_and_makes_a_due_automatic_backup(tmp_path: Path, data_dir: Path) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    old, recent = at(NOW - timedelta(days=400)), at(NOW - timedelta(days=3))
    with Vault.open(data_dir, PASSPHRASE) as vault:
        vault.add_checkin(old)
        vault.add_checkin(recent)
        vault.save_settings(Settings(retention_days=365, backup_dir=str(backups), auto_backup_days=7))
    opened = journal.unlock(data_dir, PASSPHRASE, NOW, FAST_TEST_KDF)
    with opened.vault as vault:
        assert opened.expired == 1 and [c.id for c in vault.list_checkins()] == [recent.id]
    assert opened.backup is not None and [path for _, path in auto_backups(backups)] == [opened.backup]
    assert opened.backup_problem == ""

    again = journal.unlock(data_dir, PASSPHRASE, NOW + timedelta(days=1), FAST_TEST_KDF)
    again.vault.close()
    assert (again.expired, again.backup) == (0, None)  # the next backup is not due yet


def test_a_missing_backup_folder_does_not_stop_the_unlock(tmp_path: Path, data_dir: Path) -> None:
    with Vault.open(data_dir, PASSPHRASE) as vault:
        vault.save_settings(Settings(backup_dir=str(tmp_path / "unplugged"), auto_backup_days=7))
    opened = journal.unlock(data_dir, PASSPHRASE, NOW, FAST_TEST_KDF)
    opened.vault.close()
    assert opened.backup is None and "not available" in opened.backup_problem


def test_saving_a_checkin_returns_the_safety_check(data_dir: Path) -> None:
    with Vault.open(data_dir, PASSPHRASE) as vault:
        assert not journal.save_checkin(vault, at(NOW - timedelta(days=2), mood=6))
        assert (
            journal.save_checkin(vault, at(NOW, mood=6, note="I keep thinking about suicide")).trigger == "crisis_words"
        )
        assert len(vault.list_checkins()) == 2


def test_a_tag_typed_differently_is_one_tag_in_every_record() -> None:
    assert clean_tags(["Café ", "café", "CAFÉ", "", "  ", "work"]) == ["café", "work"]
    assert clean_tags(["cafe\u0301"]) == ["café"]  # decomposed é, as some keyboards send it
    assert CheckIn(mood=5, tags=["Café", " café"]).tags == ["café"]
    stored = CheckIn(mood=5).to_dict() | {"tags": ["Work", "work "]}  # written by an older version
    assert CheckIn.from_dict(stored).tags == ["work"]


@pytest.mark.parametrize("passphrase", ["", "short", "        x", "eight ch", "  padded  ", "quiet river morning tea"])
def test_the_app_hint_and_the_vault_follow_one_passphrase_rule(passphrase: str) -> None:
    accepted = passphrase_problem(passphrase) is None
    assert strength(passphrase).acceptable == accepted
    if not accepted:
        with pytest.raises(Exception, match="at least 8"):
            check_new_passphrase(passphrase)


def test_a_damaged_checkin_is_named_and_the_others_read(data_dir: Path) -> None:
    keep, lose = at(NOW - timedelta(days=1)), at(NOW)
    with Vault.open(data_dir, PASSPHRASE) as vault:
        vault.add_checkin(keep)
        vault.add_checkin(lose)
    connection = sqlite3.connect(vault_path(data_dir))
    with connection:
        connection.execute("UPDATE records SET nonce = zeroblob(12) WHERE id = ?", (lose.id,))
    connection.close()
    with Vault.open(data_dir, PASSPHRASE) as vault:
        readable = journal.read_checkins(vault)
        assert [c.id for c in readable.checkins] == [keep.id] and readable.damaged == [lose.id]
        assert journal.save_checkin(vault, at(NOW + timedelta(hours=1))).needed is False  # the check reads around it
    notice = journal.damaged_notice(readable.damaged)
    assert lose.id in notice and "damaged" in notice
    assert journal.damaged_notice([]) == ""


def test_a_new_passphrase_must_differ_from_the_current_one(data_dir: Path) -> None:
    with Vault.open(data_dir, PASSPHRASE) as vault:
        with pytest.raises(PassphraseError, match="same as the current one"):
            journal.change_passphrase(vault, PASSPHRASE, PASSPHRASE)
        with pytest.raises(PassphraseError, match="at least"):
            journal.change_passphrase(vault, PASSPHRASE, "short")
    Vault.open(data_dir, PASSPHRASE).close()  # nothing was changed


def test_cleaning_tags_twice_changes_nothing() -> None:
    tricky = ["\u0130stanbul", "ǅ", "A\u0301\u0323", "ΣΑΣ", " x "]  # lower case that is not NFC, title case, sigma
    once = clean_tags(tricky)
    assert clean_tags(once) == once
