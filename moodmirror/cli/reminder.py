"""Reminder commands: ``reminder on HH:MM``, ``reminder off``, ``reminder`` (status) and ``remind``.

``remind`` is what the daily timer runs: it shows the reminder through the desktop's
notifications (:mod:`moodmirror.reminders`) and needs no passphrase; the journal stays locked.
It stays silent when the journal it is for is gone. A reminder belongs to the journal in the
data folder it was set for.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``reminder`` and ``remind`` to the root parser."""
    reminder = subparsers.add_parser(
        "reminder",
        help="a daily check-in reminder, even while the app is closed",
        description="Switch the daily reminder on at a local time (HH:MM) or off; without an action, say when it is.",
    )
    actions = reminder.add_subparsers(title="actions", metavar="ACTION")
    on = actions.add_parser("on", help="remind me every day at HH:MM", description="Remind me every day at HH:MM.")
    on.add_argument("time", metavar="HH:MM", help="local time of day, e.g. 20:30")
    on.set_defaults(run=run_reminder_on)
    off = actions.add_parser("off", help="no more reminders", description="Stop and remove the daily reminder.")
    off.set_defaults(run=run_reminder_off)
    reminder.set_defaults(run=run_reminder_status)

    remind = subparsers.add_parser(
        "remind",
        help="show the check-in reminder now (what the daily timer runs)",
        description="Show the check-in reminder as a desktop notification now.",
    )
    remind.set_defaults(run=run_remind)


def run_reminder_on(args: argparse.Namespace) -> int:
    from moodmirror.reminders import set_reminder

    print(set_reminder(args.time, args.data_dir))
    return 0


def run_reminder_off(args: argparse.Namespace) -> int:
    from moodmirror.reminders import remove_reminder

    print("The daily reminder is off." if remove_reminder(args.data_dir) else "There was no daily reminder.")
    return 0


def run_reminder_status(args: argparse.Namespace) -> int:
    from moodmirror.reminders import reminder_time

    when = reminder_time(args.data_dir)
    print(f"A reminder comes every day at {when}." if when else "No daily reminder is set.")
    return 0


def run_remind(args: argparse.Namespace) -> int:
    from moodmirror.reminders import notify
    from moodmirror.storage.vault import Vault

    if Vault.exists(args.data_dir):
        notify()
    return 0
