"""Restore: a backup file brought back as the journal, on a first run (from Welcome).

The core restores only into an empty data folder, never over a journal
(:func:`moodmirror.backup.archive.check_restore_target`), so this screen is reached only while
there is no journal. The user types the backup file's path (or picks it in a file browser
listing ``*.mmbackup`` files) and its password: the backup's
format does not say before it is opened which one that is, so the field says both (the journal
passphrase it was made with, or its own password). A backup sealed with the journal passphrase
becomes a journal with that same passphrase. One with its own password asks next for a new
passphrase for the journal, as ``moodmirror restore`` does. Opening and restoring run in a worker;
a wrong password, a damaged file or one that is not a backup is said plainly and nothing is
written. Done, the unlock screen says what came back.
"""

from __future__ import annotations

from pathlib import Path

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty

from moodmirror.backup.archive import (
    BACKUP_SUFFIX,
    BackupContents,
    check_restore_target,
    read_backup,
    restore_backup,
)
from moodmirror.errors import BackupWrongPassword
from moodmirror.ui.save_as import start_folder, typed_path
from moodmirror.ui.strength import take_new_passphrase
from moodmirror.ui.widgets.common import Page
from moodmirror.ui.widgets.dialogs import Dialog
from moodmirror.ui.widgets.folders import FileChooser, FolderBrowser
from moodmirror.ui.worker import run_in_background

WRONG_PASSWORD = (
    "That password does not open this backup. It opens with the passphrase the journal had when the backup "
    "was made, or with the backup's own password if you chose one. Nothing was changed."
)


def open_backup_file(data_dir: Path, text: str, password: str) -> BackupContents:
    """The backup at the typed path ``text``, once ``data_dir`` can take it (slow: key derivation)."""
    check_restore_target(data_dir)
    return read_backup(typed_path(text), password)


def restored_notice(contents: BackupContents) -> str:
    """What the unlock screen says after the restore."""
    count = len(contents.checkins)
    noun = "check-in" if count == 1 else "check-ins"
    unlock = "the passphrase the backup was made with" if contents.uses_vault_passphrase else "your new passphrase"
    return f"Restored {count} {noun} and your settings from the backup. Unlock with {unlock}."


class RestoreScreen(Page):
    """The backup's path and password; then, for a backup with its own password, a new passphrase."""

    needs_passphrase = BooleanProperty(False)
    working = BooleanProperty(False)
    status = StringProperty("")
    error = StringProperty("")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._contents: BackupContents | None = None

    def prepare(self) -> None:
        for field in ("path", "password", "first", "second"):
            self.ids[field].text = ""
        self._forget()

    def edited(self) -> None:
        """The path or password changed: what was opened with the old ones no longer counts."""
        self.error = ""
        if self._contents is not None and not self.working:
            self._forget()

    def choose_file(self) -> None:
        """Open the file browser (at the typed path's folder); choosing a backup puts its path in the field."""
        folder = str(start_folder(self.ids.path.text))
        chooser = FileChooser(patterns=[f"*{BACKUP_SUFFIX}"], path=folder)
        dialog = Dialog.ask(
            "Choose the backup file",
            "",
            on_confirm=lambda _dialog: self._use_file(chooser.file),
            confirm_text="Choose",
            content=FolderBrowser(path=folder, chooser=chooser),
        )

        def show(_chooser: FileChooser, file: str) -> None:
            dialog.message = (
                f"Backups end in {BACKUP_SUFFIX}. Click one to choose it; double-click a folder to open it.\n"
                f"Chosen: {file or 'none yet'}"
            )

        chooser.bind(file=show)
        show(chooser, chooser.file)

    def _use_file(self, file: str) -> str | None:
        """Put the chosen ``file`` in the path field; a message (the dialog stays) while none is chosen."""
        if not file:
            return "Click a backup file first."
        self.ids.path.text = file
        return None

    def restore(self) -> None:
        if self.working:
            return
        if self._contents is not None:
            self._restore_with_new_passphrase(self._contents)
            return
        text, password = self.ids.path.text, self.ids.password.text
        if not text.strip():
            self.error = "Type the path of the backup file."
            return
        if not password:
            self.error = "Type the backup's password."
            return
        app = App.get_running_app()
        data_dir, options = app.data_dir, app.vault_options

        def work() -> BackupContents:
            contents = open_backup_file(data_dir, text, password)
            if contents.uses_vault_passphrase:
                restore_backup(contents, data_dir, password, **options)
            return contents

        self._begin("Opening the backup…")
        run_in_background(work, self._opened, self._failed, app.busy)

    def _restore_with_new_passphrase(self, contents: BackupContents) -> None:
        first = take_new_passphrase(self)
        if first is None:
            return
        app = App.get_running_app()
        data_dir, options = app.data_dir, app.vault_options
        self._begin("Restoring your journal…")
        run_in_background(
            lambda: restore_backup(contents, data_dir, first, **options),
            lambda _none: self._finished(contents),
            self._failed,
            app.busy,
        )

    def _begin(self, status: str) -> None:
        self.error, self.status, self.working = "", status, True

    def _opened(self, contents: BackupContents) -> None:
        if contents.uses_vault_passphrase:
            self._finished(contents)
            return
        self.working = False
        self._contents = contents
        self.needs_passphrase = True
        self.status = "The backup is open and intact."
        self.ids.first.focus = True

    def _finished(self, contents: BackupContents) -> None:
        self.working = False
        self.ids.password.text = self.ids.first.text = self.ids.second.text = ""
        self._forget()
        App.get_running_app().navigator.show("unlock", notice=restored_notice(contents))

    def _failed(self, error: BaseException) -> None:
        self.working = False
        self.status = ""
        self.error = WRONG_PASSWORD if isinstance(error, BackupWrongPassword) else str(error)
        if isinstance(error, BackupWrongPassword):
            self.ids.password.select_all()
            self.ids.password.focus = True

    def _forget(self) -> None:
        self._contents = None
        self.needs_passphrase = False
        self.status = self.error = ""
