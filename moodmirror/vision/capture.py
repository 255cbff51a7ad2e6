"""A capture thread that keeps only the newest frame of a source.

The thread reads the source as fast as it delivers and overwrites one slot; the consumer
takes whatever is newest and never sees a stale frame, so a slow machine processes fewer
frames per second but never falls behind in time. The thread owns the source: it closes it
(releasing a camera) when it stops for any reason. Frames are stamped by ``clock``
(``time.monotonic`` unless a test passes a fake one); waiting for a frame is always real time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from moodmirror.errors import MoodMirrorError, SourceError
from moodmirror.vision.sources import FrameSource

JOIN_TIMEOUT_S = 3.0

Clock = Callable[[], float]
"""Seconds on a monotonic scale, like ``time.monotonic``."""


@dataclass(frozen=True)
class Frame:
    """One captured frame: its position in the stream, capture time (on the grabber's clock) and BGR image."""

    index: int
    timestamp: float
    image: np.ndarray


class FrameGrabber:
    """Reads ``source`` on its own thread; :meth:`next_frame` returns the newest unseen frame."""

    def __init__(self, source: FrameSource, clock: Clock = time.monotonic) -> None:
        self.source = source
        self._clock = clock
        self.captured = 0
        self.dropped = 0
        self._latest: Frame | None = None
        self._ended = False
        self._error: MoodMirrorError | None = None
        self._stop = threading.Event()
        self._ready = threading.Condition()
        self._thread = threading.Thread(target=self._run, name=f"moodmirror-capture-{source.kind}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                image = self.source.read()
                if image is None:
                    break
                frame = Frame(self.captured, self._clock(), image)
                with self._ready:
                    if self._latest is not None:
                        self.dropped += 1
                    self._latest = frame
                    self.captured += 1
                    self._ready.notify_all()
        except MoodMirrorError as exc:
            self._error = exc
        except Exception as exc:  # a driver or decoder failure must still end the session cleanly
            self._error = SourceError(f"The {self.source.kind} source failed: {exc}")
        finally:
            self.source.close()
            with self._ready:
                self._ended = True
                self._ready.notify_all()

    def next_frame(self, timeout: float) -> Frame | None:
        """The newest frame not yet returned; None on timeout or when the source has ended.

        Raises the source's :class:`MoodMirrorError` once its last good frame has been taken.
        """
        deadline = time.monotonic() + timeout
        with self._ready:
            while self._latest is None and not self._ended:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._ready.wait(remaining)
            frame, self._latest = self._latest, None
        if frame is None and self._error is not None:
            raise self._error
        return frame

    @property
    def ended(self) -> bool:
        """True once the source has ended, failed or been stopped (and been closed)."""
        return self._ended

    def close(self) -> None:
        """Stop the thread, close the source and drop the buffered frame."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(JOIN_TIMEOUT_S)
        elif not self._thread.ident:
            self.source.close()  # never started: the thread cannot close it
        with self._ready:
            self._latest = None
