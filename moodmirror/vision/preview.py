"""A live preview without analysis: Settings' "Test camera" shows what a check-in would see.

:class:`PreviewSession` opens its source on a worker thread (a slow camera never blocks the
caller) and reads it through a :class:`~moodmirror.vision.capture.FrameGrabber`, like a
check-in; ``on_frame(image)`` gets each newest BGR frame on that thread and ``on_done(error)``
comes once at the end (None when it was stopped or the source ended). Whatever happens, the
source is closed and the camera released. Frames stay in memory; nothing is analysed or kept.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np

from moodmirror.errors import MoodMirrorError, SourceError
from moodmirror.vision.capture import FrameGrabber
from moodmirror.vision.session import FIRST_FRAME_TIMEOUT_S
from moodmirror.vision.sources import FrameSource, open_source

_POLL_S = 0.1

ImageCallback = Callable[[np.ndarray], None]
EndCallback = Callable[[MoodMirrorError | None], None]


class PreviewSession:
    """Shows ``source`` (a spec or an open source) until :meth:`stop`; runs once."""

    def __init__(
        self,
        source: str | FrameSource,
        on_frame: ImageCallback,
        on_done: EndCallback,
        first_frame_timeout_s: float = FIRST_FRAME_TIMEOUT_S,
    ) -> None:
        self._source = source
        self._on_frame = on_frame
        self._on_done = on_done
        self._first_frame_timeout_s = first_frame_timeout_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._work, name="moodmirror-preview", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """End the preview and release the camera soon (safe from any thread)."""
        self._stop.set()

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the camera to be let go; True once it is."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _work(self) -> None:
        error: MoodMirrorError | None = None
        try:
            self._show()
        except MoodMirrorError as exc:
            error = exc
        except Exception as exc:  # a driver failure still ends the preview with a message
            error = SourceError(f"The camera failed: {exc}")
        self._on_done(error)

    def _show(self) -> None:
        if self._stop.is_set():  # stopped before it began: an open source is still released
            if isinstance(self._source, FrameSource):
                self._source.close()
            return
        source = open_source(self._source) if isinstance(self._source, str) else self._source
        grabber = FrameGrabber(source)
        try:
            grabber.start()
            deadline = time.monotonic() + self._first_frame_timeout_s
            seen = False
            while not self._stop.is_set():
                frame = grabber.next_frame(_POLL_S)
                if frame is not None:
                    seen = True
                    self._on_frame(frame.image)
                elif grabber.ended:
                    return
                elif not seen and time.monotonic() > deadline:
                    raise SourceError(f"The {source.kind} source gave no picture; check that it works and try again.")
        finally:
            grabber.close()
