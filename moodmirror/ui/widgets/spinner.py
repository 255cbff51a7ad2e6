"""A quiet busy indicator: an arc that turns while ``active`` is True."""

from __future__ import annotations

from kivy.clock import Clock, ClockEvent
from kivy.properties import BooleanProperty, ColorProperty, NumericProperty
from kivy.uix.widget import Widget

from moodmirror.ui.kv import load_kv

_DEGREES_PER_SECOND = 300.0


class BusySpinner(Widget):
    """Turns only while active, so it costs nothing when idle."""

    active = BooleanProperty(False)
    angle = NumericProperty(0.0)
    color = ColorProperty((0, 0, 0, 1))

    def __init__(self, **kwargs: object) -> None:
        self._event: ClockEvent | None = None
        super().__init__(**kwargs)

    def on_active(self, *_: object) -> None:
        if self.active and self._event is None:
            self._event = Clock.schedule_interval(self._turn, 1 / 30)
        elif not self.active and self._event is not None:
            self._event.cancel()
            self._event = None

    def _turn(self, dt: float) -> None:
        self.angle = (self.angle + dt * _DEGREES_PER_SECOND) % 360


load_kv(__file__)
