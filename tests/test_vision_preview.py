"""Settings' "Test camera" preview: frames until stopped, the camera released, a clear error otherwise."""

from __future__ import annotations

import threading

import numpy as np

from moodmirror.errors import MoodMirrorError
from moodmirror.vision.preview import PreviewSession
from moodmirror.vision.sources import DemoSource


class CountingDemo(DemoSource):
    """The demo face, counting how often it is closed."""

    def __init__(self) -> None:
        super().__init__(paced=True)
        self.closed = 0

    def close(self) -> None:
        self.closed += 1


def run_preview(source: object, frames_wanted: int) -> tuple[list[np.ndarray], list[MoodMirrorError | None]]:
    frames: list[np.ndarray] = []
    ended: list[MoodMirrorError | None] = []
    enough, done = threading.Event(), threading.Event()

    def on_frame(image: np.ndarray) -> None:
        frames.append(image)
        if len(frames) >= frames_wanted:
            enough.set()

    def on_done(error: MoodMirrorError | None) -> None:
        ended.append(error)
        done.set()

    session = PreviewSession(source, on_frame, on_done)  # type: ignore[arg-type]
    session.start()
    enough.wait(5.0)
    session.stop()
    assert session.wait(5.0)
    assert done.is_set()
    return frames, ended


def test_the_preview_shows_changing_frames_until_stopped_then_releases_the_source() -> None:
    source = CountingDemo()
    frames, ended = run_preview(source, frames_wanted=5)
    assert len(frames) >= 5 and all(f.shape == (480, 640, 3) for f in frames)
    assert not np.array_equal(frames[0], frames[-1]), "the picture did not move"
    assert ended == [None] and source.closed >= 1


def test_a_camera_that_cannot_be_opened_ends_the_preview_with_a_clear_message() -> None:
    frames, ended = run_preview("camera:99", frames_wanted=1)
    assert frames == []
    assert len(ended) == 1 and ended[0] is not None and "cannot be opened" in str(ended[0])


def test_a_preview_stopped_before_it_starts_still_releases_an_open_source() -> None:
    source = CountingDemo()
    ended: list[MoodMirrorError | None] = []
    session = PreviewSession(source, lambda _image: None, ended.append)
    session.stop()
    session.start()
    assert session.wait(5.0)
    assert ended == [None] and source.closed == 1
