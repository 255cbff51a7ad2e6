"""Frame sources (camera through a fake capture, video, image folder, demo) and the capture thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from moodmirror.errors import SourceError
from moodmirror.vision.capture import FrameGrabber
from moodmirror.vision.demo import EXPRESSIONS, draw_face, expression_at
from moodmirror.vision.sources import (
    DEMO_LABEL,
    DemoSource,
    FrameSource,
    camera_choices,
    find_cameras,
    open_camera,
    open_source,
)


class FakeCapture:
    """Stands in for ``cv2.VideoCapture``: ``frames`` good reads, then failures (an unplugged camera)."""

    def __init__(self, frames: int, opened: bool = True) -> None:
        self.frames = frames
        self.opened = opened
        self.reads = 0
        self.released = 0

    def isOpened(self) -> bool:  # noqa: N802 - the OpenCV name
        return self.opened

    def read(self) -> tuple[bool, np.ndarray | None]:
        self.reads += 1
        if self.reads > self.frames:
            return False, None
        return True, np.full((480, 640, 3), self.reads % 256, np.uint8)

    def release(self) -> None:
        self.released += 1


def write_video(path: Path, frames: int, fps: float = 20.0) -> None:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, (320, 240))
    assert writer.isOpened()
    for i in range(frames):
        writer.write(draw_face((320, 240), i / fps))
    writer.release()


def test_camera_reads_frames_then_reports_unplugging() -> None:
    capture = FakeCapture(frames=3)
    source = open_camera(0, capture_factory=lambda index: capture)
    assert source.kind == "camera"
    frames = [source.read() for _ in range(3)]
    assert all(f is not None and f.shape == (480, 640, 3) for f in frames)
    with pytest.raises(SourceError, match="stopped delivering"):
        source.read()
    source.close()
    source.close()
    assert capture.released == 1


def test_missing_or_busy_camera_is_a_clear_error() -> None:
    capture = FakeCapture(frames=0, opened=False)
    with pytest.raises(SourceError, match="Camera 3 cannot be opened"):
        open_camera(3, capture_factory=lambda index: capture)
    assert capture.released == 1


def test_video_source_reads_every_frame_unpaced(tmp_path: Path) -> None:
    path = tmp_path / "clip.avi"
    write_video(path, frames=12)
    with open_source(f"video:{path}", paced=False) as source:
        assert source.kind == "video"
        assert source.fps == pytest.approx(20.0)
        frames = list(source)
    assert len(frames) == 12
    assert frames[0].shape == (240, 320, 3)


def test_video_source_paces_at_its_frame_rate(tmp_path: Path) -> None:
    path = tmp_path / "clip.avi"
    write_video(path, frames=9, fps=20.0)
    start = time.monotonic()
    with open_source(f"video:{path}") as source:
        assert len(list(source)) == 9
    assert time.monotonic() - start >= 8 / 20.0 - 0.02


def test_unreadable_video_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "notes.avi"
    bad.write_text("not a video")
    with pytest.raises(SourceError, match="cannot be read as a video"):
        open_source(f"video:{bad}")
    with pytest.raises(SourceError, match="No video file"):
        open_source(f"video:{tmp_path / 'missing.mp4'}")
    with pytest.raises(SourceError, match="No image folder"):
        open_source(f"images:{tmp_path / 'missing'}")


def test_image_folder_in_name_order_skipping_other_files(tmp_path: Path) -> None:
    for i, name in enumerate(["b.png", "a.jpg", "c.bmp"]):
        cv2.imwrite(str(tmp_path / name), np.full((60, 80, 3), 40 * (i + 1), np.uint8))
    (tmp_path / "readme.txt").write_text("not an image")
    with open_source(f"images:{tmp_path}", paced=False) as source:
        assert source.kind == "images"
        shades = [int(frame[0, 0, 0]) for frame in source]
    assert shades == [80, 40, 120]  # a.jpg, b.png, c.bmp


def test_image_folder_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="holds no images"):
        open_source(f"images:{tmp_path}")
    (tmp_path / "broken.png").write_bytes(b"\x89PNG broken")
    source = open_source(f"images:{tmp_path}", paced=False)
    with pytest.raises(SourceError, match="cannot be read as an image"):
        source.read()


def test_demo_source_draws_a_changing_face_without_end() -> None:
    source = open_source("demo", paced=False)
    assert isinstance(source, DemoSource) and source.kind == "demo"
    frames = [source.read() for _ in range(60)]
    assert all(f is not None and f.shape == (480, 640, 3) for f in frames)
    first, last = frames[0], frames[59]
    assert first is not None and last is not None and not np.array_equal(first, last)
    names = {expression_at(t)[0] for t in np.arange(0, 8, 0.1)}
    assert names == {name for name, _ in EXPRESSIONS}


def test_demo_source_paces_at_30_fps() -> None:
    source = DemoSource()
    start = time.monotonic()
    for _ in range(16):
        source.read()
    assert time.monotonic() - start >= 15 / 30 - 0.02


@pytest.mark.parametrize("spec", ["", "webcam:0", "video:", "images:", "demo:1"])
def test_unknown_specs_are_refused(spec: str) -> None:
    with pytest.raises(SourceError, match="Unknown source"):
        open_source(spec)


def test_camera_index_must_be_a_number() -> None:
    with pytest.raises(SourceError, match="must be a number"):
        open_source("camera:front")


class CountingSource(FrameSource):
    """A fast source whose frames carry their number; it fails after ``fail_after`` frames.

    With ``budget`` it delivers only as many frames as allowed so far (:meth:`allow`) and
    waits for more; closing it ends it.
    """

    kind = "test"

    def __init__(self, fail_after: int | None = None, budget: int | None = None) -> None:
        super().__init__(fps=0.0, paced=False)
        self.count = 0
        self.fail_after = fail_after
        self.budget = budget
        self.closed = False
        self._more = threading.Condition()

    def _next(self) -> np.ndarray | None:
        if self.fail_after is not None and self.count >= self.fail_after:
            raise OSError("device disappeared")
        with self._more:
            self._more.wait_for(lambda: self.closed or self.budget is None or self.count < self.budget, 5)
            if self.closed:
                return None
            self.count += 1
        return np.full((4, 4, 3), self.count % 256, np.uint8)

    def allow(self, frames: int) -> None:
        with self._more:
            self.budget = (self.budget or 0) + frames
            self._more.notify_all()

    def close(self) -> None:
        with self._more:
            self.closed = True
            self._more.notify_all()


def test_grabber_hands_out_only_the_newest_frame() -> None:
    source = CountingSource(budget=1)
    grabber = FrameGrabber(source)
    grabber.start()
    try:
        first = grabber.next_frame(2.0)
        assert first is not None and first.index == 0
        source.allow(49)
        deadline = time.monotonic() + 5
        while grabber.captured < 50 and time.monotonic() < deadline:  # a slow consumer
            time.sleep(0.01)
        newest = grabber.next_frame(2.0)
        assert newest is not None and newest.index == 49
        assert grabber.dropped == 48
        assert grabber.next_frame(0.2) is None  # nothing newer: no stale frame comes back
    finally:
        source.allow(10**9)  # unblock the capture thread so that it sees the stop
        grabber.close()
    assert source.closed and grabber.ended


def test_grabber_reports_a_failing_source_as_a_clear_error() -> None:
    source = CountingSource(fail_after=5)
    grabber = FrameGrabber(source)
    grabber.start()
    with pytest.raises(SourceError, match="device disappeared"):
        while grabber.next_frame(1.0) is not None:
            pass
    assert source.closed
    grabber.close()


def test_grabber_end_of_stream_and_timeout(tmp_path: Path) -> None:
    cv2.imwrite(str(tmp_path / "one.png"), np.zeros((8, 8, 3), np.uint8))
    grabber = FrameGrabber(open_source(f"images:{tmp_path}", paced=False))
    grabber.start()
    assert grabber.next_frame(2.0) is not None
    assert grabber.next_frame(2.0) is None
    assert grabber.ended
    grabber.close()


def test_closing_an_unstarted_grabber_releases_the_camera() -> None:
    capture = FakeCapture(frames=5)
    FrameGrabber(open_camera(0, capture_factory=lambda index: capture)).close()
    assert capture.released == 1


def test_find_cameras_lists_the_indices_that_open_and_releases_every_one() -> None:
    made: dict[int, FakeCapture] = {}

    def factory(index: int) -> FakeCapture:
        made[index] = FakeCapture(frames=1, opened=index in (0, 2))
        return made[index]

    assert find_cameras(range(4), capture_factory=factory) == [0, 2]
    assert sorted(made) == [0, 1, 2, 3]
    assert all(capture.released == 1 and capture.reads == 0 for capture in made.values())


def test_camera_choices_name_each_camera_found_and_always_offer_the_demo_face() -> None:
    assert camera_choices([0, 2]) == [("Camera 1", "camera:0"), ("Camera 3", "camera:2"), (DEMO_LABEL, "demo")]
    assert camera_choices([]) == [("Demo face (no camera)", "demo")]
    assert open_source(camera_choices([])[0][1]).kind == "demo"
