"""The appearance file: the theme and text size, in plaintext, so the locked app looks as chosen.

Every setting lives in the encrypted vault, which the unlock, welcome and create screens
cannot read. So the theme and the text size, and nothing else, are also kept in
``appearance.json`` in the data folder (e.g. ``{"theme": "dark", "text_scale": 1.15}``), written
(0600, atomically) whenever they change and read when the app starts. They say nothing about the
journal or the person; SECURITY.md says so too. :func:`read_appearance` falls back to the
defaults, silently, for a missing, unreadable, corrupt or odd file: it only styles the lock
screen. Delete all data removes the file with the rest (it is one of ``paths.app_files``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from moodmirror.insights.palette import THEMES
from moodmirror.records import Settings
from moodmirror.storage.paths import appearance_path
from moodmirror.storage.private_file import write_private_file

MAX_BYTES = 1024
"""A larger file is not one the app wrote: it is ignored unread."""
TEXT_SCALE_LIMITS = (0.5, 2.0)
"""A text size outside these is not one the app uses, so the file is taken as damaged."""


@dataclass(frozen=True)
class Appearance:
    """The two settings the lock screen follows."""

    theme: str = Settings.theme
    text_scale: float = Settings.text_scale

    @classmethod
    def of(cls, settings: Settings) -> Appearance:
        return cls(settings.theme, settings.text_scale)


def read_appearance(data_dir: Path) -> Appearance:
    """The appearance kept in ``data_dir``, or the defaults when there is none that makes sense."""
    try:
        with appearance_path(data_dir).open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
        data = json.loads(raw) if len(raw) <= MAX_BYTES else None
    except (OSError, ValueError):
        return Appearance()
    if not isinstance(data, dict):
        return Appearance()
    theme, scale = data.get("theme"), data.get("text_scale")
    valid_scale = isinstance(scale, int | float) and not isinstance(scale, bool)
    if theme not in THEMES or not valid_scale or not TEXT_SCALE_LIMITS[0] <= scale <= TEXT_SCALE_LIMITS[1]:
        return Appearance()
    return Appearance(theme, float(scale))


def remember_appearance(data_dir: Path, settings: Settings) -> None:
    """Keep ``settings``' theme and text size in ``data_dir`` for the next start (when they changed).

    Raises :class:`~moodmirror.errors.StorageError` when the file cannot be written.
    """
    wanted = Appearance.of(settings)
    path = appearance_path(data_dir)
    if path.is_file() and read_appearance(data_dir) == wanted:
        return
    text = json.dumps({"theme": wanted.theme, "text_scale": wanted.text_scale})
    write_private_file(path, text.encode("ascii"))
