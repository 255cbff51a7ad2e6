"""Reusable widgets: buttons and fields with keyboard focus, dialogs, the preview, bars and ring.

:func:`register` tells Kivy's Factory where each widget lives, so .kv rules can use them and
a widget's module (with its own .kv) is imported only when first used.
"""

from __future__ import annotations

_WIDGETS: dict[str, str] = {
    "BusySpinner": "spinner",
    "CameraPreview": "preview",
    "CountdownRing": "ring",
    "MoodScale": "mood",
    "ProbabilityBars": "bars",
    "ReminderRow": "reminder",
}


def register() -> None:
    """Register the widgets with Kivy's Factory by module, for lazy loading."""
    from kivy.factory import Factory

    for name, module in _WIDGETS.items():
        Factory.register(name, module=f"{__name__}.{module}")
