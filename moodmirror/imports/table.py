"""MoodMirror's own check-in CSV (the table :mod:`moodmirror.report.csv_table` writes) as check-ins.

Read: ``date`` (YYYY-MM-DD), ``time`` (HH:MM), ``utc_offset`` (+HH:MM; empty: local time),
``mood`` (1..10), ``tags`` (separated by ``;``) and, when present, ``note``. The camera columns
(emotion, confidence, valence, probabilities) are not read back: a summary rebuilt from rounded
figures would not be the one the camera session made.
"""

from __future__ import annotations

from datetime import datetime

from moodmirror.errors import ImportRejected
from moodmirror.imports.csv_rows import checked_text, read_rows
from moodmirror.records import MOOD_MAX, MOOD_MIN, CheckIn, utc_now

REQUIRED = ("date", "time", "utc_offset", "mood", "tags")


def _moment(line: int, row: dict[str, str]) -> datetime:
    text = f"{row['date'].strip()} {row['time'].strip()}{row['utc_offset'].strip()}"
    try:
        if row["utc_offset"].strip():
            return datetime.strptime(text, "%Y-%m-%d %H:%M%z")
        return datetime.strptime(text, "%Y-%m-%d %H:%M").astimezone()
    except ValueError:
        raise ImportRejected(f"Line {line}: {text!r} is not a date, time and offset; nothing was imported.") from None


def read_table(data: bytes, now: datetime | None = None) -> list[CheckIn]:
    """Every row of a MoodMirror CSV as a check-in; ImportRejected names the first bad row."""
    latest = now or utc_now()
    checkins = []
    for line, row in read_rows(data, REQUIRED, "a MoodMirror check-in table"):
        mood = row["mood"].strip()
        if not mood.isdigit() or not MOOD_MIN <= int(mood) <= MOOD_MAX:
            raise ImportRejected(f"Line {line}: mood {mood!r} is not {MOOD_MIN} to {MOOD_MAX}; nothing was imported.")
        when = _moment(line, row)
        if when > latest:
            raise ImportRejected(f"Line {line}: {row['date']} {row['time']} is in the future; nothing was imported.")
        note, tags = checked_text(line, row.get("note", "").strip(), row["tags"].removeprefix("'").split(";"))
        checkins.append(CheckIn(mood=int(mood), note=note, tags=tags, created_at=when))
    return checkins
