"""Keyboard focus: which widget has it."""

from __future__ import annotations

from kivy.uix.behaviors import FocusBehavior


def focused() -> FocusBehavior | None:
    """The widget that has the keyboard focus, or ``None``."""
    return next((w for w in FocusBehavior._keyboards.values() if w is not None and w.focus), None)
