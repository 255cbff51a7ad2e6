"""The files MoodMirror creates inside the data folder, named in one place.

``wipe`` deletes exactly these (and nothing the user put there), so any new file or folder
the app writes into the data folder must be named here.
"""

from __future__ import annotations

from pathlib import Path

from moodmirror.errors import InsideDataFolder

VAULT_FILENAME = "vault.sqlite3"
"""The SQLite database holding the vault header and every encrypted record."""

SQLITE_SIDE_SUFFIXES = ("-journal", "-wal", "-shm")
"""Files SQLite may keep beside the database (rollback journal, write-ahead log)."""

CREATING_SUFFIX = ".creating"
"""Suffix of a vault being created; renamed into place once complete."""

APPEARANCE_FILENAME = "appearance.json"
"""The one plaintext file: the theme and text size, so the lock screen looks as the user chose."""

CACHE_DIRNAME = "cache"
"""The one folder where the app may keep derived, disposable files (deleted by wipe)."""

DIR_MODE = 0o700
FILE_MODE = 0o600


def vault_path(data_dir: Path) -> Path:
    """The vault database inside ``data_dir``."""
    return data_dir / VAULT_FILENAME


def appearance_path(data_dir: Path) -> Path:
    """The plaintext appearance file inside ``data_dir`` (:mod:`moodmirror.storage.appearance`)."""
    return data_dir / APPEARANCE_FILENAME


def cache_dir(data_dir: Path) -> Path:
    """The folder for disposable app files inside ``data_dir`` (not created here)."""
    return data_dir / CACHE_DIRNAME


def app_files(data_dir: Path) -> list[Path]:
    """Every file the app may create directly in ``data_dir``, the database first, the appearance file last."""
    main = vault_path(data_dir)
    creating = main.with_name(main.name + CREATING_SUFFIX)
    names = [main, creating]
    for base in (main, creating):
        names.extend(base.with_name(base.name + suffix) for suffix in SQLITE_SIDE_SUFFIXES)
    names.append(appearance_path(data_dir))
    return names


def check_outside_data_dir(path: Path, data_dir: Path) -> None:
    """InsideDataFolder if ``path`` lies in ``data_dir``, where it could replace the journal."""
    if path.expanduser().resolve().is_relative_to(data_dir.expanduser().resolve()):
        raise InsideDataFolder(f"Choose a file outside the data folder {data_dir}; nothing was written.")
