"""The check-in table as CSV, attached inside the PDF for the clinician's own analysis.

Columns: ``date`` (YYYY-MM-DD), ``time`` (HH:MM), ``utc_offset`` (+HH:MM), ``mood`` (1..10),
``emotion`` (the dominant detected emotion; empty without a camera reading, ``inconclusive``
when the camera session was inconclusive), ``confidence`` and ``valence`` (empty without a
conclusive reading), ``tags`` (separated by ``; ``), then one column per emotion with the
mean probability the model gave it (``p_anger`` ... ``p_surprise``), and last ``note_tone``, the
tone of the note's words from -1 to +1 (empty without a note).

UTF-8 with a byte-order mark, so spreadsheet programs pick the right encoding. Text cells that
a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) are prefixed
with an apostrophe. The file is padded with empty lines to a multiple of :data:`CSV_BLOCK`
bytes: an attachment's size is visible in the PDF without the password, and the exact size
would tell how long the tags are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from moodmirror.emotions import EMOTIONS
from moodmirror.report.content import TableRow

CSV_FILENAME = "moodmirror-checkins.csv"
CSV_BLOCK = 4096
_LINE_END = "\r\n"
COLUMNS = (
    "date",
    "time",
    "utc_offset",
    "mood",
    "emotion",
    "confidence",
    "valence",
    "tags",
    *(f"p_{e}" for e in EMOTIONS),
    "note_tone",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _offset(row: TableRow) -> str:
    text = row.when.strftime("%z")
    return f"{text[:3]}:{text[3:]}" if text else ""


def _cells(row: TableRow) -> list[str]:
    probabilities = row.probabilities or {}
    emotion = "inconclusive" if row.camera == "inconclusive" else (row.emotion or "")
    return [
        row.when.strftime("%Y-%m-%d"),
        row.when.strftime("%H:%M"),
        _offset(row),
        str(row.mood),
        emotion,
        "" if row.confidence is None else f"{row.confidence:.3f}",
        "" if row.valence is None else f"{row.valence:.3f}",
        _text("; ".join(row.tags)),
        *("" if row.probabilities is None else f"{probabilities.get(e, 0.0):.3f}" for e in EMOTIONS),
        "" if row.tone is None else f"{row.tone:.3f}",
    ]


def table_csv(rows: Sequence[TableRow]) -> bytes:
    """The CSV file's bytes for ``rows``: a header line, then one line per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=_LINE_END)
    writer.writerow(COLUMNS)
    writer.writerows(_cells(r) for r in rows)
    data = out.getvalue().encode("utf-8-sig")
    padding = -len(data) % CSV_BLOCK
    return data + _LINE_END.encode() * (padding // 2) + b"\n" * (padding % 2)  # empty lines, to the block
