"""Daylio's CSV export as check-ins.

Daylio writes ``full_date, date, weekday, time, mood, activities, note_title, note``: the day as
``YYYY-MM-DD``, the time as ``HH:MM`` or ``h:mm am/pm`` (local time), the mood as a word,
activities separated by ``" | "``. Each mood word becomes a MoodMirror mood from 1 to 10 by
:data:`DEFAULT_MOODS` (Daylio's five standard moods), which the person may change or extend
for their own mood names; activities become tags; the note title and note become the note.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from moodmirror.errors import ImportRejected
from moodmirror.imports.csv_rows import checked_text, read_rows
from moodmirror.records import MOOD_MAX, MOOD_MIN, CheckIn, utc_now

COLUMNS = ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note")
DEFAULT_MOODS: dict[str, int] = {"rad": 10, "good": 8, "meh": 5, "bad": 3, "awful": 1}
_TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M %p")


def parse_mood_map(items: list[str], base: Mapping[str, int] = DEFAULT_MOODS) -> dict[str, int]:
    """``base`` with ``word=N`` changes (``["meh=6", "tired=4"]``); ImportRejected for a bad item."""
    moods = dict(base)
    for item in items:
        word, sep, value = item.partition("=")
        if not sep or not word.strip() or not value.strip().isdigit() or not MOOD_MIN <= int(value) <= MOOD_MAX:
            raise ImportRejected(
                f"A mood mapping looks like meh=5 (a word and {MOOD_MIN} to {MOOD_MAX}), not {item!r}."
            )
        moods[word.strip().casefold()] = int(value)
    return moods


def _moment(line: int, day: str, clock: str) -> datetime:
    for layout in _TIME_FORMATS:
        try:
            return datetime.strptime(f"{day.strip()} {clock.strip().upper()}", layout).astimezone()
        except ValueError:
            continue
    raise ImportRejected(f"Line {line}: {day!r} {clock!r} is not a date and time Daylio writes; nothing was imported.")


def read_daylio(data: bytes, moods: Mapping[str, int] = DEFAULT_MOODS, now: datetime | None = None) -> list[CheckIn]:
    """Every row of a Daylio export as a check-in; ImportRejected names the first bad row."""
    latest = now or utc_now()
    checkins = []
    for line, row in read_rows(data, COLUMNS, "a Daylio export"):
        word = row["mood"].strip().casefold()
        if word not in moods:
            raise ImportRejected(
                f"Line {line}: the mood {row['mood']!r} has no number; map it (e.g. {word or 'word'}=5). "
                "Nothing was imported."
            )
        when = _moment(line, row["full_date"], row["time"])
        if when > latest:
            raise ImportRejected(
                f"Line {line}: {row['full_date']} {row['time']} is in the future; nothing was imported."
            )
        note = "\n".join(part.strip() for part in (row["note_title"], row["note"]) if part.strip())
        note, tags = checked_text(line, note, row["activities"].split("|"))
        checkins.append(CheckIn(mood=moods[word], note=note, tags=tags, created_at=when))
    return checkins
