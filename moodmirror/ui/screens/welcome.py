"""First run, step 1: what the app does and does not do with the camera, and the opt-in (or a restore from a backup)."""

from __future__ import annotations

from kivy.app import App
from kivy.properties import StringProperty

from moodmirror.ui.widgets.common import Page


class WelcomeScreen(Page):
    """Explains privacy in plain words; the camera stays off unless the user opts in."""

    notice = StringProperty("")

    def prepare(self, notice: str = "") -> None:
        self.notice = notice  # e.g. that all data was deleted
        self.ids.camera_no.state = "down"
        self.ids.camera_yes.state = "normal"
        self.ids.scroll.scroll_y = 1

    def next(self) -> None:
        camera = self.ids.camera_yes.state == "down"
        App.get_running_app().navigator.show("create", camera_enabled=camera)
