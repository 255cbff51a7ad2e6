"""Backing up the whole vault to one encrypted file, and restoring it into an empty data folder.

- :func:`write_backup` writes every check-in (with everything in it) and the settings to a
  file (atomically, 0600) in the format of :mod:`moodmirror.backup.format`, protected
  by the vault passphrase or a separate password (at least 10 characters).
- :func:`read_backup` opens a backup file: :class:`BackupContents`, or BackupDamaged,
  BackupWrongPassword or UnsupportedBackup. Nothing is written.
- :func:`restore_backup` puts the contents into a *new* vault in an empty data folder
  (RestoreTargetNotEmpty otherwise). The vault is built in the data folder's ``cache``
  folder and moved into place only when complete, so an interrupted restore never looks like
  a journal with entries missing; on any error the data folder is left as it was. What a
  restore killed midway leaves (only that staging folder) does not count as data: the next
  restore replaces it.

A backup made with the vault passphrase records that fact inside its encrypted payload, so a
restore can reuse that passphrase for the new vault instead of asking for one.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from moodmirror.backup.format import open_backup, seal_backup
from moodmirror.errors import BackupDamaged, RecordCorrupt, RestoreTargetNotEmpty, StorageError
from moodmirror.passwords import check_new_password
from moodmirror.records import CheckIn, Settings, utc_now
from moodmirror.storage.crypto import DEFAULT_KDF_COST, KdfCost
from moodmirror.storage.paths import DIR_MODE, app_files, cache_dir
from moodmirror.storage.private_file import write_private_file
from moodmirror.storage.vault import Vault

BACKUP_SUFFIX = ".mmbackup"
_RESTORE_STAGING = "restoring"


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds. ``uses_vault_passphrase``: it was sealed with the vault passphrase."""

    checkins: list[CheckIn]
    settings: Settings
    made_at: datetime
    uses_vault_passphrase: bool

    def to_payload(self) -> bytes:
        document = {
            "made_at": self.made_at.isoformat(),
            "uses_vault_passphrase": self.uses_vault_passphrase,
            "settings": self.settings.to_dict(),
            "checkins": [c.to_dict() for c in self.checkins],
        }
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_payload(cls, payload: bytes) -> BackupContents:
        try:
            document: dict[str, Any] = json.loads(payload)
            return cls(
                checkins=[CheckIn.from_dict(item) for item in document["checkins"]],
                settings=Settings.from_dict(document["settings"]),
                made_at=datetime.fromisoformat(document["made_at"]),
                uses_vault_passphrase=bool(document["uses_vault_passphrase"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise BackupDamaged("The backup's contents are not readable (damaged); nothing was changed.") from error


@dataclass(frozen=True)
class BackupResult:
    """What :func:`write_backup` wrote: how many check-ins, and how many damaged ones it skipped."""

    path: Path
    checkins: int
    skipped_damaged: int


def write_backup(
    vault: Vault,
    path: Path,
    password: str,
    *,
    uses_vault_passphrase: bool,
    kdf: KdfCost = DEFAULT_KDF_COST,
    now: datetime | None = None,
) -> BackupResult:
    """Back up ``vault`` to ``path`` under ``password`` (the vault passphrase, or a separate one).

    A separate password must have at least 10 characters (PassphraseError). Check-ins that fail
    their integrity check cannot be backed up; they are skipped and counted in the result.
    """
    if not uses_vault_passphrase:
        check_new_password(password, "backup")
    damaged: list[RecordCorrupt] = []
    checkins = vault.list_checkins(on_damaged=damaged.append)
    contents = BackupContents(checkins, vault.load_settings(), now or utc_now(), uses_vault_passphrase)
    write_private_file(path, seal_backup(contents.to_payload(), password, kdf))
    return BackupResult(path, len(checkins), len(damaged))


def read_backup(path: Path, password: str) -> BackupContents:
    """Open the backup at ``path`` (nothing is written)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise StorageError(f"Cannot read the backup {path}: {error.strerror or error}.") from error
    return BackupContents.from_payload(open_backup(data, password))


def interrupted_restore(data_dir: Path) -> bool:
    """Whether ``data_dir`` holds nothing but the staging folder of a restore that was killed."""
    if not data_dir.is_dir():
        return False
    cache = cache_dir(data_dir)
    return (
        [*data_dir.iterdir()] == [cache] and cache.is_dir() and [p.name for p in cache.iterdir()] == [_RESTORE_STAGING]
    )


def check_restore_target(data_dir: Path) -> None:
    """RestoreTargetNotEmpty unless ``data_dir`` is missing, an empty folder, or holds only
    what an interrupted restore left (which the next restore replaces)."""
    if not data_dir.exists() or interrupted_restore(data_dir):
        return
    if not data_dir.is_dir() or any(data_dir.iterdir()):
        raise RestoreTargetNotEmpty(
            f"{data_dir} is not empty; a backup is restored only into an empty data folder. Nothing was changed."
        )


def restore_backup(contents: BackupContents, data_dir: Path, passphrase: str, kdf: KdfCost = DEFAULT_KDF_COST) -> None:
    """Create a vault in the empty ``data_dir`` with ``passphrase`` holding everything in ``contents``."""
    check_restore_target(data_dir)
    created = not data_dir.exists()
    staging = cache_dir(data_dir) / _RESTORE_STAGING
    if not created:
        shutil.rmtree(cache_dir(data_dir), ignore_errors=True)  # an interrupted restore's leftovers
    try:
        data_dir.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(data_dir, DIR_MODE)  # an existing empty folder becomes private too, as with init
        with Vault.create(staging, passphrase, kdf) as vault:
            for checkin in contents.checkins:
                vault.add_checkin(checkin)
            vault.save_settings(contents.settings)
        database, *side_files = app_files(staging)
        for side in side_files:
            if side.exists():
                os.replace(side, data_dir / side.name)
        os.replace(database, data_dir / database.name)  # last: the journal appears only when complete
        shutil.rmtree(cache_dir(data_dir))
    except BaseException:
        _undo(data_dir, created)
        raise


def _undo(data_dir: Path, created: bool) -> None:
    """Remove what a failed restore made, leaving ``data_dir`` as it was (absent or empty)."""
    shutil.rmtree(cache_dir(data_dir), ignore_errors=True)
    for path in app_files(data_dir):
        path.unlink(missing_ok=True)
    if created:
        shutil.rmtree(data_dir, ignore_errors=True)
