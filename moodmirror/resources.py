"""Where MoodMirror finds its shipped files and keeps the user's data.

Shipped files live at the top of the project (``models/``, ``assets/``, ``migrations/``);
the user's vault lives in ``--data-dir``, ``$MOODMIRROR_DATA_DIR`` or the platform's user
data folder, in that order.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = PROJECT_ROOT / "models"
ASSETS_DIR = PROJECT_ROOT / "assets"
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
DATA_DIR_ENV = "MOODMIRROR_DATA_DIR"


def default_data_dir() -> Path:
    """The data folder used when none is given on the command line."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("moodmirror", appauthor=False))
