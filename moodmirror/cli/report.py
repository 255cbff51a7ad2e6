"""Commands that take data out of the vault, always encrypted: ``export``, ``backup``, ``restore``.

- ``moodmirror export --out FILE.pdf [--from DATE] [--to DATE] [--include-notes] [--exclude ID ...]
  [--recipient age1...] [--force]``: the therapist report. Without ``--recipient`` it is a PDF
  that opens with a report password (asked twice, or ``$MOODMIRROR_REPORT_PASSWORD``; at least
  10 characters); with it, the PDF encrypted to that age public key. Damaged check-ins are left
  out and named (``--exclude`` of their ids silences that).
- ``moodmirror backup --out FILE [--separate-password] [--force]``: the whole journal in one
  encrypted file, protected by the vault passphrase or a separate password (asked twice, or
  ``$MOODMIRROR_BACKUP_PASSWORD``).
- ``moodmirror restore FILE``: the backup into an empty data folder. Its password is
  ``$MOODMIRROR_BACKUP_PASSWORD`` if set; else ``$MOODMIRROR_PASSPHRASE``, tried only as the
  journal passphrase the backup was made with (never as a separate backup password); else it
  is asked on the terminal, saying which password that is. A backup made with a separate
  password asks for the new journal's passphrase.

``export``, ``backup`` and ``chart`` never replace an existing file without ``--force``.

The report and backup modules are imported only when a command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from moodmirror.cli.arguments import add_force_argument, output_file
from moodmirror.cli.journal import warn_damaged
from moodmirror.cli.passphrase import PASSPHRASE_ENV, ask_new_passphrase, ask_passphrase, require_vault, unlock_vault
from moodmirror.errors import BackupWrongPassword, PassphraseError, RestoreTargetNotEmpty

if TYPE_CHECKING:
    from moodmirror.backup.archive import BackupContents

REPORT_PASSWORD_ENV = "MOODMIRROR_REPORT_PASSWORD"
BACKUP_PASSWORD_ENV = "MOODMIRROR_BACKUP_PASSWORD"
BACKUP_PROMPT = (
    "Backup password (the journal passphrase the backup was made with, or its own password "
    "if it was made with --separate-password): "
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export``, ``backup`` and ``restore`` to the root parser."""
    export = subparsers.add_parser(
        "export",
        help="make an encrypted PDF report for your therapist",
        description="Make a PDF report of a period (cover, trend charts, check-in table with a CSV attached, "
        "emotion mix, observations; notes only with --include-notes), encrypted with a report password "
        f"(asked twice, or ${REPORT_PASSWORD_ENV}) or to an age public key.",
    )
    export.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="where to write the report")
    export.add_argument(
        "--from", dest="first", metavar="DATE", help="first day, YYYY-MM-DD (default: your first check-in)"
    )
    export.add_argument("--to", dest="last", metavar="DATE", help="last day, YYYY-MM-DD (default: today; not later)")
    export.add_argument("--include-notes", action="store_true", help="include notes, reflections and thought records")
    export.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="ID",
        help="leave this check-in out (repeatable; ids: history --json)",
    )
    export.add_argument("--recipient", metavar="age1...", help="encrypt to this age public key instead of a password")
    add_force_argument(export)
    export.set_defaults(run=run_export)

    backup = subparsers.add_parser(
        "backup",
        help="save the whole journal to one encrypted file",
        description="Write every check-in and your settings to one encrypted backup file, protected by your "
        f"passphrase or, with --separate-password, another password (asked twice, or ${BACKUP_PASSWORD_ENV}).",
    )
    backup.add_argument("--out", type=Path, required=True, metavar="FILE", help="where to write the backup")
    backup.add_argument("--separate-password", action="store_true", help="protect it with a password of its own")
    add_force_argument(backup)
    backup.set_defaults(run=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help="bring a backup back into an empty data folder",
        description="Restore a backup into an empty data folder (never over an existing journal).",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup file")
    restore.set_defaults(run=run_restore)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _new_password(env: str, what: str) -> str:
    """A new report or backup password from ``env``, else typed twice; checked for length."""
    from moodmirror.passwords import check_new_password

    from_env = os.environ.get(env)
    if from_env:
        check_new_password(from_env, what)
        return from_env
    first = ask_passphrase(f"New {what} password: ", env)
    check_new_password(first, what)
    if ask_passphrase(f"Repeat the {what} password: ", env) != first:
        raise PassphraseError("The two passwords differ; nothing was written.")
    return first


def _show_progress(step: str, done: int, total: int) -> None:
    """Export progress as one updating line on a terminal's stderr (scripts get none)."""
    if sys.stderr.isatty():
        count = f" {done + 1}/{total}" if total > 1 else ""
        sys.stderr.write(f"\r\033[K  {step}{count}…")
        sys.stderr.flush()


def _end_progress() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")


def run_export(args: argparse.Namespace) -> int:
    from moodmirror.insights.periods import check_week_start
    from moodmirror.journal import read_checkins
    from moodmirror.report.age_recipient import parse_recipient
    from moodmirror.report.content import ReportOptions
    from moodmirror.report.dates import typed_period
    from moodmirror.report.export import write_encrypted_report
    from moodmirror.report.protection import how_it_opens

    out = output_file(args)
    if args.recipient:
        parse_recipient(args.recipient)
    with unlock_vault(args.data_dir) as vault:
        readable = read_checkins(vault)
        settings = vault.load_settings()
    excluded = frozenset(args.exclude)
    period = typed_period(args.first or "", args.last or "", readable.checkins, date.today())
    options = ReportOptions(
        include_notes=args.include_notes,
        exclude_ids=excluded - set(readable.damaged),  # those are out anyway; --exclude only silences the notice
        week_start=check_week_start(settings.week_start),
    )
    try:
        if args.recipient:
            count = write_encrypted_report(
                out, readable.checkins, period, options, recipient=args.recipient, progress=_show_progress
            )
        else:
            password = _new_password(REPORT_PASSWORD_ENV, "report")
            count = write_encrypted_report(
                out, readable.checkins, period, options, password=password, progress=_show_progress
            )
    finally:
        _end_progress()
    print(f"Wrote {out}: {_count(count, 'check-in')} from {period.title()}; {how_it_opens(out, args.recipient)}.")
    return warn_damaged([i for i in readable.damaged if i not in excluded], "the report")


def run_backup(args: argparse.Namespace) -> int:
    from moodmirror.backup.archive import write_backup

    out = output_file(args)
    require_vault(args.data_dir)
    passphrase = ask_passphrase()
    with unlock_vault(args.data_dir, passphrase) as vault:
        password = _new_password(BACKUP_PASSWORD_ENV, "backup") if args.separate_password else passphrase
        result = write_backup(vault, out, password, uses_vault_passphrase=not args.separate_password)
    protection = "its own password" if args.separate_password else "your passphrase"
    print(f"Backed up {_count(result.checkins, 'check-in')} and your settings to {out}, protected by {protection}.")
    if result.skipped_damaged:
        print(
            f"moodmirror: {result.skipped_damaged} damaged check-in(s) could not be read and are not in the backup.",
            file=sys.stderr,
        )
        return 1
    return 0


def _read_backup(path: Path) -> tuple[BackupContents, str]:
    """The backup's contents and the password that opened it, asked for as described above."""
    from moodmirror.backup.archive import read_backup

    separate = os.environ.get(BACKUP_PASSWORD_ENV)
    if separate:
        return read_backup(path, separate), separate
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if not passphrase:
        password = ask_passphrase(BACKUP_PROMPT, BACKUP_PASSWORD_ENV)
        return read_backup(path, password), password
    try:
        contents = read_backup(path, passphrase)
    except BackupWrongPassword:
        raise BackupWrongPassword(
            f"${PASSPHRASE_ENV} is not the passphrase this backup was made with; a backup made with "
            f"--separate-password opens with its own password (set ${BACKUP_PASSWORD_ENV}). Nothing was changed."
        ) from None
    if not contents.uses_vault_passphrase:
        raise PassphraseError(
            f"This backup has its own password; set ${BACKUP_PASSWORD_ENV} to it (${PASSPHRASE_ENV} is not used "
            "for that). Nothing was changed."
        )
    return contents, passphrase


def run_restore(args: argparse.Namespace) -> int:
    from moodmirror.backup.archive import check_restore_target, restore_backup

    try:
        check_restore_target(args.data_dir)
    except RestoreTargetNotEmpty as error:
        raise RestoreTargetNotEmpty(
            f"{error} Choose another folder with --data-dir, or delete the journal there first with `moodmirror wipe`."
        ) from None
    contents, password = _read_backup(args.file.expanduser())
    passphrase = password if contents.uses_vault_passphrase else ask_new_passphrase()
    restore_backup(contents, args.data_dir, passphrase)
    unlock = "the passphrase the backup was made with" if contents.uses_vault_passphrase else "your new passphrase"
    restored = _count(len(contents.checkins), "check-in")
    print(f"Restored {restored} and your settings into {args.data_dir}; unlock with {unlock}.")
    return 0
