"""Adding imported check-ins to the journal without doubles, all at once or not at all.

Two check-ins are the same entry when they share the minute (in UTC), the mood, the note and
the tags: importing a file twice, or a file that overlaps what the journal holds, adds each
entry once. :func:`plan_import` says what would be added; a dry run stops there, an import stores
``plan.new`` with :meth:`~moodmirror.storage.vault.Vault.add_checkins` (one transaction).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timezone

from moodmirror.records import CheckIn

EntryKey = tuple[str, int, str, tuple[str, ...]]


def entry_key(checkin: CheckIn) -> EntryKey:
    """What makes two check-ins the same entry."""
    minute = checkin.created_at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M")
    return (minute, checkin.mood, checkin.note.strip(), tuple(sorted(checkin.tags)))


@dataclass(frozen=True)
class ImportPlan:
    """The check-ins a file would add (oldest first) and how many of its rows are already there."""

    new: list[CheckIn]
    duplicates: int


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

