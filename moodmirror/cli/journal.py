"""Journal commands: ``init``, ``checkin``, ``history``, ``passwd`` and ``wipe`` (which also removes
the automatic backups and the daily reminder).

``checkin`` here stores a self-rated check-in (``--no-camera``), now or back-dated with
``--at "YYYY-MM-DD HH:MM"`` (local time, never in the future); a day may hold several. The vision commands extend
it: they add ``--source``/``--seconds`` to the ``checkin`` parser registered here
(``subparsers.choices["checkin"]``), set their own ``run`` function, and reuse
:func:`prepare_text` (before the camera starts), :func:`build_checkin` and :func:`save_and_tell`
(falling back to :func:`run_checkin` for ``--no-camera``). Saving runs the journal's safety
check (``moodmirror.journal``); when it asks, the crisis resources for the user's region
follow, as the app's support screen shows them. The note comes from ``--note-file`` (or
standard input), else is asked for on a terminal; ``--note TEXT`` works too, but every local
user can read a command line in ``ps`` while it runs.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import unicodedata
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from moodmirror.cli.arguments import period_argument
from moodmirror.cli.passphrase import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    ask_new_passphrase,
    ask_passphrase,
    require_vault,
    unlock_vault,
)
from moodmirror.errors import Cancelled, InvalidText, MoodMirrorError, UsageError, VaultExists
from moodmirror.insights.moments import parse_moment
from moodmirror.insights.periods import Week
from moodmirror.records import MOOD_MAX, MOOD_MIN, CheckIn, EmotionSummary, Settings, check_note, check_tag, utc_now

if TYPE_CHECKING:
    from moodmirror.insights.safety import SupportCheck
    from moodmirror.storage.vault import Vault

NOTE_EXCERPT_CHARS = 48


def mood_value(text: str) -> int:
    """argparse type for ``--mood``: a whole number from 1 to 10."""
    try:
        mood = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"mood must be a whole number from {MOOD_MIN} to {MOOD_MAX}, not {text!r}"
        ) from None
    if not MOOD_MIN <= mood <= MOOD_MAX:
        raise argparse.ArgumentTypeError(f"mood must be from {MOOD_MIN} to {MOOD_MAX}, not {mood}")
    return mood


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the journal commands to the root parser."""
    init = subparsers.add_parser(
        "init",
        help="create a new encrypted journal",
        description="Create a new encrypted journal in the data folder (never overwrites one).",
    )
    init.set_defaults(run=run_init)

    checkin = subparsers.add_parser(
        "checkin",
        help="record how you feel today",
        description="Store a check-in: your mood from 1 (very low) to 10 (very good), a note and tags.",
    )
    checkin.add_argument("--no-camera", action="store_true", help="a self-rated check-in without the camera")
    checkin.add_argument("--mood", type=mood_value, required=True, metavar="N", help="your mood, 1 to 10")
    note = checkin.add_mutually_exclusive_group()
    note.add_argument(
        "--note-file",
        metavar="FILE",
        help="read the note from FILE (UTF-8), or from standard input with '-'; without a note option "
        "the note is asked for on a terminal",
    )
    note.add_argument(
        "--note", metavar="TEXT", help="a note on the command line (other users can see it in `ps`: prefer --note-file)"
    )
    checkin.add_argument("--tag", dest="tags", action="append", default=[], metavar="T", help="a tag (repeatable)")
    checkin.add_argument(
        "--at",
        type=period_argument(parse_moment),
        metavar='"YYYY-MM-DD HH:MM"',
        help="when it was, in local time (default: now; never in the future)",
    )
    checkin.set_defaults(run=run_checkin)

    history = subparsers.add_parser(
        "history",
        help="list your check-ins, newest first",
        description="List check-ins, newest first, in local time.",
    )
    history.add_argument(
        "--week", type=period_argument(Week.parse), metavar="YYYY-Www", help="only this ISO week, e.g. 2026-W05"
    )
    history.add_argument("--json", action="store_true", help="every field of every check-in, as JSON")
    history.set_defaults(run=run_history)

    passwd = subparsers.add_parser(
        "passwd",
        help="change your passphrase",
        description=f"Change the passphrase (the new one is asked twice, or read from ${NEW_PASSPHRASE_ENV}).",
    )
    passwd.set_defaults(run=run_passwd)

    wipe = subparsers.add_parser(
        "wipe",
        help="permanently delete all your data",
        description="Permanently delete the journal and every file MoodMirror created in the data folder.",
    )
    wipe.add_argument("--yes", action="store_true", help="do not ask to type DELETE")
    wipe.set_defaults(run=run_wipe)


