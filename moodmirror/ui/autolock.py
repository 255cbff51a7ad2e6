"""Lock the journal after a settable time without keyboard, mouse or touch activity."""

from __future__ import annotations

import time
from collections.abc import Callable

from kivy.clock import Clock, ClockEvent
from kivy.core.window import Window

_CHECK_EVERY_S = 1.0


class AutoLock:
    """Calls ``on_lock`` once the user has been idle for ``timeout_s`` seconds."""

    def __init__(self, on_lock: Callable[[], None]) -> None:
        self._on_lock = on_lock
        self._last_activity = time.monotonic()
        self._event: ClockEvent | None = None
        self.timeout_s = 0.0

    def start(self, timeout_s: float) -> None:
        """Watch for activity; lock after ``timeout_s`` idle seconds (0 turns auto-lock off)."""
        self.stop()
        self.timeout_s = timeout_s
        if timeout_s <= 0:
            return
        self.poke()
        Window.bind(on_touch_down=self.poke, on_key_down=self.poke, on_mouse_pos=self.poke)
        self._event = Clock.schedule_interval(self._check, _CHECK_EVERY_S)

    def stop(self) -> None:
        if self._event is not None:
            self._event.cancel()
            self._event = None
            Window.unbind(on_touch_down=self.poke, on_key_down=self.poke, on_mouse_pos=self.poke)

    def poke(self, *_: object) -> None:
        """Record activity now (also called by screens that are busy without input)."""
        self._last_activity = time.monotonic()

    def _check(self, _dt: float) -> None:
        if time.monotonic() - self._last_activity >= self.timeout_s:
            self.stop()
            self._on_lock()
