"""The MoodMirror Kivy app: a small App class holding state, and :func:`run`.

The App only holds state (the open vault, its settings, the theme) as Kivy properties and
moves between screens; .kv rules read the settings from ``app.state``
(:mod:`moodmirror.ui.state`), which follows every change. Journal logic lives in the core
(``moodmirror.journal`` for the journal's rules, ``moodmirror.storage``, ``moodmirror.vision``,
``moodmirror.insights``), which the CLI uses too. Screens are loaded
on first use by :class:`~moodmirror.ui.navigation.Navigator`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kivy.app import App
from kivy.core.window import Window
from kivy.properties import ObjectProperty, StringProperty

from moodmirror import journal
from moodmirror.records import Settings
from moodmirror.storage.appearance import read_appearance
from moodmirror.storage.vault import Vault
from moodmirror.ui import widgets
from moodmirror.ui.autolock import AutoLock
from moodmirror.ui.focus import SHORTCUTS, FocusKeys, open_dialogs
from moodmirror.ui.kv import load_kv
from moodmirror.ui.navigation import Navigator
from moodmirror.ui.state import SettingsState
from moodmirror.ui.theme import UiTheme
from moodmirror.ui.widgets import common
from moodmirror.ui.widgets.dialogs import Dialog
from moodmirror.ui.worker import Busy, run_in_background, wait_for_workers

if TYPE_CHECKING:
    from moodmirror.vision.sources import FrameSource

SOURCE_ENV = "MOODMIRROR_SOURCE"
"""A frame source spec that overrides the camera chosen in Settings (e.g. ``video:PATH`` or ``demo``)."""
ERASED_NOTICE = "Your journal and everything MoodMirror kept on this computer were deleted."
"""What Welcome says after "Delete all data" (or "Erase and start again")."""
QUIT_WAIT_S = 5.0
"""How long quitting waits for a camera session and for background jobs (a chart, a report) to stop."""


class MoodMirrorApp(App):
    """Holds the open journal and its settings; screens do the rest.

    ``vault_options`` are the keyword arguments (``kdf``, the key-derivation cost) for what the
    app seals with a passphrase: a new journal, a backup, a restored journal. Tests pass a cheap one.
    """

    title = "MoodMirror"
    theme = ObjectProperty(None)
    busy = ObjectProperty(None)
    vault = ObjectProperty(None, allownone=True)
    settings = ObjectProperty(None)
    source_override = StringProperty("")

    def __init__(
        self, data_dir: Path, source_spec: str | None = None, vault_options: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.data_dir = data_dir
        self.source_override = source_spec or os.environ.get(SOURCE_ENV, "")
        self.vault_options = vault_options or {}
        self.theme = UiTheme()
        self.busy = Busy()
        self.settings = Settings()
        self.state = SettingsState()
        self.navigator = Navigator()
        self.autolock = AutoLock(self.lock)
        self.focus_keys: FocusKeys | None = None

    def build(self) -> Navigator:
        widgets.register()
        load_kv(common.__file__)
        appearance = read_appearance(self.data_dir)  # the vault is locked: the plaintext copy styles the start
        self.theme.name = appearance.theme
        self.theme.text_scale = appearance.text_scale
        Window.clearcolor = self.theme.background
        self.theme.bind(background=lambda _t, color: setattr(Window, "clearcolor", color))
        self.focus_keys = FocusKeys(self.navigator)
        self.navigator.show("unlock" if Vault.exists(self.data_dir) else "welcome")
        return self.navigator

    def frame_source(self) -> str | FrameSource:
        """What camera check-ins read from: the source chosen in Settings unless ``MOODMIRROR_SOURCE``
        (or ``source_spec``) overrides it; a spec, or an open source (tests)."""
        return self.source_override or self.settings.camera_source

    def create_vault(self, passphrase: str) -> Vault:
        """Make a new journal (slow: key derivation; call it from a worker thread)."""
        return Vault.create(self.data_dir, passphrase, **self.vault_options)

    def open_vault(self, passphrase: str) -> tuple[Vault, str]:
        """Open the journal, apply data retention and make an automatic backup if one is due.

        Slow (key derivation): call it from a worker. Returns the vault and a message for the
        user when the automatic backup could not be made (the journal opens all the same).
        """
        opened = journal.unlock(self.data_dir, passphrase)
        return opened.vault, opened.backup_problem

    def unlocked(self, vault: Vault, settings: Settings | None = None) -> None:
        """Start using an open vault; ``settings`` replaces the stored ones (first run)."""
        self.vault = vault
        if settings is not None:
            journal.save_settings(vault, settings)
        loaded = vault.load_settings()
        journal.keep_appearance(self.data_dir, loaded)  # e.g. a journal restored from a backup
        self.apply_settings(loaded)
        self.navigator.show("home")

    def apply_settings(self, settings: Settings) -> None:
        """Make ``settings`` current: theme, text size and auto-lock follow at once."""
        self._restyle(settings)
        self.autolock.start(settings.autolock_minutes * 60)

    def save_settings(self, settings: Settings) -> None:
        if self.vault is not None:
            journal.save_settings(self.vault, settings)
        self.apply_settings(settings)

    def lock(self) -> None:
        """Close the vault (its key goes with it) and ask for the passphrase again."""
        self.autolock.stop()
        self.navigator.show("unlock")  # leaving a screen stops its camera session first
        self._close_vault()

    def forget(self) -> None:
        """After "Delete all data": back to the first-run welcome, as on a new install."""
        self.autolock.stop()
        self._close_vault()
        self._restyle(Settings())
        self.navigator.show("welcome", notice=ERASED_NOTICE)

    def erase_everything(self) -> None:
        """Delete the journal and every file the app made (after a typed confirmation)."""
        self.autolock.stop()
        self.navigator.release_all()
        self._close_vault()
        settings = self.settings
        run_in_background(
            lambda: journal.delete_all_data(self.data_dir, settings), self._wiped, self.show_error, self.busy
        )

    def _wiped(self, deleted: journal.Deleted) -> None:
        """Back to the first run, and say plainly what could not be deleted or was kept."""
        self.forget()
        lines = [f"Could not delete {path}: {reason}." for path, reason in deleted.wiped.failed]
        if deleted.wiped.kept:
            lines.append(f"{self.data_dir} was kept: it holds files MoodMirror did not create.")
        if lines:
            Dialog.tell("Not everything was deleted", " ".join(lines))

    def open_settings(self, *_: object) -> bool:
        """Kivy's App calls this on F1: MoodMirror lists its keyboard shortcuts there."""
        if not open_dialogs():
            Dialog.tell("Keyboard shortcuts", SHORTCUTS)
        return True

    def show_error(self, error: BaseException) -> None:
        """Tell the user what went wrong, in the error's own one-line message."""
        Dialog.tell("Something went wrong", str(error))

    def on_stop(self) -> None:
        self.autolock.stop()
        self.navigator.release_all(wait_s=QUIT_WAIT_S)
        wait_for_workers(QUIT_WAIT_S)  # a chart or a report being made finishes before the journal closes
        self._close_vault()

    def _restyle(self, settings: Settings) -> None:
        self.settings = settings
        self.state.update(settings)
        self.theme.name = settings.theme
        self.theme.text_scale = settings.text_scale

    def _close_vault(self) -> None:
        if self.vault is not None:
            self.vault.close()
            self.vault = None


def run(data_dir: Path) -> int:
    """Start the app on the journal in ``data_dir``; returns the exit code."""
    MoodMirrorApp(data_dir=data_dir).run()
    return 0