def run_init(args: argparse.Namespace) -> int:
    from moodmirror.storage.vault import Vault

    if Vault.exists(args.data_dir):
        raise VaultExists(f"A journal already exists in {args.data_dir}; it was left untouched.")
    passphrase = ask_new_passphrase()
    Vault.create(args.data_dir, passphrase).close()
    print(f"Created your journal in {args.data_dir}.")
    print("Keep your passphrase safe: it cannot be recovered, and without it the journal cannot be opened.")
    return 0


def _read_note_file(name: str) -> str:
    """The note in the file ``name`` (``-``: standard input), decoded as UTF-8."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).expanduser().read_bytes()
    except OSError as error:
        raise UsageError(f"Cannot read the note file {name}: {error.strerror or error}; nothing was saved.") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidText(f"The note file {name} is not UTF-8 text; nothing was saved.") from None


def prepare_text(args: argparse.Namespace) -> None:
    """Settle the note (``--note``, ``--note-file``, else asked on a terminal) and check it and
    the tags, before anything slow (a camera session) starts; InvalidText if they cannot be saved."""
    if args.note_file is not None:
        note = _read_note_file(args.note_file)
    elif args.note is None and sys.stdin.isatty():
        try:
            note = input("Note (optional, one line; Enter for none): ")
        except EOFError:
            note = ""
    else:
        note = args.note or ""
    args.note = check_note(note.strip())
    args.tags = [check_tag(tag) for tag in args.tags]


def build_checkin(args: argparse.Namespace, summary: EmotionSummary | None = None) -> CheckIn:
    """The check-in described by ``--mood``, ``--note``, ``--tag`` and ``--at`` (plus a camera summary);
    :func:`prepare_text` has settled and checked the note and tags."""
    when = args.at or utc_now()
    return CheckIn(mood=args.mood, note=args.note, tags=args.tags, summary=summary, created_at=when)


def support_text(support: SupportCheck, region: str) -> str:
    """What the app's support screen says, as text: why it appears, then where to find help."""
    from moodmirror.insights.crisis_resources import crisis_resources

    lines = ["", support.reason, "", "Where you can turn to, right now if you need to:"]
    for item in crisis_resources(region):
        lines.append(f"  {item.name}: {item.contact}" + (f" ({item.detail})" if item.detail else ""))
    lines.append("You can carry on whenever you are ready; your check-in is saved.")
    return "\n".join(lines)


def save_and_tell(vault: Vault, checkin: CheckIn) -> None:
    """Save ``checkin`` (one transaction), say so, and show the crisis resources when the safety check asks."""
    from moodmirror.journal import save_checkin

    support = save_checkin(vault, checkin)
    print(f"Saved your check-in (mood {checkin.mood}/{MOOD_MAX}).")
    if support:
        print(support_text(support, vault.load_settings().crisis_region))


def warn_damaged(damaged: list[str], left_out_of: str) -> int:
    """Name each damaged check-in on stderr; the exit status: 1 if there was any, else 0."""
    for record_id in damaged:
        print(
            f"moodmirror: check-in {record_id} is damaged and could not be read; it was left out of {left_out_of}.",
            file=sys.stderr,
        )
    return 1 if damaged else 0


def run_checkin(args: argparse.Namespace) -> int:
    if not args.no_camera and getattr(args, "source", None) is None:
        raise UsageError(
            "A camera check-in needs --source (for example --source camera:0); "
            "use --no-camera for a check-in without the camera."
        )
    prepare_text(args)
    checkin = build_checkin(args)
    with unlock_vault(args.data_dir) as vault:
        save_and_tell(vault, checkin)
    return 0


INERT_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})
"""Characters a terminal would act on or break a line at."""


def _excerpt(note: str) -> str:
    first_line = note.strip().splitlines()[0] if note.strip() else ""
    if len(first_line) > NOTE_EXCERPT_CHARS or first_line != note.strip():
        return first_line[: NOTE_EXCERPT_CHARS - 1].rstrip() + "…"
    return first_line


def _inert(text: str) -> str:
    """``text`` with control characters (terminal escape codes, line breaks) and the Unicode line
    and paragraph separators (U+2028, U+2029) shown as U+FFFD."""
    return "".join("\ufffd" if unicodedata.category(ch) in INERT_CATEGORIES else ch for ch in text)


