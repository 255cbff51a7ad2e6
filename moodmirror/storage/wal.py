"""Checking a write-ahead log that an older MoodMirror left beside the vault, before SQLite reads it.

MoodMirror used SQLite's write-ahead log until the vault became one file (``journal_mode=DELETE``,
see :mod:`moodmirror.storage.database`). A vault last used by such a version may still have a
``-wal`` file holding its latest commits, which the first open folds into the database. SQLite
reads a log frame by frame and silently stops at the first frame whose checksum fails, so a
damaged log would drop those commits without a word, and the open would make the loss
permanent. :func:`log_damage` reads the log first (format: https://sqlite.org/fileformat2.html,
"The WAL file format") and reports damage when the header is unreadable, or when a frame fails
its checksum (or is not of the log's generation) and a commit of the log's generation follows
it. A torn tail (a crash in the middle of a save, which loses only that save) and the leftovers
of an earlier generation are not damage.
"""

from __future__ import annotations

import struct
from pathlib import Path

_MAGIC = (0x377F0682, 0x377F0683)
"""The log's magic number; its lowest bit says the checksums read the data as big-endian words."""
_HEADER = struct.Struct(">IIIIIIII")
_FRAME_HEADER = struct.Struct(">IIIIII")
_MASK = 0xFFFFFFFF


def _checksum(data: bytes, big_endian: bool, start: tuple[int, int]) -> tuple[int, int]:
    """SQLite's log checksum of ``data`` (a multiple of 8 bytes), continuing from ``start``."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    s0, s1 = start
    for index in range(0, len(words), 2):
        s0 = (s0 + words[index] + s1) & _MASK
        s1 = (s1 + words[index + 1] + s0) & _MASK
    return s0, s1


def log_damage(path: Path) -> str | None:
    """What is wrong with the write-ahead log at ``path``, or None (also when there is none)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if not data:
        return None
    if len(data) < _HEADER.size:
        return "the write-ahead log is cut short"
    magic, _version, page_size, _sequence, salt1, salt2, check1, check2 = _HEADER.unpack_from(data)
    big_endian = bool(magic & 1)
    if magic not in _MAGIC or page_size < 512 or page_size & (page_size - 1):
        return "the write-ahead log's header is damaged"
    running = _checksum(data[:24], big_endian, (0, 0))
    if running != (check1, check2):
        return "the write-ahead log's header is damaged"
    frame_size = _FRAME_HEADER.size + page_size
    broken = False
    for offset in range(_HEADER.size, len(data) - frame_size + 1, frame_size):
        page, commit_size, frame_salt1, frame_salt2, frame_check1, frame_check2 = _FRAME_HEADER.unpack_from(
            data, offset
        )
        ours = (frame_salt1, frame_salt2) == (salt1, salt2) and page != 0
        if broken:
            if ours and commit_size:
                return "the write-ahead log has commits after a damaged frame"
            continue
        body = data[offset : offset + 8] + data[offset + _FRAME_HEADER.size : offset + frame_size]
        running = _checksum(body, big_endian, running)
        broken = not ours or running != (frame_check1, frame_check2)
    return None
