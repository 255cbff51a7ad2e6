"""The ``import`` command: bring a history in from Daylio or from MoodMirror's own CSV.

- ``moodmirror import daylio FILE.csv [--map WORD=N ...] [--dry-run]``: Daylio's CSV export;
  the mood words' numbers (1..10) are printed every time and changed with ``--map``.
- ``moodmirror import csv FILE.csv [--dry-run]``: the check-in table MoodMirror writes.

The whole file is read first: a bad row is named by its line number and nothing is imported.
Entries the journal already holds are left out, so importing twice adds nothing. With
``--dry-run`` the journal is opened to find duplicates but not changed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from moodmirror.cli.passphrase import unlock_vault

if TYPE_CHECKING:
    from moodmirror.records import CheckIn


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import daylio`` and ``import csv`` to the root parser."""
    command = subparsers.add_parser(
        "import",
        help="bring check-ins in from Daylio or a MoodMirror CSV",
        description="Import check-ins from a CSV file. The whole file is checked first; a bad row is named by "
        "its line and nothing is imported. Entries already in the journal are not imported twice.",
    )
    formats = command.add_subparsers(title="formats", metavar="FORMAT", required=True)
    daylio = formats.add_parser("daylio", help="Daylio's CSV export", description="Import Daylio's CSV export.")
    daylio.add_argument(
        "--map",
        dest="mood_map",
        action="append",
        default=[],
        metavar="WORD=N",
        help="the number (1-10) for a Daylio mood word, e.g. meh=6 (repeatable; the mapping is printed)",
    )
    table = formats.add_parser("csv", help="MoodMirror's check-in CSV", description="Import MoodMirror's check-in CSV.")
    for parser, run in ((daylio, run_import_daylio), (table, run_import_csv)):
        parser.add_argument("file", type=Path, metavar="FILE.csv", help="the file to import")
        parser.add_argument("--dry-run", action="store_true", help="show what would be imported; change nothing")
        parser.set_defaults(run=run)


def run_import_daylio(args: argparse.Namespace) -> int:
    from moodmirror.imports.daylio import parse_mood_map, read_daylio

    moods = parse_mood_map(args.mood_map)
    print("Daylio moods as MoodMirror moods: " + ", ".join(f"{word}={n}" for word, n in moods.items()))
    return _import(args, read_daylio(args.file.expanduser().read_bytes(), moods))


def run_import_csv(args: argparse.Namespace) -> int:
    from moodmirror.imports.table import read_table

    return _import(args, read_table(args.file.expanduser().read_bytes()))


def _import(args: argparse.Namespace, incoming: list[CheckIn]) -> int:
    from moodmirror.imports.merge import import_checkins

    with unlock_vault(args.data_dir) as vault:
        plan = import_checkins(vault, incoming, args.dry_run)
    print(plan.summary(args.dry_run))
    if args.dry_run:
        print("Dry run: nothing was changed.")
    return 0
