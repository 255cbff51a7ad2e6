"""Search over notes, tags and reflection answers, in memory only, case and accent insensitive.

:class:`SearchIndex` is built from check-ins after unlock and lives only in memory (it is never
written anywhere; locking drops it with the check-ins). Text is folded before comparing:
compatibility decomposition (NFKD), combining accents removed, then Unicode case folding, so
"cafe" finds "Café" and "strasse" finds "Straße". ``index.search("cafe")`` returns a
:class:`Hit` per matching check-in, newest first, naming the fields that matched and giving a
short excerpt of the first match. Every word of the query must appear (in any field).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from moodmirror.records import CheckIn

EXCERPT_CHARS = 60
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """``text`` for comparing: no accents, no case (``"Ça Straße"`` -> ``"ca strasse"``)."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def searchable_fields(checkin: CheckIn) -> list[tuple[str, str]]:
    """The texts of a check-in that search looks in, each with the name shown to the user."""
    fields = [("note", checkin.note), ("tags", " ".join(checkin.tags))]
    fields.extend(("reflection", answer.text) for answer in checkin.answers)
    record = checkin.thought_record
    if record is not None:
        texts = (record.situation, record.automatic_thought, record.evidence_for, record.evidence_against,
                 record.balanced_thought)  # fmt: skip
        fields.extend(("thought record", text) for text in texts)
    return [(name, text) for name, text in fields if text.strip()]


def _original_index(text: str, folded: str, at: int) -> int:
    """Where in ``text`` the character at ``at`` of its folded form comes from."""
    if len(folded) == len(text):  # each character folded to one (the usual case): same positions
        return at
    position = 0
    for index, ch in enumerate(text):
        position += len(fold(ch))
        if position > at:
            return index
    return len(text)


def excerpt(text: str, folded: str, word: str) -> str:
    """A one-line piece of ``text`` (folded: ``folded``) around the first place ``word`` occurs."""
    begin = max(0, _original_index(text, folded, max(folded.find(word), 0)) - EXCERPT_CHARS // 3)
    piece = " ".join(text[begin : begin + EXCERPT_CHARS].split())
    return ("…" if begin else "") + piece + ("…" if begin + EXCERPT_CHARS < len(text) else "")


@dataclass(frozen=True)
class Hit:
    """One check-in that matched: where (field names, in order) and a piece of the first match."""

    checkin: CheckIn
    fields: tuple[str, ...]
    excerpt: str


class SearchIndex:
    """Folded texts of check-ins, kept in memory for repeated searches."""

    def __init__(self, checkins: Iterable[CheckIn]) -> None:
        ordered = sorted(checkins, key=lambda c: (c.created_at, c.id), reverse=True)
        self._entries = []
        for checkin in ordered:
            fields = [(name, text, fold(text)) for name, text in searchable_fields(checkin)]
            self._entries.append((checkin, fields, "\n".join(folded for _, _, folded in fields)))

    def search(self, query: str) -> list[Hit]:
        """Check-ins holding every word of ``query`` (folded), newest first; none for an empty query."""
        words = fold(query).split()
        if not words:
            return []
        hits = []
        for checkin, fields, everything in self._entries:
            if not all(word in everything for word in words):
                continue
            matched = [field for field in fields if any(word in field[2] for word in words)]
            _, first_text, first_folded = matched[0]
            first_word = next(word for word in words if word in first_folded)
            names = tuple(dict.fromkeys(name for name, _, _ in matched))
            hits.append(Hit(checkin, names, excerpt(first_text, first_folded, first_word)))
        return hits
