"""Errors a user can cause or meet, each with a clear one-line message.

``str(error)`` is the message shown to the user (the CLI prints it without a traceback and
chooses the exit status; the UI shows it in a dialog). Messages are neutral: they name no
command, option or exit code, which belong to the front end that shows them. Each subclass has
a sensible default message; raise sites may pass a more specific one. Other areas add their
own subclasses below.
"""

from __future__ import annotations


class MoodMirrorError(Exception):
    """Base class: something the user can understand and usually fix."""

    default_message = "MoodMirror could not complete the request."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


class NoVault(MoodMirrorError):
    """There is no journal in the data folder."""

    default_message = "No journal found; create one first."


class VaultExists(MoodMirrorError):
    """A journal already exists where a new one was to be created."""

    default_message = "A journal already exists here; it was left untouched."


class WrongPassphrase(MoodMirrorError):
    """The passphrase does not unlock the journal (the journal itself is intact)."""

    default_message = "Wrong passphrase; the journal was not changed."


class VaultCorrupt(MoodMirrorError):
    """The journal file or its header is damaged (never reported as a wrong passphrase)."""

    default_message = "The journal file is damaged and cannot be opened; restore it from a backup."


class UnsupportedVault(MoodMirrorError):
    """The journal was written by a newer MoodMirror than this one."""

    default_message = "This journal was written by a newer MoodMirror; update MoodMirror to open it."


class VaultBusy(MoodMirrorError):
    """Another MoodMirror window or command holds the journal."""

    default_message = "The journal is busy in another MoodMirror window or command; try again in a moment."


class VaultLocked(MoodMirrorError):
    """The journal was closed (locked); it must be unlocked with the passphrase again."""

    default_message = "The journal is locked; unlock it with your passphrase."


class StorageError(MoodMirrorError):
    """The data folder or database could not be read or written (disk full, permissions)."""

    default_message = "The journal could not be read or written."


class RecordCorrupt(MoodMirrorError):
    """One record failed its integrity check; the other records stay readable."""

    def __init__(self, record_id: str, message: str | None = None) -> None:
        self.record_id = record_id
        super().__init__(message or f"Record {record_id} is damaged and cannot be read (integrity check failed).")


class RecordNotFound(MoodMirrorError):
    """No record with the requested id exists in the journal."""

    def __init__(self, record_id: str) -> None:
        self.record_id = record_id
        super().__init__(f"No check-in with id {record_id} in the journal.")


class PassphraseError(MoodMirrorError):
    """A passphrase could not be obtained or was not acceptable (empty, mismatch, no terminal)."""

    default_message = "No usable passphrase was given."


class UsageError(MoodMirrorError):
    """The request cannot be done as given (a bad value or combination; the CLI exits with 2)."""

    default_message = "That request cannot be done as given."


class InvalidText(UsageError):
    """A note or tag cannot be stored: not valid UTF-8 text, or longer than a note may be."""

    default_message = "That text cannot be saved; nothing was saved."


class InsideDataFolder(UsageError):
    """A file to write (a report, a backup) lies in the data folder, where it could replace the
    journal itself."""


class OutputExists(UsageError):
    """A file to write (a report, a backup, a chart) already exists and was not to be replaced."""


class Cancelled(MoodMirrorError):
    """The user declined a confirmation; nothing was changed."""

    default_message = "Cancelled; nothing was changed."


class InvalidPeriod(UsageError):
    """A week (YYYY-Www), month (YYYY-MM) or week start was not understood."""

    default_message = "That period was not understood; use a week like 2026-W48 or a month like 2026-11."


class InvalidThoughtRecord(MoodMirrorError):
    """A thought record answer is missing or out of range (e.g. an intensity that is not a number)."""

    default_message = "The thought record is incomplete or has a value out of range."


class AssetError(MoodMirrorError):
    """A shipped or user-configured data file (prompts, crisis words or resources) is unusable."""

    default_message = "A MoodMirror data file is missing or damaged; reinstall MoodMirror."


class ModelError(MoodMirrorError):
    """The emotion model file is missing, damaged or does not match its model card."""

    default_message = "The emotion model is missing or damaged; reinstall MoodMirror."


class SourceError(MoodMirrorError):
    """A camera, video file or image folder could not be opened or stopped delivering frames."""

    default_message = "The video source could not be read."


class ReportError(MoodMirrorError):
    """A report could not be made as asked (nothing in the period, an unusable age recipient)."""

    default_message = "The report could not be made."


class BackupDamaged(MoodMirrorError):
    """A backup file is not a MoodMirror backup, or it is truncated or was altered."""

    default_message = "The backup file is damaged or was altered, so it cannot be restored; nothing was changed."


class BackupWrongPassword(MoodMirrorError):
    """The password does not open the backup (the backup itself is intact)."""

    default_message = "Wrong password for this backup; nothing was changed."


class UnsupportedBackup(MoodMirrorError):
    """The backup was written by a newer MoodMirror than this one."""

    default_message = (
        "This backup was made by a newer MoodMirror; update MoodMirror to restore it. Nothing was changed."
    )


class RestoreTargetNotEmpty(MoodMirrorError):
    """A backup is only restored into an empty data folder, never over existing data."""

    default_message = "The data folder is not empty; restore only into an empty folder. Nothing was changed."


class InvalidMoment(UsageError):
    """A date and time for a check-in was not understood, or lies in the future."""

    default_message = "That moment was not understood; use a local date and time like 2026-11-30 21:15."


class ImportRejected(MoodMirrorError):
    """A file to import has a row that cannot be read; nothing from the file was imported."""

    default_message = "The file could not be imported; nothing was imported."


class ReminderError(MoodMirrorError):
    """The daily reminder could not be switched on or off here."""

    default_message = "The daily reminder could not be changed."
