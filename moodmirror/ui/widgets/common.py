"""Buttons, choices and text fields that look alike in both themes and work from the keyboard.

Every control takes part in Tab / Shift+Tab focus order (Kivy's ``FocusBehavior``); a focused
button or choice is pressed with Enter or Space, a focused level moves with the arrow keys.
Their look lives in ``common.kv``.
"""

from __future__ import annotations

from kivy.properties import (
    BooleanProperty,
    NumericProperty,
    OptionProperty,
)
from kivy.uix.behaviors import ButtonBehavior, FocusBehavior, ToggleButtonBehavior
from kivy.uix.label import Label
from kivy.uix.screenmanager import Screen
from kivy.uix.slider import Slider
from kivy.uix.textinput import TextInput

_PRESS_KEYS = frozenset({"enter", "numpadenter", "spacebar"})
_LEVEL_STEPS = {"left": -5, "down": -5, "right": 5, "up": 5}


class KeyPress:
    """Mixin: Enter or Space on a focused control presses it."""

    def keyboard_on_key_down(self, window: object, keycode: tuple[int, str], text: str, modifiers: list[str]) -> bool:
        if keycode[1] in _PRESS_KEYS and not getattr(self, "disabled", False):
            self.trigger_action(duration=0)  # type: ignore[attr-defined]
            return True
        return super().keyboard_on_key_down(window, keycode, text, modifiers)  # type: ignore[misc]


class FocusButton(KeyPress, ButtonBehavior, FocusBehavior, Label):
    """A rounded button; ``kind`` picks its colours (primary, secondary, danger or quiet)."""

    kind = OptionProperty("primary", options=["primary", "secondary", "danger", "quiet"])


class Toggle(KeyPress, ToggleButtonBehavior, FocusBehavior, Label):
    """What choices and check items share: size, focus ring and the keyboard. Each look has its
    own rule in ``common.kv``, so the colours of one never compete with the other's."""


class Choice(Toggle):
    """One option of a group (``group``); the chosen one is ``state == "down"``."""

    allow_no_selection = BooleanProperty(False)


class CheckItem(Toggle):
    """An on/off item in a list (a box that is ticked when ``state == "down"``)."""

    allow_no_selection = BooleanProperty(True)


class Level(FocusBehavior, Slider):
    """A 0-100 slider (e.g. how strong a feeling is); a focused one moves by 5 with the arrow
    keys and to either end with Home and End."""

    value: float  # Slider's property, annotated for the type checker

    def keyboard_on_key_down(self, window: object, keycode: tuple[int, str], text: str, modifiers: list[str]) -> bool:
        key = keycode[1]
        if self.disabled or (key not in _LEVEL_STEPS and key not in ("home", "end")):
            return bool(super().keyboard_on_key_down(window, keycode, text, modifiers))
        if key == "home":
            self.value = self.min
        elif key == "end":
            self.value = self.max
        else:
            self.value = min(self.max, max(self.min, round(self.value + _LEVEL_STEPS[key])))
        return True


class Field(TextInput):
    """A single-line text field (set ``multiline`` and ``min_height`` for notes); Tab moves focus on."""

    min_height = NumericProperty(0)

    def keyboard_on_key_down(self, window: object, keycode: tuple[int, str], text: str, modifiers: list[str]) -> bool:
        if keycode[0] == 27:
            self.focus = False
            return False  # Escape also reaches the window, so it closes an open dialog
        return bool(super().keyboard_on_key_down(window, keycode, text, modifiers))


class Page(Screen):
    """A full-window screen painted in the theme's background colour."""