def format_checkin(checkin: CheckIn) -> str:
    """One line for ``history``: local time, mood, dominant emotion, tags, note excerpt.

    Control characters in notes and tags are shown inert, so a note cannot move the cursor,
    clear the screen or retitle the terminal, and each check-in stays on one line.
    """
    if checkin.summary is None:
        emotion = "-"
    else:
        emotion = checkin.summary.dominant or "unclear"
    parts = [
        f"{checkin.created_at.astimezone():%Y-%m-%d %H:%M}",
        f"mood {checkin.mood:>2}/{MOOD_MAX}",
        f"{emotion:<9}",
    ]
    if checkin.tags:
        parts.append(" ".join(f"#{tag}" for tag in checkin.tags))
    if checkin.note.strip():
        parts.append(_excerpt(checkin.note))
    return _inert("  ".join(parts))


def _local_week_bounds(week: Week) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00 of an ISO week, in local time."""
    monday = datetime.combine(week.monday, time())
    return monday.astimezone(), (monday + timedelta(days=7)).astimezone()


def run_history(args: argparse.Namespace) -> int:
    from moodmirror.journal import read_checkins

    start, end = _local_week_bounds(args.week) if args.week else (None, None)
    with unlock_vault(args.data_dir) as vault:
        readable = read_checkins(vault, start, end)
    checkins = readable.checkins
    if args.json:
        print(json.dumps([checkin.to_dict() for checkin in checkins], indent=2, ensure_ascii=False))
    elif checkins:
        for checkin in checkins:
            print(format_checkin(checkin))
    else:
        print("No check-ins in that week." if args.week else "No check-ins yet.")
    return warn_damaged(readable.damaged, "the history")


def run_passwd(args: argparse.Namespace) -> int:
    from moodmirror.journal import change_passphrase

    require_vault(args.data_dir)
    old = ask_passphrase("Current passphrase: ")
    with unlock_vault(args.data_dir, old) as vault:
        change_passphrase(vault, old, ask_new_passphrase(NEW_PASSPHRASE_ENV))
    print("Passphrase changed. Use the new one from now on.")
    return 0


def _settings_for_wipe(data_dir: Path) -> Settings | None:
    """The journal's settings (they say where automatic backups went), or None if unreadable.

    The passphrase comes from the environment, or is asked on a terminal (Enter skips).
    """
    from moodmirror.storage.vault import Vault

    if not Vault.exists(data_dir):
        return None
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if not passphrase and sys.stdin.isatty():
        passphrase = getpass.getpass("Passphrase, to find your automatic backups too (Enter to skip): ")
    if not passphrase:
        return None
    try:
        with Vault.open(data_dir, passphrase, read_only=True) as vault:  # wipe's zeroing sees every file
            return vault.load_settings()
    except MoodMirrorError as error:
        print(f"moodmirror: {error}", file=sys.stderr)
        return None


def run_wipe(args: argparse.Namespace) -> int:
    from moodmirror.backup.automatic import AUTO_BACKUP_GLOB
    from moodmirror.journal import delete_all_data

    data_dir = args.data_dir
    if not data_dir.exists():
        print(f"Nothing to delete: {data_dir} does not exist.")
        if delete_all_data(data_dir, None).reminder:
            print("Its daily reminder is off.")
        return 0
    if not args.yes:
        try:
            answer = input(f"This permanently deletes your journal in {data_dir}. Type DELETE to confirm: ")
        except EOFError:
            answer = ""
        if answer.strip() != "DELETE":
            raise Cancelled("Nothing was deleted.")
    settings = _settings_for_wipe(data_dir)
    deleted = delete_all_data(data_dir, settings)
    result = deleted.wiped
    for path, reason in result.failed:
        print(f"moodmirror: could not delete {path}: {reason}.", file=sys.stderr)
    if result.failed:
        print(f"Deleted MoodMirror's data except the {len(result.failed)} file(s) named above; delete them yourself.")
        return 1
    removed_backups = deleted.removed(deleted.backups)
    also = (
        f" and {removed_backups} automatic backup file(s) in {settings.backup_dir}"
        if settings and removed_backups
        else ""
    )
    print(f"Deleted all MoodMirror data in {data_dir}{also}.")
    if deleted.reminder:
        print("The daily reminder is off.")
    if settings is None:
        print(
            "Your settings could not be read, so automatic backups were not looked for: "
            f"delete any {AUTO_BACKUP_GLOB} files in your backup folder yourself."
        )
    if result.kept:
        names = ", ".join(path.name for path in result.kept)
        print(f"{data_dir} was kept: it holds files MoodMirror did not create ({names}).")
    return 0
