"""Backup: the whole journal in one encrypted file, written by :func:`moodmirror.backup.archive.write_backup`.

The user picks where to save (the "Save as" field and folder browser of :mod:`moodmirror.ui.save_as`,
with its checks and the question before replacing a file) and what protects the backup: the
journal's passphrase (the default; typed once and checked against the journal, so a typing
mistake cannot seal the backup with something else) or a separate backup password, typed twice
and held to the rule for passwords that leave the vault
(:func:`moodmirror.passwords.check_new_password`). The backup is written in a worker.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from moodmirror.backup.archive import BACKUP_SUFFIX, BackupResult, write_backup
from moodmirror.errors import MoodMirrorError, PassphraseError
from moodmirror.passwords import check_new_password
from moodmirror.ui import save_as
from moodmirror.ui.widgets.common import Page
from moodmirror.ui.worker import run_in_background

NOT_THE_PASSPHRASE = "That is not your journal passphrase; nothing was written."


def backup_name(today: date) -> str:
    """A backup's default file name: ``moodmirror-backup-YYYY-MM-DD.mmbackup``."""
    return f"moodmirror-backup-{today.isoformat()}{BACKUP_SUFFIX}"


def saved_line(result: BackupResult, separate: bool) -> str:
    """What the status line says once the backup is written."""
    noun = "check-in" if result.checkins == 1 else "check-ins"
    opens = "its own backup password" if separate else "your journal passphrase"
    line = f"Saved backup to {result.path} ({result.checkins} {noun} and your settings). It opens with {opens}."
    if result.skipped_damaged:
        line += f" {result.skipped_damaged} damaged check-in(s) could not be read and are not in it."
    return line


class BackupScreen(Page):
    """Where to save the backup and what protects it; writes it in a worker."""

    separate = BooleanProperty(False)
    working = BooleanProperty(False)
    status = StringProperty("")
    error = StringProperty("")

    def prepare(self) -> None:
        self.ids.path.text = str(save_as.default_path(backup_name(date.today())))
        self.ids.password.text = self.ids.again.text = ""
        self.separate = False
        self.status = self.error = ""

    def save(self) -> None:
        if self.working:
            return
        password, again = self.ids.password.text, self.ids.again.text
        try:
            self._check(password, again)
            path = save_as.check_target(self.ids.path.text, App.get_running_app().data_dir, "backup")
        except MoodMirrorError as error:
            self.error = str(error)
            return
        self.error = self.status = ""
        save_as.confirm_replace(path, lambda: self._start(path, password), self._kept)

    def choose_folder(self) -> None:
        """Open the folder browser; choosing puts the folder in front of the file name."""
        save_as.choose_folder(self.ids.path.text, backup_name(date.today()), self._use_path)

    def _check(self, password: str, again: str) -> None:
        if not self.separate:
            if not password:
                raise PassphraseError("Type your journal passphrase: the backup is sealed with it.")
            return
        check_new_password(password, "backup")
        if password != again:
            raise PassphraseError("The two backup passwords are not the same.")

    def _use_path(self, path: Path) -> None:
        self.ids.path.text = str(path)
        self.error = self.status = ""

    def _kept(self) -> None:
        self._say("Nothing was saved; the existing file was left as it was.")

    def _start(self, path: Path, password: str) -> None:
        app = App.get_running_app()
        vault, separate = app.vault, self.separate

        def work() -> BackupResult:
            if not separate:
                vault.check_passphrase(password, NOT_THE_PASSPHRASE)
            return write_backup(vault, path, password, uses_vault_passphrase=not separate, **app.vault_options)

        self.error, self.status, self.working = "", "Writing the backup…", True
        run_in_background(work, lambda result: self._done(result, separate), self._failed, app.busy)

    def _done(self, result: BackupResult, separate: bool) -> None:
        self.working = False
        self.ids.password.text = self.ids.again.text = ""
        self._say(saved_line(result, separate))

    def _say(self, status: str) -> None:
        """Show ``status`` and scroll it into view (below the fields, at 800x600 it may be out of sight)."""
        self.status = status
        Clock.schedule_once(lambda _dt: self.ids.scroll.scroll_to(self.ids.status))  # once it has its height

    def _failed(self, error: BaseException) -> None:
        self.working = False
        self.status = ""
        self.error = str(error)
