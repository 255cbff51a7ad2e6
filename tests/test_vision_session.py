"""The check-in session: timing, callbacks, stop, summaries, and clean ends on failure."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from test_vision_sources import FakeCapture

from moodmirror.emotions import EMOTIONS
from moodmirror.errors import ModelError, SourceError
from moodmirror.records import EmotionSummary
from moodmirror.vision import CheckInSession, EmotionClassifier
from moodmirror.vision.detector import Status
from moodmirror.vision.pipeline import FrameResult
from moodmirror.vision.sources import DemoSource, FrameSource, open_camera


class HappyClassifier:
    """A stand-in model that reads every face as 80 % happy."""

    labels = EMOTIONS
    model_id = "emotion-stub"

    def predict(self, crops: np.ndarray) -> np.ndarray:
        p = np.full((len(crops), len(EMOTIONS)), 0.2 / 6, np.float32)
        p[:, EMOTIONS.index("happiness")] = 0.8
        return p


class FrameClock:
    """A fake session clock that moves on by one frame (1/30 s) each time a source delivers one."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def tick(self) -> None:
        self.now += 1 / 30


class BlankSource(FrameSource):
    """Gray frames without a face, at 30 FPS (real time, or on ``clock``); remembers being closed."""

    kind = "blank"

    def __init__(self, clock: FrameClock | None = None) -> None:
        super().__init__(fps=30.0, paced=clock is None)
        self.clock = clock
        self.closed = False

    def _next(self) -> np.ndarray | None:
        if self.clock is not None:
            self.clock.tick()
        return np.full((240, 320, 3), 128, np.uint8)

    def close(self) -> None:
        self.closed = True


@pytest.fixture(scope="module")
def classifier() -> EmotionClassifier:
    return EmotionClassifier()


def test_demo_session_gives_a_summary_and_live_results() -> None:
    """The one session on the real clock: a 5-second check-in takes 5 seconds."""
    results: list[FrameResult] = []
    done: list[tuple[EmotionSummary | None, BaseException | None]] = []
    session = CheckInSession(
        "demo",
        seconds=5,
        classifier=HappyClassifier(),
        on_frame=results.append,
        on_done=lambda s, e: done.append((s, e)),
    )
    start = time.monotonic()
    session.start()
    summary = session.wait(timeout=30)
    assert 4.9 <= time.monotonic() - start < 25
    assert summary.dominant == "happiness"
    assert summary.dominant_share == 1.0
    assert summary.source == "demo" and summary.model_id == "emotion-stub"
    assert summary.duration_s == pytest.approx(5.0, abs=0.2)
    assert summary.frames_seen == len(results) >= 10
    assert summary.face_ratio > 0.9
    assert done == [(summary, None)]
    ok = [r for r in results if r.status is Status.OK]
    assert ok and all(r.box is not None and r.frame is not None and r.smoothed is not None for r in ok)
    elapsed = [r.elapsed_s for r in results]
    assert elapsed[0] == 0.0 and elapsed == sorted(elapsed) and elapsed[-1] <= 5.0
    assert not session.running


class TickingDemo(DemoSource):
    """The demo face, unpaced, moving ``clock`` on by one frame per frame."""

    def __init__(self, clock: FrameClock) -> None:
        super().__init__(paced=False)
        self.clock = clock

    def _next(self) -> np.ndarray:
        self.clock.tick()
        return super()._next()


def test_real_model_session_on_the_demo_face(classifier: EmotionClassifier) -> None:
    clock = FrameClock()
    summary = CheckInSession(TickingDemo(clock), seconds=5, classifier=classifier, preview=False, clock=clock).run()
    assert summary.duration_s == pytest.approx(5.0, abs=0.1)
    assert summary.model_id == classifier.model_id
    assert summary.frames_seen > 0 and summary.face_ratio > 0.9
    if summary.inconclusive:
        assert summary.dominant is None and sum(summary.probabilities.values()) == 0
    else:
        assert summary.dominant in EMOTIONS
        assert sum(summary.probabilities.values()) == pytest.approx(1.0)


def test_no_face_session_is_inconclusive() -> None:
    clock = FrameClock()
    source = BlankSource(clock)
    statuses: list[Status] = []
    summary = CheckInSession(
        source, seconds=15, classifier=HappyClassifier(), on_frame=lambda r: statuses.append(r.status), clock=clock
    ).run()
    assert summary.duration_s == pytest.approx(15.0, abs=0.1)
    assert summary.inconclusive and summary.dominant is None
    assert summary.frames_usable == 0 and summary.face_ratio == 0.0
    assert set(statuses) == {Status.NO_FACE}
    assert source.closed


def test_stop_ends_early_with_a_summary_and_releases_the_source() -> None:
    source = BlankSource()
    session = CheckInSession(source, seconds=60, classifier=HappyClassifier())
    session.start()
    time.sleep(0.5)
    session.stop()
    summary = session.wait(timeout=5)
    assert summary.duration_s < 2.0
    assert source.closed


def test_camera_unplugged_mid_session_is_a_clear_error_and_releases_it() -> None:
    capture = FakeCapture(frames=20)
    done: list[tuple[EmotionSummary | None, BaseException | None]] = []
    session = CheckInSession(
        open_camera(0, capture_factory=lambda index: capture),
        seconds=15,
        classifier=HappyClassifier(),
        on_done=lambda s, e: done.append((s, e)),
    )
    session.start()
    with pytest.raises(SourceError, match="stopped delivering"):
        session.wait(timeout=10)
    assert capture.released == 1
    assert session.summary is None
    assert len(done) == 1 and done[0][0] is None and isinstance(done[0][1], SourceError)


def test_a_failing_callback_ends_the_session_and_releases_the_camera() -> None:
    capture = FakeCapture(frames=10_000)

    def broken(result: FrameResult) -> None:
        raise RuntimeError("UI bug")

    session = CheckInSession(
        open_camera(0, capture_factory=lambda index: capture), seconds=5, classifier=HappyClassifier(), on_frame=broken
    )
    with pytest.raises(RuntimeError, match="UI bug"):
        session.run()
    assert capture.released == 1


def test_missing_model_fails_before_the_camera_is_used(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("moodmirror.vision.classifier.MODELS_DIR", tmp_path)
    capture = FakeCapture(frames=100)
    session = CheckInSession(open_camera(0, capture_factory=lambda index: capture), seconds=5)
    with pytest.raises(ModelError, match="missing"):
        session.run()
    assert capture.reads == 0
    assert capture.released == 1


def test_source_without_frames_is_a_clear_error() -> None:
    class Silent(BlankSource):
        def _next(self) -> np.ndarray | None:
            return None

    with pytest.raises(SourceError, match="gave no picture"):
        CheckInSession(Silent(), seconds=5, classifier=HappyClassifier()).run()


def test_camera_that_never_delivers_times_out() -> None:
    release = threading.Event()

    class Hanging(BlankSource):
        def _next(self) -> np.ndarray | None:
            release.wait(5)
            return None

    source = Hanging()
    session = CheckInSession(source, seconds=5, classifier=HappyClassifier(), first_frame_timeout_s=0.3)
    with pytest.raises(SourceError, match="gave no picture"):
        session.run()
    release.set()


def test_length_is_limited_to_5_to_60_seconds() -> None:
    for seconds in (4, 61):
        with pytest.raises(ValueError):
            CheckInSession("demo", seconds=seconds)


def test_a_session_runs_once() -> None:
    session = CheckInSession(BlankSource(), seconds=5, classifier=HappyClassifier())
    session.start()
    with pytest.raises(RuntimeError):
        session.start()
    session.stop()
    session.wait(timeout=5)
