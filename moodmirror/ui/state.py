"""The journal's settings as Kivy properties, for .kv rules to bind to once.

A rule such as ``opacity: 1 if app.state.camera_enabled else 0`` follows every change of the
settings, including the ones loaded after unlock. A dataclass attribute cannot be bound:
``app.settings.camera_enabled`` in a rule keeps the value it had when the screen was built.
:class:`SettingsState` has one property per field of :class:`~moodmirror.records.Settings`,
made from the dataclass so the two never drift apart; the app calls :meth:`update`.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from kivy.event import EventDispatcher
from kivy.properties import ObjectProperty

from moodmirror.records import Settings


class _Base(EventDispatcher):
    def update(self, settings: Settings) -> None:
        """Make every property show ``settings``."""
        for name, value in asdict(settings).items():
            setattr(self, name, value)


_DEFAULTS: dict[str, Any] = asdict(Settings())
SettingsState: type[_Base] = type(
    "SettingsState",
    (_Base,),
    {
        "__doc__": "The current settings, one Kivy property per field of Settings.",
        **{f.name: ObjectProperty(_DEFAULTS[f.name], allownone=True) for f in fields(Settings)},
    },
)
