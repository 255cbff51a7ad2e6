"""The screen manager: screens and their .kv rules are loaded the first time they are shown.

Each screen lives in ``moodmirror/ui/screens/<name>.py`` with ``<name>.kv`` beside it.
:meth:`Navigator.show` imports the module, loads its rules once, adds the screen and calls
its ``prepare(**kwargs)`` before switching, so a screen always shows fresh data.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from kivy.uix.screenmanager import FadeTransition, Screen, ScreenManager

from moodmirror.ui.kv import load_kv

SCREENS: dict[str, str] = {
    "welcome": "WelcomeScreen",
    "create": "CreateScreen",
    "unlock": "UnlockScreen",
    "home": "HomeScreen",
    "checkin": "CheckInScreen",
    "reflect": "ReflectScreen",
    "thought": "ThoughtScreen",
    "history": "HistoryScreen",
    "entry": "EntryScreen",
    "settings": "SettingsScreen",
    "export": "ExportScreen",
    "crisis": "CrisisScreen",
    "year": "YearScreen",
    "insights": "InsightsScreen",
    "search": "SearchScreen",
    "calendar": "CalendarScreen",
    "importing": "ImportScreen",
    "backup": "BackupScreen",
    "restore": "RestoreScreen",
}

_PACKAGE = "moodmirror.ui.screens"


class Navigator(ScreenManager):
    """Shows screens by name, creating each on first use."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("transition", FadeTransition(duration=0.12))
        super().__init__(**kwargs)

    def screen(self, name: str) -> Screen:
        """The screen called ``name``, created (and its rules loaded) if it is new."""
        if not self.has_screen(name):
            module = import_module(f"{_PACKAGE}.{name}")
            load_kv(module.__file__ or "")
            self.add_widget(getattr(module, SCREENS[name])(name=name))
        return self.get_screen(name)

    def show(self, name: str, **kwargs: Any) -> Screen:
        """Prepare the screen with ``kwargs`` and switch to it."""
        screen = self.screen(name)
        prepare = getattr(screen, "prepare", None)
        if prepare is not None:
            prepare(**kwargs)
        self.current = name
        return screen

    def release_all(self, wait_s: float = 0.0) -> None:
        """Let every screen let go of what it holds (a running camera session) before exit,
        waiting up to ``wait_s`` for it to stop (when quitting)."""
        for screen in self.screens:
            release = getattr(screen, "release", None)
            if release is not None:
                release(wait_s)
