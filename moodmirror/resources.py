"""Where MoodMirror finds its shipped files and keeps the user's data.

The shipped files (the emotion model and its card, prompts and crisis files, the Alembic
migrations) are package data of ``moodmirror``, found with :mod:`importlib.resources`. In a
checkout ``moodmirror/models``, ``assets`` and ``migrations`` are links to the folders at the
top of the project; a wheel carries copies, so every install layout reads them the same way.
The user's vault lives in ``--data-dir``, ``$MOODMIRROR_DATA_DIR`` or the platform's user
data folder, in that order.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path


def _package_folder() -> Path:
    """The installed ``moodmirror`` package folder (Alembic and ONNX Runtime need real files)."""
    folder = files(__package__ or "moodmirror")
    if not isinstance(folder, Path):
        raise RuntimeError("MoodMirror must be installed as files on disk, not run from an archive")
    return folder


PACKAGE_DIR = _package_folder()
MODELS_DIR = PACKAGE_DIR / "models"
ASSETS_DIR = PACKAGE_DIR / "assets"
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
DATA_DIR_ENV = "MOODMIRROR_DATA_DIR"


def default_data_dir() -> Path:
    """The data folder used when none is given on the command line."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("moodmirror", appauthor=False))
