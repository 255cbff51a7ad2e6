"""Settings: camera, camera source (with "Test camera"), check-in length, confidence, week start,
auto-lock, retention, theme, text size, automatic backups (and a backup now, on the Backup screen),
the daily reminder, change passphrase, and "Delete all data" behind a typed confirmation.

Each choice is saved in the vault (encrypted) the moment it is made and takes effect at once.
While the camera is on, the cameras are looked for off the UI thread each time the screen
opens or the camera is switched on (:func:`moodmirror.vision.sources.find_cameras` opens each
for a moment); with the camera off none is opened, as Welcome promises. The demo face is always
offered.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from moodmirror.insights.crisis_resources import crisis_regions
from moodmirror.journal import change_passphrase
from moodmirror.ui.theme import TEXT_SCALES
from moodmirror.ui.widgets.camera_test import CameraTest
from moodmirror.ui.widgets.common import Choice, Page
from moodmirror.ui.widgets.dialogs import Dialog
from moodmirror.ui.worker import LatestOnly, run_in_background
from moodmirror.vision.sources import camera_choices, find_cameras

ERASE_WORD = "DELETE"
SOURCE_FIELD = "camera_source"
LOOKING = "Looking for cameras…"
NO_CAMERA = "No camera found. The demo face lets you try a check-in without one."
CAMERA_OFF = "The camera is off, so no camera is looked for. Turn it on to choose one."

ChoiceRow = tuple[str, str, str, list[tuple[str, Any]]]  # (Settings field, title, explanation, [(label, value)])
MAX_PER_LINE = 4

CHOICES: tuple[ChoiceRow, ...] = (
    ("camera_enabled", "Camera", "Check-ins can use the camera to estimate emotions. Nothing is recorded.",
     [("On", True), ("Off", False)]),
    ("checkin_seconds", "Check-in length", "How long the camera looks during a check-in.",
     [("10 s", 10), ("15 s", 15), ("30 s", 30), ("60 s", 60)]),
    ("confidence_threshold", "Confidence needed", "Frames where the estimate is less sure than this are left out (55% keeps about nine in ten).",
     [("40%", 0.4), ("50%", 0.5), ("55%", 0.55), ("60%", 0.6), ("70%", 0.7)]),
    ("week_start", "Week starts on", "", [("Monday", "monday"), ("Sunday", "sunday")]),
    ("autolock_minutes", "Lock after idle", "The journal locks itself when you step away.",
     [("1 min", 1), ("5 min", 5), ("15 min", 15), ("30 min", 30)]),
    ("retention_days", "Keep check-ins", "Older check-ins are deleted when you unlock.",
     [("Forever", None), ("90 days", 90), ("1 year", 365), ("2 years", 730)]),
    ("auto_backup_days", "Automatic backup", ("An encrypted copy of the journal, sealed with your passphrase, "
                                              "made when you unlock. Choose the folder below (e.g. an external drive)."),
     [("Off", None), ("Every week", 7), ("Every month", 30)]),
    ("theme", "Theme", "", [("Light", "light"), ("Dark", "dark")]),
    ("text_scale", "Text size", "", [(label, scale) for label, scale in zip(("Normal", "Large", "Larger"), TEXT_SCALES)]),
)  # fmt: skip


class SettingRow(BoxLayout):
    """A titled row of choices for one setting."""

    title = StringProperty("")
    explanation = StringProperty("")


class CameraSourceRow(SettingRow):
    """The camera source row: its choices come from looking for cameras; a note and "Test camera"."""

    note = StringProperty("")
    test = ObjectProperty(None)  # what "Test camera" calls


class SettingsScreen(Page):
    """Builds one row per setting on first use and keeps them in step with the settings."""

    status = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._choices: dict[str, list[tuple[Choice, Any]]] = {}
        self.camera_row = CameraSourceRow(
            title="Camera source", explanation="Which camera check-ins use.", test=self.test_camera
        )
        self._cameras = LatestOnly()
        self._test: tuple[Dialog, CameraTest] | None = None

    def prepare(self) -> None:
        if not self._choices:
            self._build()
        self._show_settings()
        self.status = ""
        self._look_for_cameras()

    def release(self, wait_s: float = 0.0) -> None:
        """Close the camera test, letting go of the camera (leaving the screen, locking, quitting)."""
        test = self._test
        self._end_test(wait_s)
        if test is not None:
            test[0].dismiss()

    def on_leave(self, *_: object) -> None:
        self.release()

    def test_camera(self) -> None:
        """Show the chosen source's live picture in a dialog; closing it lets go of the camera."""
        view = CameraTest()
        dialog = Dialog.tell(
            "Test camera",
            "What check-ins will see. The picture stays on this screen and is never saved.",
            on_close=self._end_test,
            content=view,
        )
        self._test = (dialog, view)
        view.start(App.get_running_app().frame_source())

    def _end_test(self, wait_s: float = 0.0) -> None:
        test, self._test = self._test, None
        if test is not None:
            test[1].release(wait_s)

    def _show_settings(self) -> None:
        settings = App.get_running_app().settings
        for field, options in self._choices.items():
            current = getattr(settings, field)
            for choice, value in options:
                choice.state = "down" if value == current else "normal"
        self.ids.backup_dir.text = settings.backup_dir or ""
        self.ids.reminder.refresh()

    def _look_for_cameras(self) -> None:
        """List the cameras found, looking only while the camera is on (looking opens each one)."""
        if not App.get_running_app().settings.camera_enabled:  # (through the worker: it outdates a look in flight)
            self._cameras.run(list, self._camera_off, self._found_cameras_failed)
            return
        self.camera_row.note = LOOKING
        self._cameras.run(find_cameras, self._found_cameras, self._found_cameras_failed)

    def _found_cameras(self, found: list[int]) -> None:
        app = App.get_running_app()
        note = "" if found else NO_CAMERA
        if app.source_override:
            note = f"{note} MOODMIRROR_SOURCE is set: check-ins use {app.source_override} instead.".strip()
        self.camera_row.note = note
        self._add_choices(self.camera_row, SOURCE_FIELD, camera_choices(found))
        self._show_settings()

    def _camera_off(self, _nothing: list[int]) -> None:
        self.camera_row.note = CAMERA_OFF
        self._add_choices(self.camera_row, SOURCE_FIELD, camera_choices([]))
        self._show_settings()

    def _found_cameras_failed(self, error: BaseException) -> None:
        self.camera_row.note = f"Cameras could not be looked for: {error}"
        self._add_choices(self.camera_row, SOURCE_FIELD, camera_choices([]))
        self._show_settings()

    def choose(self, field: str, value: Any) -> None:
        app = App.get_running_app()
        current = getattr(app.settings, field)
        if field == "retention_days" and value is not None and (current is None or value < current):
            label = next(choice.text for choice, option in self._choices[field] if option == value)
            Dialog.ask(
                "Delete older check-ins?",
                f"Check-ins older than {label} will be deleted for good the next time you unlock "
                "the journal. Keep a backup or export a report first if you may want them.",
                on_confirm=lambda _dialog: self._save(field, value),
                confirm_text=f"Keep only {label}",
                cancel_text="Keep them",
                danger=True,
                on_cancel=self._show_settings,  # the choice goes back to the setting as it is
            )
            return
        self._save(field, value)

    def _save(self, field: str, value: Any) -> None:
        app = App.get_running_app()
        app.save_settings(replace(app.settings, **{field: value}))
        self._show_settings()
        if field == "camera_enabled":
            self._look_for_cameras()

    def save_backup_folder(self) -> None:
        text = self.ids.backup_dir.text.strip()
        folder = Path(text).expanduser() if text else None
        if folder is not None and not folder.is_dir():
            self.status = f"There is no folder {folder}."
            return
        app = App.get_running_app()
        app.save_settings(replace(app.settings, backup_dir=str(folder) if folder else None))
        self._show_settings()
        self.status = f"Automatic backups go to {folder}." if folder else "No backup folder is set."

    def change_passphrase(self) -> None:
        Dialog.ask(
            "Change passphrase",
            "Your journal stays as it is; only the passphrase that opens it changes.",
            on_confirm=self._change,
            confirm_text="Change",
            fields=[("Current passphrase", True), ("New passphrase", True), ("New passphrase again", True)],
        )

    def confirm_erase(self) -> None:
        Dialog.ask(
            "Delete all data?",
            f"This erases your journal, every check-in and every setting, from this computer. "
            f"It cannot be undone. Type {ERASE_WORD} to confirm.",
            on_confirm=lambda _dialog: App.get_running_app().erase_everything(),
            confirm_text="Delete everything",
            danger=True,
            fields=[(f"Type {ERASE_WORD}", False)],
            require_text=ERASE_WORD,
        )

    def _change(self, dialog: Dialog) -> str | None:
        old, new, again = dialog.values()
        if new != again:
            return "The two new passphrases are not the same."
        app = App.get_running_app()
        vault = app.vault
        self.status = "Changing the passphrase…"
        run_in_background(lambda: change_passphrase(vault, old, new), self._changed, self._change_failed, app.busy)
        return None

    def _changed(self, _result: None) -> None:
        self.status = "Passphrase changed. Use the new one from now on."

    def _change_failed(self, error: BaseException) -> None:
        self.status = ""
        App.get_running_app().show_error(error)

    def _build(self) -> None:
        regions: ChoiceRow = (
            "crisis_region",
            "Support resources for",
            "Where the support screen points you if a check-in suggests you may need help.",
            [(name, code) for code, name in crisis_regions()],
        )
        for field, title, explanation, options in (*CHOICES, regions):
            row = SettingRow(title=title, explanation=explanation)
            self._add_choices(row, field, options)
            self.ids.rows.add_widget(row)
            if field == "camera_enabled":
                self.ids.rows.add_widget(self.camera_row)

    def _add_choices(self, row: SettingRow, field: str, options: list[tuple[str, Any]]) -> None:
        """Fill ``row`` with one choice per option (replacing what it showed)."""
        if [(c.text, v) for c, v in self._choices.get(field, [])] == options:
            return
        row.ids.choices.clear_widgets()
        row.ids.choices.cols = min(MAX_PER_LINE, len(options))
        made = []
        for label, value in options:
            choice = Choice(text=label, group=f"setting-{field}")
            choice.bind(on_release=lambda _c, f=field, v=value: self.choose(f, v))
            row.ids.choices.add_widget(choice)
            made.append((choice, value))
        self._choices[field] = made
