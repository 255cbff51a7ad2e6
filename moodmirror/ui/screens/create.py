"""First run, step 2: choose the passphrase (twice), with a strength hint and a plain warning."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from moodmirror.records import Settings
from moodmirror.storage.vault import Vault
from moodmirror.ui.strength import strength, take_new_passphrase
from moodmirror.ui.widgets.common import Page
from moodmirror.ui.worker import run_in_background


class CreateScreen(Page):
    """Creates the encrypted journal; key derivation runs in a worker with a spinner."""

    camera_enabled = BooleanProperty(False)
    strength_label = StringProperty("")
    strength_advice = StringProperty("")
    strength_level = NumericProperty(0)
    error = StringProperty("")
    working = BooleanProperty(False)

    def prepare(self, camera_enabled: bool = False) -> None:
        self.camera_enabled = camera_enabled
        self.ids.first.text = ""
        self.ids.second.text = ""
        self.error = ""
        self.update_strength("")
        self.ids.first.focus = True

    def update_strength(self, text: str) -> None:
        hint = strength(text)
        self.strength_level = hint.level
        self.strength_label = hint.label if text else ""
        self.strength_advice = hint.advice

    def create(self) -> None:
        if self.working:
            return
        first = take_new_passphrase(self)
        if first is None:
            return
        self.error = ""
        self.working = True
        app = App.get_running_app()
        settings = Settings(camera_enabled=self.camera_enabled)
        run_in_background(
            lambda: app.create_vault(first), lambda vault: self._created(vault, settings), self._failed, app.busy
        )

    def _created(self, vault: Vault, settings: Settings) -> None:
        self.working = False
        self.ids.first.text = self.ids.second.text = ""
        App.get_running_app().unlocked(vault, settings)

    def _failed(self, error: BaseException) -> None:
        self.working = False
        self.error = str(error)
