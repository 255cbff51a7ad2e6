"""The ``moodmirror`` entry point: root parser, global ``--data-dir``, error handling, dispatch.

Each module named in :data:`COMMAND_MODULES` provides ``register(subparsers)`` and sets
``parser.set_defaults(run=function)`` on its commands, where ``function(args) -> int``
returns the exit status and finds the data folder in ``args.data_dir`` (a resolved Path).
A :class:`~moodmirror.errors.MoodMirrorError` becomes one line on stderr and exit status 1
(2 for a :class:`~moodmirror.errors.UsageError`, as for argparse's own errors). ``--data-dir``
may stand before or after the command. With no command, the app window opens. Core dumps are
switched off before anything else (:mod:`moodmirror.core_dumps`).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from moodmirror import __version__
from moodmirror.core_dumps import disable_core_dumps
from moodmirror.errors import MoodMirrorError, UsageError
from moodmirror.resources import DATA_DIR_ENV, default_data_dir

COMMAND_MODULES: tuple[str, ...] = ("journal", "vision", "insights", "explore", "importing", "reminder", "report")


def build_parser() -> argparse.ArgumentParser:
    """The root parser with every command module's subcommands registered."""
    parser = argparse.ArgumentParser(
        prog="moodmirror",
        description="MoodMirror: a private, on-device mood journal. Without a command, the app opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_data_dir(parser, None)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"moodmirror.cli.{name}").register(subparsers)
    for command in subparsers.choices.values():
        _add_data_dir(command, argparse.SUPPRESS)  # after the command too; absent there, the root's value stays
    return parser


def _add_data_dir(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        metavar="DIR",
        help=f"where your journal is kept (default: ${DATA_DIR_ENV}, else your user data folder)",
    )


def _start_app(data_dir: Path) -> int:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        print(
            "moodmirror: no display found: the app needs a desktop session (or `xvfb-run moodmirror`); "
            "every other command works without one (see `moodmirror --help`).",
            file=sys.stderr,
        )
        return 1
    try:
        from moodmirror.ui.app import run as run_app
    except ModuleNotFoundError as error:
        print(f"moodmirror: the app window needs {error.name}, which is not installed.", file=sys.stderr)
        return 2
    return int(run_app(data_dir) or 0)


def _tolerate_unprintable_text() -> None:
    """Show characters the terminal's encoding lacks as ``?`` instead of failing mid-output.

    Notes and tags may hold any Unicode (emoji, scripts a Latin-1 terminal cannot show).
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    disable_core_dumps()  # before any passphrase or note is in memory
    _tolerate_unprintable_text()
    args = build_parser().parse_args(argv)
    args.data_dir = (args.data_dir or default_data_dir()).expanduser()
    try:
        run = getattr(args, "run", None)
        if run is None:
            return _start_app(args.data_dir)
        return int(run(args))
    except MoodMirrorError as error:
        print(f"moodmirror: {error}", file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        print(f"moodmirror: {error.strerror or error}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nmoodmirror: interrupted.", file=sys.stderr)
        return 130
