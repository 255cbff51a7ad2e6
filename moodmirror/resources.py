"""Where MoodMirror finds its shipped files and keeps the user's data.

Shipped files live at the top of the project (``models/``, ``assets/``, ``migrations/``) in a
checkout or an editable install; a wheel installs them under ``<prefix>/share/moodmirror/``.
The user's vault lives in ``--data-dir``, ``$MOODMIRROR_DATA_DIR`` or the platform's user
data folder, in that order.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
_SHIPPED_ROOT = (PROJECT_ROOT if (PROJECT_ROOT / "pyproject.toml").is_file()
                 else Path(sys.prefix) / "share" / "moodmirror")
MODELS_DIR = _SHIPPED_ROOT / "models"
ASSETS_DIR = _SHIPPED_ROOT / "assets"
MIGRATIONS_DIR = _SHIPPED_ROOT / "migrations"
DATA_DIR_ENV = "MOODMIRROR_DATA_DIR"


def default_data_dir() -> Path:
    """The data folder used when none is given on the command line."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("moodmirror", appauthor=False))
