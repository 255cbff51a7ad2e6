"""Writing a file that only its owner can read, atomically.

``write_private_file(path, data)`` writes ``data`` to a new temporary file in the same folder
as ``path`` (created 0600 and exclusively, so nobody else can read it even for a moment),
flushes it to disk, and renames it over ``path`` with ``os.replace``. Readers see either the
old file or the complete new one, never a partial file; on any failure the temporary file is
removed and ``path`` is left as it was. Nothing is written anywhere but that folder.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from moodmirror.errors import StorageError
from moodmirror.storage.paths import FILE_MODE

_TEMP_PREFIX = "."
_TEMP_SUFFIX = ".part"


def check_private_target(path: Path) -> None:
    """StorageError if ``path`` cannot be written: its folder is missing or it is a folder.

    Callers with slow work before the write (making a report) check first, so the user hears
    of a bad path before waiting for it.
    """
    if not path.parent.is_dir():
        raise StorageError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    if path.is_dir():
        raise StorageError(f"Cannot write {path}: it is a folder.")


def write_private_file(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``, mode 0600; StorageError if it cannot."""
    check_private_target(path)
    folder = path.parent
    temp = folder / f"{_TEMP_PREFIX}{path.name}.{secrets.token_hex(6)}{_TEMP_SUFFIX}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)  # whatever the umask
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        fsync_folder(folder)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise StorageError(f"Cannot write {path}: {error.strerror or error}.") from error


def partial_files(folder: Path, name_pattern: str) -> list[Path]:
    """Temporary files an interrupted :func:`write_private_file` left in ``folder`` for files
    named like ``name_pattern`` (a glob)."""
    return sorted(folder.glob(f"{_TEMP_PREFIX}{name_pattern}.*{_TEMP_SUFFIX}"))


def fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX only; elsewhere the rename is all there is)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
