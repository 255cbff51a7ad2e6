"""Periodic automatic backups to a folder the user picked (Settings.backup_dir, auto_backup_days).

:func:`moodmirror.journal.unlock` (for the app and the command line alike) calls
:func:`maybe_auto_backup` right after the vault is unlocked (it has the passphrase then). When
automatic backups are on and the newest automatic backup in the folder is at least
``auto_backup_days`` old (or there is none), it writes a new one, sealed with the vault
passphrase, named ``moodmirror-auto-YYYYMMDDTHHMMSSZ.mmbackup``, and keeps the newest
:data:`KEEP_AUTO_BACKUPS` automatic backups (other files in the folder are never touched).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from moodmirror.backup.archive import BACKUP_SUFFIX, write_backup
from moodmirror.errors import StorageError
from moodmirror.records import Settings
from moodmirror.storage.crypto import DEFAULT_KDF_COST, KdfCost
from moodmirror.storage.private_file import partial_files
from moodmirror.storage.vault import Vault

AUTO_PREFIX = "moodmirror-auto-"
AUTO_BACKUP_GLOB = f"{AUTO_PREFIX}*{BACKUP_SUFFIX}"
KEEP_AUTO_BACKUPS = 5
_STAMP = "%Y%m%dT%H%M%SZ"


def auto_backup_name(moment: datetime) -> str:
    """The file name of an automatic backup made at ``moment``."""
    return f"{AUTO_PREFIX}{moment.astimezone(UTC).strftime(_STAMP)}{BACKUP_SUFFIX}"


def auto_backups(folder: Path) -> list[tuple[datetime, Path]]:
    """The automatic backups in ``folder`` with the time in their names, oldest first."""
    found = []
    for path in folder.glob(AUTO_BACKUP_GLOB):
        stamp = path.name[len(AUTO_PREFIX) : -len(BACKUP_SUFFIX)]
        try:
            moment = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append((moment, path))
    return sorted(found)


def auto_backup_files(settings: Settings) -> list[Path]:
    """Every file automatic backups left in the settings' backup folder (for wipe).

    The automatic backups themselves, whatever their time stamp, and the temporary files of
    one that was interrupted while being written. Nothing else in the folder is listed.
    """
    if not settings.backup_dir:
        return []
    folder = Path(settings.backup_dir).expanduser()
    return sorted(folder.glob(AUTO_BACKUP_GLOB)) + partial_files(folder, AUTO_BACKUP_GLOB)


def maybe_auto_backup(
    vault: Vault,
    settings: Settings,
    now: datetime,
    passphrase: str,
    kdf: KdfCost = DEFAULT_KDF_COST,
) -> Path | None:
    """Write an automatic backup if one is due; return its path, or None if none was due.

    ``passphrase`` is the vault passphrase just used to unlock ``vault``; the backup is sealed
    with it. StorageError if the backup folder is missing (e.g. a disconnected drive).
    """
    if not settings.backup_dir or not settings.auto_backup_days:
        return None
    folder = Path(settings.backup_dir).expanduser()
    if not folder.is_dir():
        raise StorageError(f"The backup folder {folder} is not available; no automatic backup was made.")
    existing = auto_backups(folder)
    if existing and timedelta(0) <= now - existing[-1][0] < timedelta(days=settings.auto_backup_days):
        return None
    path = folder / auto_backup_name(now)
    write_backup(vault, path, passphrase, uses_vault_passphrase=True, kdf=kdf, now=now)
    for _, old in auto_backups(folder)[:-KEEP_AUTO_BACKUPS]:
        old.unlink(missing_ok=True)
    return path
