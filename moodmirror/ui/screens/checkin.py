"""The camera check-in: live preview with the face box, seven bars, countdown, Stop at any time.

The session (``moodmirror.vision.CheckInSession``) runs on its own threads and calls back on
them; its results reach the UI through :class:`~moodmirror.ui.widgets.preview.NewestOnly`, so the
UI draws at most once per frame and never waits for the camera. Frames live only in memory
and in the preview texture, and are dropped when the screen is left.
"""

from __future__ import annotations

from contextlib import suppress

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from moodmirror.records import EmotionSummary
from moodmirror.ui.widgets.common import Page
from moodmirror.ui.widgets.preview import NewestOnly
from moodmirror.vision.detector import Status
from moodmirror.vision.pipeline import FrameResult
from moodmirror.vision.session import CheckInSession

HINTS: dict[str, str] = {
    Status.OK: "Relax and look at the screen. Stop whenever you like.",
    Status.NO_FACE: "No face in view. Sit facing the screen.",
    Status.MANY_FACES: "More than one face in view; the largest is used.",
    Status.TOO_SMALL: "Your face looks small. Move a little closer.",
    Status.TOO_DARK: "It is quite dark. Turn on a light or face a window.",
}


class CheckInScreen(Page):
    """Runs one camera session and hands its summary to the reflection screen."""

    camera_on = BooleanProperty(False)
    demo = BooleanProperty(False)
    hint = StringProperty("")
    error = StringProperty("")
    total_s = NumericProperty(15.0)
    frames_drawn = NumericProperty(0)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._session: CheckInSession | None = None
        self._results: NewestOnly[FrameResult] = NewestOnly(self._draw)

    def prepare(self) -> None:
        self.release()
        app = App.get_running_app()
        source = app.frame_source()
        self.demo = (source if isinstance(source, str) else source.kind) == "demo"
        self.total_s = float(app.settings.checkin_seconds)
        self.error = ""
        self.hint = "Starting the camera…"
        self.frames_drawn = 0
        self.ids.ring.total_s = self.total_s
        self.ids.ring.remaining_s = self.total_s
        self.ids.bars.values = []
        self.ids.preview.clear()
        self.ids.preview.label = "DEMO" if self.demo else ""
        self._session = CheckInSession(
            source,
            seconds=self.total_s,
            threshold=app.settings.confidence_threshold,
            on_frame=self._results.put,
            on_done=self._on_done,
        )
        self.camera_on = True
        self._session.start()

    def stop(self) -> None:
        """End early; what was seen so far still makes a summary."""
        if self._session is not None:
            self.hint = "Finishing…"
            self._session.stop()

    def release(self, wait_s: float = 0.0) -> None:
        """Abandon a running session (leaving the screen, locking, quitting) and drop frames.

        When quitting, ``wait_s`` gives the session's thread time to finish its frame and let
        go of the camera, so the interpreter's exit does not stop it inside the model.
        """
        session, self._session = self._session, None
        if session is not None:
            session.stop()
            if wait_s:
                with suppress(Exception):  # its error, if any, no longer matters to anyone
                    session.wait(wait_s)
        self._results.drop()
        self.camera_on = False
        if "preview" in self.ids:
            self.ids.preview.clear()

    def on_leave(self, *_: object) -> None:
        self.release()

    def _on_done(self, summary: EmotionSummary | None, error: BaseException | None) -> None:  # session thread
        session = self._session
        Clock.schedule_once(lambda _dt: self._finish(session, summary, error))

    def _draw(self, result: FrameResult) -> None:
        if self._session is None:
            return  # a frame that came in as the session was let go
        if result.frame is not None:
            self.ids.preview.show(result.frame, result.box)
        self.ids.bars.values = [] if result.smoothed is None else [float(p) for p in result.smoothed]
        self.ids.ring.remaining_s = max(0.0, self.total_s - result.elapsed_s)
        self.hint = HINTS.get(result.status, "")
        self.frames_drawn += 1
        App.get_running_app().autolock.poke()

    def _finish(
        self, session: CheckInSession | None, summary: EmotionSummary | None, error: BaseException | None
    ) -> None:
        if session is None or session is not self._session:
            return  # abandoned: the user left the screen
        self._session = None
        self.camera_on = False
        self._results.drop()
        if error is not None or summary is None:
            self.error = str(error) if error else "The check-in ended without a result."
            self.ids.without_camera.focus = True
            return
        App.get_running_app().navigator.show("reflect", summary=summary)
