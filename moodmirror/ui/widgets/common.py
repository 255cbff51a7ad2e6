"""Buttons, choices and text fields that look alike in both themes and work from the keyboard.

Every control takes part in Tab / Shift+Tab focus order (Kivy's ``FocusBehavior``); a focused
button or choice is pressed with Enter or Space, a focused level moves with the arrow keys.
Screens (:class:`Page`) name their first focus and where Back goes (:mod:`moodmirror.ui.focus`).
Their look lives in ``common.kv``.
"""

from __future__ import annotations

from kivy.app import App
from kivy.properties import (
    BooleanProperty,
    NumericProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior, FocusBehavior, ToggleButtonBehavior
from kivy.uix.label import Label
from kivy.uix.screenmanager import Screen
from kivy.uix.slider import Slider
from kivy.uix.textinput import TextInput

from moodmirror.ui.focus import (
    can_focus,
    focused,
    inside,
    release_focus_in,
    scroll_into_view,
)

_PRESS_KEYS = frozenset({"enter", "numpadenter", "spacebar"})
_STEPS = {"left": -1, "down": -1, "right": 1, "up": 1}


class KeepsFocus:
    """Mixin for every focusable control: a control that takes the focus is scrolled into view,
    and releasing Escape leaves the focus where it is (Kivy would drop it). Escape is the
    window's key: it closes a dialog or goes back, and the focus lands where that puts it."""

    def on_focus(self, _instance: object, focus: bool) -> None:
        if focus:
            scroll_into_view(self)  # type: ignore[arg-type]

    def keyboard_on_key_up(self, window: object, keycode: tuple[int, str]) -> bool:
        if keycode[1] == "escape":
            return False
        return bool(super().keyboard_on_key_up(window, keycode))  # type: ignore[misc]


class KeyPress(KeepsFocus):
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


class StepKeys(KeepsFocus):
    """Mixin for a focusable control with ``value``, ``min`` and ``max``: the arrow keys move the
    value by ``key_step``, Home and End to either end."""

    key_step = NumericProperty(5)

    def keyboard_on_key_down(self, window: object, keycode: tuple[int, str], text: str, modifiers: list[str]) -> bool:
        key = keycode[1]
        low, high = self.min, self.max  # type: ignore[attr-defined]
        if getattr(self, "disabled", False) or (key not in _STEPS and key not in ("home", "end")):
            return bool(super().keyboard_on_key_down(window, keycode, text, modifiers))  # type: ignore[misc]
        if key == "home":
            self.value = low
        elif key == "end":
            self.value = high
        else:
            self.value = min(high, max(low, round(self.value + _STEPS[key] * self.key_step)))  # type: ignore[has-type]
        return True


class Level(StepKeys, FocusBehavior, Slider):
    """A 0-100 slider (e.g. how strong a feeling is); a focused one moves by 5 with the arrow
    keys and to either end with Home and End."""

    value: float  # Slider's property, annotated for the type checker


class Field(KeepsFocus, TextInput):
    """A single-line text field (set ``multiline`` and ``min_height`` for notes); Tab moves focus on."""

    min_height = NumericProperty(0)

    def keyboard_on_key_down(self, window: object, keycode: tuple[int, str], text: str, modifiers: list[str]) -> bool:
        if keycode[0] == 27:
            return False  # Escape reaches the window: it closes an open dialog or goes back
        return bool(super().keyboard_on_key_down(window, keycode, text, modifiers))


class Page(Screen):
    """A full-window screen on the theme's background colour.

    The window's clear colour is the background (the app keeps it in step with the theme), so a
    page paints no background of its own: under software rendering every full-window layer costs
    about as much as the rest of the frame.

    ``first_focus`` names (by id) the control that takes the keyboard focus as the screen comes
    in; ``back_to`` is where Back and Escape go (nowhere when empty). Screens whose work would
    be lost ask first (:class:`~moodmirror.ui.widgets.dialogs.AsksBeforeLeaving`).
    """

    first_focus = StringProperty("")
    back_to = StringProperty("")

    def on_pre_enter(self, *_: object) -> None:
        widget = focused()
        if widget is None or not inside(widget, self):
            self.focus_first()

    def on_pre_leave(self, *_: object) -> None:
        release_focus_in(self)

    def focus_first(self) -> None:
        """Put the focus on the first control in the widget called ``first_focus`` that can take it."""
        named = self.ids.get(self.first_focus)
        widget = next((w for w in named.walk(restrict=True) if can_focus(w)), None) if named else None
        if widget is not None:
            widget.focus = True

    def go_back(self) -> None:
        """One step back: to ``back_to``, if the screen has one."""
        if self.back_to:
            App.get_running_app().navigator.show(self.back_to)
