"""Run slow work (key derivation, camera sessions, charts, export) off the UI thread.

:func:`run_in_background` starts a daemon thread for ``work`` and hands its result, or the
exception it raised, back to the UI thread with ``Clock.schedule_once``, so callbacks may
touch widgets freely. A :class:`Busy` counter tells the UI when to show a spinner.
:class:`LatestOnly` numbers a screen's reloads so a slow, older one never overwrites a newer one.
:func:`wait_for_workers` lets running jobs finish when the app quits: a daemon thread stopped
by the interpreter's exit in the middle of native code (a chart being drawn) aborts the process.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from kivy.clock import Clock
from kivy.event import EventDispatcher
from kivy.properties import BooleanProperty, NumericProperty

T = TypeVar("T")

_running: set[threading.Thread] = set()


class Busy(EventDispatcher):
    """How many background jobs are running; ``active`` is True while any is."""

    count = NumericProperty(0)
    active = BooleanProperty(False)

    def on_count(self, *_: object) -> None:
        self.active = self.count > 0


def run_in_background(
    work: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None],
    busy: Busy | None = None,
    name: str = "moodmirror-worker",
) -> threading.Thread:
    """Run ``work()`` in a thread; call ``on_done(result)`` or ``on_error(exc)`` on the UI thread."""
    if busy is not None:
        busy.count += 1

    def finish(callback: Callable[[], None]) -> None:
        def deliver(_dt: float) -> None:
            if busy is not None:
                busy.count -= 1
            callback()

        Clock.schedule_once(deliver)

    def target() -> None:
        try:
            result = work()
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI
            finish(partial(on_error, exc))
        else:
            finish(lambda: on_done(result))
        finally:
            _running.discard(threading.current_thread())

    thread = threading.Thread(target=target, name=name, daemon=True)
    _running.add(thread)
    thread.start()
    return thread


class LatestOnly:
    """Background loads of one screen, of which only the newest delivers its result."""

    def __init__(self) -> None:
        self._latest = 0

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        busy: Busy | None = None,
    ) -> None:
        """:func:`run_in_background`, but ``on_done`` is skipped once a newer load has started."""
        self._latest += 1
        request = self._latest

        def deliver(result: T) -> None:
            if request == self._latest:
                on_done(result)

        run_in_background(work, deliver, on_error, busy)


def wait_for_workers(timeout_s: float) -> None:
    """Wait up to ``timeout_s`` in all for the running jobs to finish (when the app quits)."""
    deadline = time.monotonic() + timeout_s
    for thread in list(_running):
        thread.join(max(0.0, deadline - time.monotonic()))
