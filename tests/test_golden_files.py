"""Golden files: a vault and a backup written by earlier MoodMirror versions open, migrate and read the same."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from fast_kdf import FAST_TEST_KDF

from moodmirror.backup.archive import read_backup, restore_backup
from moodmirror.records import Settings
from moodmirror.storage.database import current_revision, head_revision, open_engine
from moodmirror.storage.paths import vault_path
from moodmirror.storage.vault import Vault

GOLDEN = Path(__file__).parent / "data" / "golden"
SETS = ["vault1-backup1", "vault2-backup2"]
"""Every committed set, oldest first; a new format version adds one (see data/golden/README.md)."""


def expected(name: str) -> dict[str, Any]:
    """What set ``name`` holds; a setting added since it was written reads as its default."""
    want = json.loads((GOLDEN / name / "expected.json").read_text(encoding="utf-8"))
    want["settings"] = {**Settings().to_dict(), **want["settings"]}
    return want


def revision(data_dir: Path) -> str | None:
    engine = open_engine(vault_path(data_dir))
    try:
        with engine.connect() as connection:
            return current_revision(connection)
    finally:
        engine.dispose()


@pytest.mark.parametrize("name", SETS)
def test_a_golden_vault_opens_migrates_and_reads_the_same(tmp_path: Path, name: str) -> None:
    want = expected(name)
    data_dir = tmp_path / "vault"
    shutil.copytree(GOLDEN / name / "vault", data_dir)
    assert revision(data_dir) != head_revision()
    with Vault.open(data_dir, want["passphrase"]) as vault:
        assert sorted((c.to_dict() for c in vault.list_checkins()), key=lambda c: c["created_at"]) == want["checkins"]
        assert vault.load_settings().to_dict() == want["settings"]
    assert revision(data_dir) == head_revision()
    with Vault.open(data_dir, want["passphrase"]) as vault:  # and again, after the migration
        assert len(vault.list_checkins()) == len(want["checkins"])


@pytest.mark.parametrize("name", SETS)
def test_a_golden_backup_opens_and_restores_the_same(tmp_path: Path, name: str) -> None:
    want = expected(name)
    contents = read_backup(GOLDEN / name / "backup.mmbackup", want["passphrase"])
    assert contents.uses_vault_passphrase
    assert contents.made_at.isoformat() == want["backup_made_at"]
    assert sorted((c.to_dict() for c in contents.checkins), key=lambda c: c["created_at"]) == want["checkins"]
    assert contents.settings.to_dict() == want["settings"]
    restore_backup(contents, tmp_path / "restored", want["passphrase"], FAST_TEST_KDF)
    with Vault.open(tmp_path / "restored", want["passphrase"]) as vault:
        assert sorted((c.to_dict() for c in vault.list_checkins()), key=lambda c: c["created_at"]) == want["checkins"]
