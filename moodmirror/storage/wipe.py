"""Delete all data: destroy the vault's key material, then remove every file the app created.

Order matters. Each file MoodMirror created in the data folder (:func:`app_files`, the
database first, then its write-ahead log and any leftovers, then the cache folder) is first
overwritten in place with zeros and flushed to disk, which destroys the wrapped data key and
header; only then are the files unlinked, and finally the folder itself is removed. If the
process dies half-way, what is left cannot be unlocked. Files the user put in the folder
are never touched (the folder then stays, holding only those).

Limits, stated plainly: on copy-on-write file systems and SSDs an in-place overwrite may land
on new blocks, so old blocks can survive until the device reuses them; what survives is
ciphertext under a key wrapped by the passphrase (Argon2id), never plaintext.
"""

from __future__ import annotations

import os
from pathlib import Path

from moodmirror.storage.paths import app_files, cache_dir

_CHUNK = 1 << 20


def _zero_fill(path: Path) -> None:
    """Overwrite the regular file at ``path`` with zeros, in place, and flush it to disk."""
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        remaining = os.fstat(fd).st_size
        zeros = bytes(_CHUNK)
        while remaining > 0:
            remaining -= os.write(fd, zeros[: min(remaining, _CHUNK)])
        os.fsync(fd)
    finally:
        os.close(fd)


def _destroy(path: Path) -> None:
    """Zero-fill (regular files only, never a link's target) and unlink ``path``."""
    if not path.is_symlink() and path.is_file():
        _zero_fill(path)
    path.unlink()


def wipe(data_dir: Path) -> None:
    """Erase every file MoodMirror created in ``data_dir``, then ``data_dir`` if it is empty.

    Close any open :class:`~moodmirror.storage.vault.Vault` on it first. Afterwards
    ``Vault.exists(data_dir)`` is False and the app starts fresh. Missing files and a missing
    folder are fine (wiping twice is harmless).
    """
    for path in app_files(data_dir):
        if path.is_symlink() or path.exists():
            _destroy(path)
    cache = cache_dir(data_dir)
    if cache.is_dir() and not cache.is_symlink():
        for folder, subfolders, files in os.walk(cache, topdown=False):
            for name in files:
                _destroy(Path(folder) / name)
            for name in subfolders:
                subfolder = Path(folder) / name
                if subfolder.is_symlink():
                    subfolder.unlink()
                else:
                    subfolder.rmdir()
        cache.rmdir()
    elif cache.is_symlink():
        cache.unlink()
    if data_dir.is_dir():
        try:
            data_dir.rmdir()
        except OSError:
            pass  # the folder holds files the user put there; they are not ours to delete
