"""The check-in engine: a timed session from frame source to :class:`EmotionSummary`.

Threading model: :meth:`CheckInSession.start` runs the session on a worker thread (the source
is opened there too, so opening a slow camera never blocks the caller); the source's own
capture thread keeps only the newest frame. ``on_frame(result)`` is called on the worker
thread for every processed frame and ``on_done(summary, error)`` once at the end (exactly one
of the two is None); a GUI schedules both onto its own thread (Kivy: ``Clock.schedule_once``).
:meth:`stop` ends the session early (the summary covers what was seen); :meth:`wait` joins
and returns the summary or raises the error. :meth:`run` does the same on the calling thread.

The session clock starts at the first frame, so camera warm-up does not eat into the
check-in. ``clock`` (``time.monotonic`` by default) times the session and stamps the frames; a
test passes a fake one that moves with the frames, so a 15-second check-in runs in a moment. Whatever happens (the end, stop, a failing camera, an exception in a callback) the
source is closed, the camera released, and the pipeline state dropped; a failed session
leaves no summary behind, so nothing half-made can be saved.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from moodmirror.errors import SourceError
from moodmirror.records import EmotionSummary
from moodmirror.vision.capture import Clock, Frame, FrameGrabber
from moodmirror.vision.classifier import Classifier, EmotionClassifier
from moodmirror.vision.options import CONFIDENCE_THRESHOLD, DEFAULT_SECONDS, MAX_SECONDS, MIN_SECONDS
from moodmirror.vision.pipeline import FramePipeline, FrameResult
from moodmirror.vision.sources import FrameSource, open_source
from moodmirror.vision.summary import SummaryBuilder

FIRST_FRAME_TIMEOUT_S = 10.0
_POLL_S = 0.1

FrameCallback = Callable[[FrameResult], None]
DoneCallback = Callable[[EmotionSummary | None, BaseException | None], None]


class CheckInSession:
    """One camera check-in of ``seconds`` seconds (5..60) on ``source`` (a spec or an open source).

    ``classifier`` may be shared between sessions (loading it takes a moment); by default the
    shipped model is loaded when the session starts. ``preview`` attaches each frame to its
    :class:`FrameResult` for display. A session runs once.
    """

    def __init__(
        self,
        source: str | FrameSource = "camera:0",
        *,
        seconds: float = float(DEFAULT_SECONDS),
        threshold: float = CONFIDENCE_THRESHOLD,
        classifier: Classifier | None = None,
        on_frame: FrameCallback | None = None,
        on_done: DoneCallback | None = None,
        preview: bool = True,
        first_frame_timeout_s: float = FIRST_FRAME_TIMEOUT_S,
        clock: Clock = time.monotonic,
    ) -> None:
        if not MIN_SECONDS <= seconds <= MAX_SECONDS:
            raise ValueError(f"a check-in lasts {MIN_SECONDS} to {MAX_SECONDS} seconds, not {seconds:g}")
        self._source = source
        self.seconds = float(seconds)
        self._builder = SummaryBuilder(threshold)
        self._classifier = classifier
        self._on_frame = on_frame
        self._on_done = on_done
        self._preview = preview
        self._first_frame_timeout_s = first_frame_timeout_s
        self._clock = clock
        self._stop = threading.Event()
        self._finished = threading.Event()
        self._thread: threading.Thread | None = None
        self.summary: EmotionSummary | None = None
        self.error: BaseException | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and not self._finished.is_set()

    def start(self) -> None:
        """Run the session on a worker thread."""
        if self._thread is not None:
            raise RuntimeError("a check-in session runs only once")
        self._thread = threading.Thread(target=self._work, name="moodmirror-checkin", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the session as soon as the current frame is done (safe from any thread)."""
        self._stop.set()

    def wait(self, timeout: float | None = None) -> EmotionSummary:
        """Join the worker; the summary, or the session's error raised here."""
        if self._thread is None:
            raise RuntimeError("the session was not started")
        if not self._finished.wait(timeout):
            raise TimeoutError("the check-in session is still running")
        if self.error is not None:
            raise self.error
        assert self.summary is not None
        return self.summary

    def run(self) -> EmotionSummary:
        """Run the session on the calling thread and return its summary."""
        if self._thread is not None:
            raise RuntimeError("a check-in session runs only once")
        self._thread = threading.current_thread()
        self._work()
        return self.wait()

    def _work(self) -> None:
        try:
            self.summary = self._session()
        except BaseException as exc:  # handed to the caller through wait() and on_done
            self.error = exc
        finally:
            self._finished.set()
        if self._on_done is not None:
            self._on_done(self.summary, self.error)

    def _session(self) -> EmotionSummary:
        try:
            classifier = self._classifier or EmotionClassifier()
        except BaseException:
            if isinstance(self._source, FrameSource):
                self._source.close()  # an already opened camera is released even so
            raise
        pipeline = FramePipeline(classifier)
        source = open_source(self._source) if isinstance(self._source, str) else self._source
        grabber = FrameGrabber(source, self._clock)
        try:
            grabber.start()
            frame = self._next(grabber, self._clock() + self._first_frame_timeout_s)
            if frame is None:
                if self._stop.is_set():
                    return self._builder.build(0.0, classifier.model_id, source.kind)
                raise SourceError(f"The {source.kind} source gave no picture; check that it works and try again.")
            t0 = frame.timestamp
            end = t0 + self.seconds
            while frame is not None and frame.timestamp <= end:
                elapsed = frame.timestamp - t0
                result = pipeline.process(frame.image, elapsed, frame.index, keep_frame=self._preview)
                self._builder.add(result.box is not None, result.probabilities)
                if self._on_frame is not None:
                    self._on_frame(result)
                frame = self._next(grabber, end)
            duration = min(self.seconds, self._clock() - t0)
        finally:
            grabber.close()
            pipeline.reset()
        return self._builder.build(duration, classifier.model_id, source.kind)

    def _next(self, grabber: FrameGrabber, deadline: float) -> Frame | None:
        """The newest frame before ``deadline``; None when stopped, past it, or at the source's end."""
        while not self._stop.is_set():
            remaining = deadline - self._clock()
            if remaining <= 0:
                return None
            frame = grabber.next_frame(min(remaining, _POLL_S))
            if frame is not None or grabber.ended:
                return frame or grabber.next_frame(0.0)
        return None
