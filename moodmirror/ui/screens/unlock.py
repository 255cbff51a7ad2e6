"""Unlock: the passphrase opens the journal; key derivation runs off the UI thread."""

from __future__ import annotations

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from moodmirror.errors import WrongPassphrase
from moodmirror.storage.vault import Vault
from moodmirror.ui.widgets.common import Page
from moodmirror.ui.widgets.dialogs import Dialog
from moodmirror.ui.worker import run_in_background

WRONG_MESSAGE = "That passphrase does not open this journal. Check Caps Lock and try again."


class UnlockScreen(Page):
    """Asks for the passphrase and shows a spinner while the key is derived."""

    error = StringProperty("")
    notice = StringProperty("")
    working = BooleanProperty(False)

    def prepare(self, notice: str = "") -> None:
        self.notice = notice  # e.g. what a restore brought back
        self.error = ""
        self.ids.passphrase.text = ""
        self.ids.passphrase.focus = True

    def unlock(self) -> None:
        passphrase = self.ids.passphrase.text
        if self.working or not passphrase:
            return
        self.working = True
        self.error = self.notice = ""
        app = App.get_running_app()
        run_in_background(lambda: app.open_vault(passphrase), self._opened, self._failed, app.busy)
        Clock.schedule_once(lambda _dt: app.navigator.screen("home"))  # build it while the key is derived

    def forgot(self) -> None:
        Dialog.ask(
            "Forgot your passphrase?",
            "Nobody can open the journal without it, and there is no reset. If you cannot remember it, "
            "you can erase the journal and start again. Everything in it will be lost.",
            confirm_text="Erase and start again",
            cancel_text="Keep trying",
            danger=True,
            fields=[("Type ERASE to confirm", False)],
            require_text="ERASE",
            on_confirm=lambda _dialog: App.get_running_app().erase_everything(),
        )

    def _opened(self, opened: tuple[Vault, str]) -> None:
        vault, notice = opened
        self.working = False
        self.ids.passphrase.text = ""
        app = App.get_running_app()
        app.unlocked(vault)
        if notice:
            Dialog.tell("Automatic backup", notice)

    def _failed(self, error: BaseException) -> None:
        self.working = False
        self.error = WRONG_MESSAGE if isinstance(error, WrongPassphrase) else str(error)
        self.ids.passphrase.select_all()
        self.ids.passphrase.focus = True
