"""CSV rows with the line each starts on, for error messages that point at the file.

A quoted cell may hold commas and line breaks, so one row can span several lines; each row
is given with the number of its first line (the header is line 1). A byte-order mark is
dropped, and a header lacking a required column is refused before any row is read.
:func:`checked_text` holds a row's note and tags to the rules typed text follows
(:func:`moodmirror.records.check_note`, :func:`~moodmirror.records.check_tag`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence

from moodmirror.errors import ImportRejected, InvalidText
from moodmirror.records import check_note, check_tag

_NOTHING_SAVED = re.compile(r"[.;] nothing was saved\.$", re.IGNORECASE)


def read_rows(data: bytes, required: Sequence[str], what: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row of the CSV ``data`` as ``(first line, {column: cell})``; ``what`` names the format in errors."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(f"The file is not UTF-8 text, so it is not {what}; nothing was imported.") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip() for name in next(reader, [])]
        missing = [name for name in required if name not in header]
        if missing:
            raise ImportRejected(
                f"This is not {what}: the first line lacks the column(s) {', '.join(missing)}; nothing was imported."
            )
        line = reader.line_num + 1
        for cells in reader:
            if cells:
                if len(cells) != len(header):
                    raise ImportRejected(
                        f"Line {line}: {len(cells)} cells where the header has {len(header)}; nothing was imported."
                    )
                yield line, dict(zip(header, cells, strict=True))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportRejected(f"Line {reader.line_num}: {error}; nothing was imported.") from None


def checked_text(line: int, note: str, tags: Sequence[str]) -> tuple[str, list[str]]:
    """``note`` and ``tags`` of the row on ``line`` if they can be saved; ImportRejected naming the line if not."""
    try:
        return check_note(note), [check_tag(tag) for tag in tags]
    except InvalidText as error:
        reason = _NOTHING_SAVED.sub("", str(error))
        raise ImportRejected(f"Line {line}: {reason}; nothing was imported.") from None
