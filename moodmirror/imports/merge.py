"""Adding imported check-ins to the journal without doubles, all at once or not at all.

Two check-ins are the same entry when they share the minute (in UTC), the mood, the note and
the tags: importing a file twice, or a file that overlaps what the journal holds, adds each
entry once. :func:`plan_import` says what would be added; :func:`import_checkins` plans against the
journal and, unless it is a dry run, stores ``plan.new`` in one transaction; :meth:`ImportPlan.summary`
says what happened, the same words on the command line and in the app.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

from moodmirror.journal import read_checkins
from moodmirror.records import CheckIn
from moodmirror.storage.vault import Vault

EntryKey = tuple[str, int, str, tuple[str, ...]]


def entry_key(checkin: CheckIn) -> EntryKey:
    """What makes two check-ins the same entry."""
    minute = checkin.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")
    return (minute, checkin.mood, checkin.note.strip(), tuple(sorted(checkin.tags)))


@dataclass(frozen=True)
class ImportPlan:
    """The check-ins a file would add (oldest first) and how many of its rows are already there."""

    new: list[CheckIn]
    duplicates: int

    def summary(self, dry_run: bool) -> str:
        """E.g. "Imported 6 check-ins, 2025-03-02 to 2025-03-06; 0 already in your journal." (local days)."""
        count = len(self.new)
        span = ""
        if self.new:
            span = (
                f", {self.new[0].created_at.astimezone():%Y-%m-%d} to {self.new[-1].created_at.astimezone():%Y-%m-%d}"
            )
        verb = "Would import" if dry_run else "Imported"
        return f"{verb} {count} check-in{'s' if count != 1 else ''}{span}; {self.duplicates} already in your journal."


def plan_import(incoming: Iterable[CheckIn], existing: Iterable[CheckIn]) -> ImportPlan:
    """Leave out entries the journal (or the file itself, earlier) already holds."""
    seen = {entry_key(c) for c in existing}
    new = []
    duplicates = 0
    for checkin in incoming:
        key = entry_key(checkin)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        new.append(checkin)
    new.sort(key=lambda c: c.created_at)
    return ImportPlan(new, duplicates)


def import_checkins(vault: Vault, incoming: Iterable[CheckIn], dry_run: bool = False) -> ImportPlan:
    """Plan ``incoming`` against the journal's readable check-ins and store the new ones (not on a dry run)."""
    plan = plan_import(incoming, read_checkins(vault).checkins)
    if not dry_run:
        vault.add_checkins(plan.new)
    return plan
