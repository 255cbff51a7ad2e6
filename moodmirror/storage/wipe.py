"""Delete all data: destroy the vault's key material, then remove every file the app created.

Order matters. Each file MoodMirror created in the data folder (:func:`app_files`, the
database first, then its write-ahead log and any leftovers, the appearance file and what an
interrupted write of it left, then the cache folder) is first
overwritten in place with zeros and flushed to disk, which destroys the wrapped data key and
header; only then are the files unlinked, and finally the folder itself is removed. If the
process dies half-way, what is left cannot be unlocked. Files the user put in the folder
are never touched (the folder then stays, holding only those). Files the app wrote elsewhere
(automatic backups in the settings' backup folder) are destroyed the same way when the caller
names them, and whatever could not be removed is reported, never passed over in silence.

Limits, stated plainly: on copy-on-write file systems and SSDs an in-place overwrite may land
on new blocks, so old blocks can survive until the device reuses them; what survives is
ciphertext under a key wrapped by the passphrase (Argon2id), never plaintext.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from moodmirror.storage.paths import APPEARANCE_FILENAME, app_files, cache_dir
from moodmirror.storage.private_file import partial_files

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


@dataclass(frozen=True)
class WipeResult:
    """What :func:`wipe` did: files it destroyed, what it left and why.

    ``failed`` names the app's own files that could not be removed, with the reason;
    ``kept`` the entries left in the data folder that MoodMirror did not create.
    """

    removed: list[Path]
    failed: list[tuple[Path, str]]
    kept: list[Path]


def _try_destroy(path: Path, result: WipeResult) -> None:
    try:
        _destroy(path)
    except FileNotFoundError:
        return
    except OSError as error:
        result.failed.append((path, error.strerror or str(error)))
        return
    result.removed.append(path)


def _remove_cache(cache: Path, result: WipeResult) -> None:
    if cache.is_symlink():
        cache.unlink()
        return
    if not cache.is_dir():
        return
    for folder, subfolders, files in os.walk(cache, topdown=False):
        for name in files:
            _try_destroy(Path(folder) / name, result)
        for name in subfolders:
            subfolder = Path(folder) / name
            if subfolder.is_symlink():
                subfolder.unlink()
            elif not any(subfolder.iterdir()):
                subfolder.rmdir()
    if not any(cache.iterdir()):
        cache.rmdir()


def _remove_folder(data_dir: Path) -> None:
    """Remove ``data_dir`` if it is empty; a link to a folder goes with the empty folder."""
    folder = data_dir.resolve() if data_dir.is_symlink() else data_dir
    if not folder.is_dir() or any(folder.iterdir()):
        return  # the folder holds files the user put there; they are not ours to delete
    folder.rmdir()
    if data_dir.is_symlink():
        data_dir.unlink()


def wipe(data_dir: Path, elsewhere: Sequence[Path] = ()) -> WipeResult:
    """Erase every file MoodMirror created in ``data_dir``, then ``data_dir`` if it is empty.

    ``elsewhere`` lists files the app wrote outside the data folder (automatic backups,
    :func:`moodmirror.backup.automatic.auto_backup_files`); they are destroyed the same way.
    Close any open :class:`~moodmirror.storage.vault.Vault` on it first. Afterwards
    ``Vault.exists(data_dir)`` is False and the app starts fresh. Missing files and a missing
    folder are fine (wiping twice is harmless). A file that cannot be removed is named in the
    result; the others are removed all the same.
    """
    result = WipeResult([], [], [])
    ours = [*app_files(data_dir), *partial_files(data_dir, APPEARANCE_FILENAME)] if data_dir.is_dir() else []
    for path in [*ours, *elsewhere]:
        if path.is_symlink() or path.exists():
            _try_destroy(path, result)
    _remove_cache(cache_dir(data_dir), result)
    if data_dir.is_dir():
        _remove_folder(data_dir)
    if data_dir.is_dir():
        mine = {*ours, cache_dir(data_dir)}  # any of ours still there is in ``failed``
        result.kept.extend(sorted(path for path in data_dir.iterdir() if path not in mine))
    return result
