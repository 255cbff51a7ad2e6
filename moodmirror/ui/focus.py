"""Keyboard focus, one mechanism for every screen and dialog.

- Each screen names its first focus (``Page.first_focus``, an id); that widget takes the focus
  as the screen comes in, and whatever had the focus on a screen lets go as it leaves.
- A dialog remembers what had the focus when it opened and gives it back when it closes (or
  gives it to the screen's first focus when that widget is gone, e.g. after moving on).
- A control that takes the focus is scrolled into view (:func:`scroll_into_view`).
- :class:`FocusKeys` handles the keys no focused widget took: Tab or Shift+Tab with nothing
  focused focuses the first focus of the top dialog or the screen; Escape with no dialog open
  goes back one step (the screen's ``go_back``, which asks first when work would be lost).
- F1 lists the keyboard shortcuts (:data:`SHORTCUTS`; Kivy's App gives F1 to ``open_settings``).
"""

from __future__ import annotations

from typing import Any

from kivy.core.window import Window
from kivy.metrics import dp
from kivy.uix.behaviors import FocusBehavior
from kivy.uix.modalview import ModalView
from kivy.uix.screenmanager import ScreenManager
from kivy.uix.scrollview import ScrollView
from kivy.uix.widget import Widget

TAB, ESCAPE = 9, 27
SHORTCUTS = (
    "[b]Tab[/b] / [b]Shift+Tab[/b]: the next / previous control (the focused one has a ring)\n"
    "[b]Enter[/b] or [b]Space[/b]: press the focused button; Enter in a field moves on or confirms\n"
    "[b]Escape[/b]: close a dialog, or go back one step (asking first if something is not saved)\n"
    "[b]Mood scale[/b]: the arrow keys, Home and End, the digits 1-9, and 0 for 10\n"
    "[b]F1[/b]: this list"
)


def focused() -> FocusBehavior | None:
    """The widget that has the keyboard focus, or ``None``."""
    return next((w for w in FocusBehavior._keyboards.values() if w is not None and w.focus), None)


def inside(widget: Widget, root: Widget) -> bool:
    """Whether ``widget`` is ``root`` or lies somewhere within it."""
    current: Any = widget
    while isinstance(current, Widget):
        if current is root:
            return True
        current = current.parent
    return False


def can_focus(widget: Widget | None) -> bool:
    """Whether ``widget`` can take the focus now (a screen fading in is not in the window yet,
    so being on show is for the caller to check)."""
    return isinstance(widget, FocusBehavior) and widget.is_focusable and not widget.disabled


def open_dialogs() -> list[ModalView]:
    """The dialogs open on top of the screens, the topmost first."""
    return [w for w in Window.children if isinstance(w, ModalView)]


def scroll_into_view(widget: Widget) -> None:
    """Scroll the nearest scrolling view around ``widget`` so that it can be seen (Tab may have
    moved the focus below the fold). A view whose content fits is left alone: Kivy's ``scroll_to``
    would move it to the bottom, where content that arrives later (a screen filled by a worker)
    would then open."""
    current: Any = widget.parent
    while isinstance(current, Widget) and not isinstance(current, ScrollView):
        current = current.parent
    if (
        isinstance(current, ScrollView)
        and current.height
        and current.children
        and current.children[0].height > current.height
    ):
        current.scroll_to(widget, padding=dp(24), animate=False)


def release_focus_in(root: Widget) -> None:
    """Take the focus away from ``root`` (a screen that is leaving), if something in it has it."""
    widget = focused()
    if widget is not None and inside(widget, root):
        widget.focus = False


def restore_focus(widget: Widget | None, navigator: ScreenManager, closing: ModalView) -> None:
    """After the dialog ``closing`` (still fading out): give the focus back to ``widget`` when it is
    still on show (on the current screen or in another open dialog), else to the first focus of
    the top dialog or the current screen."""
    dialogs = [dialog for dialog in open_dialogs() if dialog is not closing]
    roots: list[Widget] = [*dialogs, navigator.current_screen]
    if widget is not None and can_focus(widget) and any(inside(widget, root) for root in roots):
        widget.focus = True
        return
    top: Any = dialogs[0] if dialogs else navigator.current_screen
    top.focus_first()


class FocusKeys:
    """Tab from nowhere and Escape as Back, for the keys no focused widget handled."""

    def __init__(self, navigator: ScreenManager) -> None:
        self._navigator = navigator
        Window.bind(on_keyboard=self._on_keyboard)

    def _on_keyboard(self, _window: object, key: int, *_: object) -> bool:
        if key == TAB and focused() is None:
            dialogs = open_dialogs()
            top: Any = dialogs[0] if dialogs else self._navigator.current_screen
            top.focus_first()
            return True
        if key == ESCAPE and not open_dialogs():
            self._navigator.current_screen.go_back()
            return True
        return False
