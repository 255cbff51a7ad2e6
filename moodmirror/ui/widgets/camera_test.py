"""Settings' "Test camera": the live picture of a frame source, in a dialog, until it closes.

:class:`CameraTest` runs a :class:`~moodmirror.vision.preview.PreviewSession` (the source is
opened and read off the UI thread) and shows its frames in a
:class:`~moodmirror.ui.widgets.preview.CameraPreview` the way a check-in does, through
:class:`~moodmirror.ui.widgets.preview.NewestOnly`. Nothing is analysed or kept: :meth:`release`
stops the session, which lets go of the camera, and drops the last frame. A source that cannot
be opened, or stops, is said plainly in ``error``.
"""

from __future__ import annotations

import numpy as np
from kivy.clock import Clock
from kivy.properties import NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from moodmirror.errors import MoodMirrorError
from moodmirror.ui.kv import load_kv
from moodmirror.ui.widgets.preview import NewestOnly
from moodmirror.vision.preview import PreviewSession
from moodmirror.vision.sources import DEMO_SPEC, FrameSource

ENDED = "The picture stopped. Close this and try again."


class CameraTest(BoxLayout):
    """The preview and a line saying what is happening; :meth:`start`, then :meth:`release`."""

    status = StringProperty("")
    error = StringProperty("")
    frames_shown = NumericProperty(0)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._session: PreviewSession | None = None
        self._frames: NewestOnly[np.ndarray] = NewestOnly(self._show)

    def start(self, source: str | FrameSource) -> None:
        """Open ``source`` (off the UI thread) and show its picture."""
        self.release()
        demo = (source if isinstance(source, str) else source.kind) == DEMO_SPEC
        self.ids.preview.label = "DEMO" if demo else ""
        self.error = ""
        self.status = "Starting the camera…"
        self.frames_shown = 0
        session = PreviewSession(
            source, self._frames.put, lambda error: Clock.schedule_once(lambda _dt: self._ended(session, error))
        )
        self._session = session
        session.start()

    def release(self, wait_s: float = 0.0) -> None:
        """Stop the preview (the camera is let go) and drop its frame; ``wait_s`` waits for that."""
        session, self._session = self._session, None
        if session is not None:
            session.stop()
            if wait_s:
                session.wait(wait_s)
        self._frames.drop()
        self.ids.preview.clear()

    def _show(self, image: np.ndarray) -> None:
        if self._session is None:
            return  # a frame that came in as the preview was let go
        self.ids.preview.show(image, None)
        self.status = ""
        self.frames_shown += 1

    def _ended(self, session: PreviewSession, error: MoodMirrorError | None) -> None:
        if session is not self._session:
            return  # released on purpose
        self._session = None
        self._frames.drop()
        self.ids.preview.clear()
        self.status = ""
        self.error = str(error) if error else ENDED


load_kv(__file__)
