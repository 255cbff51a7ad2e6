"""argparse adapters and checks shared by the command modules.

The core parses periods (``moodmirror.insights.periods``) and moments
(``moodmirror.insights.moments``) and raises :class:`~moodmirror.errors.InvalidPeriod` or
:class:`~moodmirror.errors.InvalidMoment`; here that error becomes argparse's own usage error,
so a bad ``--week``, ``--month`` or ``--at`` prints one line and exits 2 in every command.
Every command that writes a file (``chart``, ``export``, ``backup``) checks its ``--out`` with
:func:`output_file` before asking for anything: never inside the data folder, and an existing
file is replaced only with ``--force``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from moodmirror.errors import InvalidMoment, InvalidPeriod, OutputExists
from moodmirror.storage.paths import check_outside_data_dir

P = TypeVar("P")


def period_argument(parse: Callable[[str], P]) -> Callable[[str], P]:
    """An argparse ``type`` made from a period or moment parser such as ``Week.parse``."""

    def convert(text: str) -> P:
        try:
            return parse(text)
        except (InvalidPeriod, InvalidMoment) as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return convert


def add_force_argument(parser: argparse.ArgumentParser) -> None:
    """``--force``: replace an existing ``--out`` file."""
    parser.add_argument("--force", action="store_true", help="replace the --out file if it exists")


def output_file(args: argparse.Namespace) -> Path:
    """``args.out`` made absolute-ready (``~`` expanded), checked against the data folder and ``--force``."""
    out = Path(args.out).expanduser()
    check_outside_data_dir(out, args.data_dir)
    if out.exists() and not args.force:
        raise OutputExists(f"{out} already exists; nothing was written (add --force to replace it).")
    return out
