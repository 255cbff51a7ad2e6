"""The journal's rules, the same for every front end: the app's screens and the command line call these.

- :func:`unlock` opens the vault and applies the settings that act on opening: data retention
  (check-ins older than ``retention_days`` are deleted) and the automatic backup, when one is
  due. A failed automatic backup never stops the unlock; it comes back as a message.
- :func:`change_passphrase` changes the passphrase that opens the journal, under the one
  passphrase rule and never to the same one; front ends unlock with :func:`unlock` first.
- :func:`save_checkin` stores a check-in and returns the safety check on the journal, which
  every front end shows with the crisis resources for the user's region.
- :func:`save_settings` stores the settings and keeps the theme and text size in the plaintext
  appearance file (:mod:`moodmirror.storage.appearance`), so the lock screen follows them.
- :func:`read_checkins` gives the readable check-ins and names the damaged ones, so one
  damaged record never blocks a history, a chart or a report; :func:`damaged_notice` says so.
- :func:`delete_all_data` destroys every file MoodMirror wrote for the journal: the data folder's,
  the automatic backups and the daily reminder's; it says what could not be removed.

Tags are cleaned by the record itself (:func:`moodmirror.records.clean_tags`) and the
passphrase rule is :func:`moodmirror.passwords.passphrase_problem`. Everything here raises
only :class:`~moodmirror.errors.MoodMirrorError`; what a front end says and does about it is
its own business.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from moodmirror.backup.automatic import auto_backup_files, maybe_auto_backup
from moodmirror.errors import MoodMirrorError, PassphraseError, RecordCorrupt
from moodmirror.insights.safety import SupportCheck, needs_support
from moodmirror.insights.tone import with_tone
from moodmirror.records import CheckIn, Settings, utc_now
from moodmirror.storage.appearance import remember_appearance
from moodmirror.storage.crypto import DEFAULT_KDF_COST, KdfCost
from moodmirror.storage.vault import Vault
from moodmirror.storage.wipe import WipeResult, wipe


@dataclass(frozen=True)
class Unlocked:
    """An opened journal and what opening it did.

    ``expired``: check-ins deleted by the retention setting; ``backup``: the automatic backup
    written, if one was due; ``backup_problem``: why a due automatic backup could not be made.
    """

    vault: Vault
    settings: Settings
    expired: int
    backup: Path | None
    backup_problem: str


@dataclass(frozen=True)
class Readable:
    """The check-ins that could be read (newest first) and the ids of the damaged ones."""

    checkins: list[CheckIn]
    damaged: list[str]


def apply_retention(vault: Vault, retention_days: int | None, now: datetime | None = None) -> int:
    """Delete check-ins made more than ``retention_days`` ago (None keeps all); returns how many."""
    if not retention_days:
        return 0
    cutoff = (now or utc_now()) - timedelta(days=retention_days)
    expired = read_checkins(vault, end=cutoff).checkins
    for checkin in expired:
        vault.delete_checkin(checkin.id)
    return len(expired)


def unlock(data_dir: Path, passphrase: str, now: datetime | None = None, kdf: KdfCost = DEFAULT_KDF_COST) -> Unlocked:
    """Open the journal in ``data_dir``, apply retention, and write an automatic backup if one is due.

    Slow (key derivation). ``kdf`` is the cost of the automatic backup's key derivation.
    """
    moment = now or utc_now()
    vault = Vault.open(data_dir, passphrase)
    try:
        settings = vault.load_settings()
        expired = apply_retention(vault, settings.retention_days, moment)
        try:
            backup = maybe_auto_backup(vault, settings, moment, passphrase, kdf)
        except MoodMirrorError as error:
            return Unlocked(vault, settings, expired, None, str(error))
    except BaseException:
        vault.close()
        raise
    return Unlocked(vault, settings, expired, backup, "")


def change_passphrase(vault: Vault, old: str, new: str) -> None:
    """Re-wrap the journal's key under ``new`` (slow: key derivation); PassphraseError if ``new``
    breaks the passphrase rule or is ``old`` itself, WrongPassphrase if ``old`` is wrong."""
    if new == old:
        raise PassphraseError("The new passphrase is the same as the current one; nothing was changed.")
    vault.change_passphrase(old, new)


def save_settings(vault: Vault, settings: Settings) -> None:
    """Store ``settings`` in the vault and their theme and text size in the appearance file.

    The vault holds the truth: when the appearance file cannot be written, the settings are
    saved all the same and only the lock screen keeps its older look until the next change.
    """
    vault.save_settings(settings)
    keep_appearance(vault.data_dir, settings)


def keep_appearance(data_dir: Path, settings: Settings) -> None:
    """Bring the appearance file in line with ``settings`` (a no-op when it already is), best effort."""
    with suppress(MoodMirrorError):
        remember_appearance(data_dir, settings)


def read_checkins(vault: Vault, start: datetime | None = None, end: datetime | None = None) -> Readable:
    """Check-ins with ``start <= created_at < end`` (either bound optional), damaged ones named apart."""
    damaged: list[RecordCorrupt] = []
    checkins = vault.list_checkins(start, end, on_damaged=damaged.append)
    return Readable(checkins, [error.record_id for error in damaged])


def damaged_notice(damaged: list[str]) -> str:
    """One line naming the damaged check-ins that were left out ("" when there are none)."""
    if not damaged:
        return ""
    which = "check-in " + damaged[0] if len(damaged) == 1 else f"{len(damaged)} check-ins ({', '.join(damaged)})"
    return f"Left out: {which} could not be read (damaged). A backup made before the damage still holds it."


def save_checkin(vault: Vault, checkin: CheckIn) -> SupportCheck:
    """Store ``checkin`` with its note's tone (one transaction) and return whether to offer support now."""
    vault.add_checkin(with_tone(checkin))
    return needs_support(read_checkins(vault).checkins)


@dataclass(frozen=True)
class Deleted:
    """What :func:`delete_all_data` did: ``wiped`` says what was destroyed, what could not be and
    what was kept; ``backups`` and ``reminder`` are the automatic backups and reminder files it went for."""

    wiped: WipeResult
    backups: list[Path]
    reminder: list[Path]

    def removed(self, paths: list[Path]) -> int:
        """How many of ``paths`` were destroyed."""
        return len(set(paths) & set(self.wiped.removed))


def delete_all_data(data_dir: Path, settings: Settings | None) -> Deleted:
    """Destroy every file MoodMirror wrote for the journal in ``data_dir``: the data folder's, the
    automatic backups ``settings`` name (None: not known) and the daily reminder's unit files.

    Close the vault first (:func:`moodmirror.storage.wipe.wipe`). What could not be removed is in
    the result, never passed over.
    """
    from moodmirror.reminders import reload_units, stop_reminder

    backups = auto_backup_files(settings) if settings else []
    reminder = stop_reminder(data_dir)
    wiped = wipe(data_dir, [*backups, *reminder])
    if reminder:
        reload_units()
    return Deleted(wiped, backups, reminder)
