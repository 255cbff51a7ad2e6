"""The settings' daily reminder: a time field, "Remind me daily" / "Turn off", and what happened.

Switching the reminder on or off runs ``systemctl`` (:mod:`moodmirror.reminders`), so it runs
in a worker thread; the outcome comes back as one line under the field.
"""

from __future__ import annotations

from pathlib import Path

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from moodmirror.reminders import reminder_time, remove_reminder, set_reminder
from moodmirror.ui.kv import load_kv
from moodmirror.ui.worker import run_in_background

load_kv(__file__)


def _switch_off(data_dir: Path) -> str:
    return "The daily reminder is off." if remove_reminder(data_dir) else "No daily reminder."


class ReminderRow(BoxLayout):
    """Switch the daily check-in reminder on at a time, or off."""

    active = BooleanProperty(False)
    status = StringProperty("")
    working = BooleanProperty(False)

    def refresh(self) -> None:
        """Show the reminder that is set for this journal, if any."""
        when = reminder_time(self._data_dir())
        self.active = when is not None
        self.ids.time.text = when or ""
        self.status = f"A gentle reminder comes every day at {when}." if when else "No daily reminder."

    def toggle(self) -> None:
        if self.working:
            return
        data_dir, at, active = self._data_dir(), self.ids.time.text, self.active
        self.working = True
        work = (lambda: _switch_off(data_dir)) if active else (lambda: set_reminder(at, data_dir))
        run_in_background(work, self._done, self._failed, App.get_running_app().busy)

    def _data_dir(self) -> Path:
        return Path(App.get_running_app().data_dir)

    def _done(self, message: str) -> None:
        self.working = False
        self.refresh()
        self.status = message

    def _failed(self, error: BaseException) -> None:
        self.working = False
        self.status = str(error)
