"""Save as, for every screen that writes a file (the report, a backup): the path, its checks, the folder browser.

The screen has a "Save as" field and a "Choose folder…" button. The field starts at
:func:`default_path` (``~/Documents/NAME``, or the home folder without Documents).
:func:`check_target` refuses, before any slow work, an empty field, a missing folder, a folder
and a path inside the data folder (where it could replace the journal). :func:`choose_folder`
opens the folder browser at the typed path's folder; choosing puts the folder in front of the
typed file name. :func:`confirm_replace` asks before an existing file is replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from moodmirror.errors import UsageError
from moodmirror.storage.paths import check_outside_data_dir
from moodmirror.storage.private_file import check_private_target
from moodmirror.ui.widgets.dialogs import Dialog
from moodmirror.ui.widgets.folders import FolderBrowser, FolderChooser


def default_path(name: str) -> Path:
    """``~/Documents/name``, or ``~/name`` without a Documents folder."""
    folder = Path.home() / "Documents"
    return (folder if folder.is_dir() else Path.home()) / name


def typed_path(text: str) -> Path:
    """The path typed in the "Save as" field (``~`` expanded)."""
    return Path(text.strip()).expanduser()


def start_folder(text: str) -> Path:
    """Where the folder browser opens: the typed path's folder, or the home folder if it does not exist."""
    folder = typed_path(text).absolute().parent
    return folder if text.strip() and folder.is_dir() else Path.home()


def in_folder(folder: Path, text: str, default_name: str) -> Path:
    """``folder`` with the typed file name (``default_name`` when none is typed)."""
    return folder / (typed_path(text).name or default_name)


def check_target(text: str, data_dir: Path, what: str) -> Path:
    """The typed path, once it can be written and lies outside ``data_dir``.

    UsageError when nothing is typed, StorageError for a missing folder or a folder,
    InsideDataFolder for a path in the data folder. ``what`` names the file ("report").
    """
    if not text.strip():
        raise UsageError(f"Type where to save the {what}, or choose a folder.")
    path = typed_path(text)
    check_private_target(path)
    check_outside_data_dir(path, data_dir)
    return path


def choose_folder(text: str, default_name: str, use: Callable[[Path], None]) -> None:
    """Open the folder browser for the typed ``text``; choosing calls ``use`` with the new path."""
    browser = FolderBrowser(path=str(start_folder(text)))
    chooser = browser.chooser
    dialog = Dialog.ask(
        "Choose a folder",
        "",
        on_confirm=lambda _dialog: use(in_folder(Path(chooser.folder), text, default_name)),
        confirm_text="Choose",
        content=browser,
    )

    def show(_chooser: FolderChooser, folder: str) -> None:
        dialog.message = f"Click a folder to choose it; double-click to open it.\nSave in: {folder}"

    chooser.bind(folder=show)
    show(chooser, chooser.folder)


def confirm_replace(path: Path, replace: Callable[[], None], keep: Callable[[], None]) -> None:
    """Call ``replace`` at once for a new file; for an existing one, only once the user confirms (else ``keep``)."""
    if not path.exists():
        replace()
        return
    Dialog.ask(
        "Replace the existing file?",
        f"{path} already exists. Replacing it cannot be undone.",
        on_confirm=lambda _dialog: replace(),
        on_cancel=keep,
        confirm_text="Replace",
        danger=True,
    )
