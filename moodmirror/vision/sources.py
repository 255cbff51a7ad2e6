"""Frame sources behind one interface: a webcam, a video file, a folder of images, the demo face.

``open_source(spec)`` takes ``camera:INDEX``, ``video:PATH``, ``images:DIR`` or ``demo``.
``find_cameras()`` probes the first few camera indices (each opened for a moment and released
at once) and ``camera_choices`` lists them with the demo face, for the app's Settings.
A source hands out BGR uint8 frames one at a time with :meth:`FrameSource.read` (``None`` at
the end) and is closed with :meth:`FrameSource.close` (a camera is released there). Files and
the demo face are *paced* at their native frame rate by default, like a camera; with
``paced=False`` they run as fast as they can be decoded (``moodmirror analyze`` does that).
Frames stay in memory: nothing here writes anything.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from moodmirror.errors import SourceError
from moodmirror.vision.options import SPEC_HELP

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm"})
DEMO_SIZE = (640, 480)
DEMO_FPS = 30.0
IMAGES_FPS = 5.0
PROBE_INDICES = range(4)
"""Camera indices ``find_cameras`` tries (a computer rarely has more than a few)."""
DEMO_SPEC = "demo"
DEMO_LABEL = "Demo face (no camera)"


class FrameSource(ABC):
    """A stream of BGR frames. Subclasses implement :meth:`_next`; pacing is done here."""

    kind: str = ""

    def __init__(self, fps: float, paced: bool) -> None:
        self.fps = fps
        self.paced = paced
        self._due: float | None = None

    @abstractmethod
    def _next(self) -> np.ndarray | None:
        """The next frame, or None at the end; raises :class:`SourceError` on failure."""

    def read(self) -> np.ndarray | None:
        """The next BGR frame (H, W, 3) uint8, or None when the source has ended."""
        if self.paced and self.fps > 0:
            now = time.monotonic()
            if self._due is not None and self._due > now:
                time.sleep(self._due - now)
            self._due = max(self._due or now, now - 1.0 / self.fps) + 1.0 / self.fps
        return self._next()

    def close(self) -> None:  # noqa: B027 (most sources hold nothing to release)
        """Release what the source holds (the camera); closing twice is harmless."""

    def __iter__(self) -> Iterator[np.ndarray]:
        while (frame := self.read()) is not None:
            yield frame

    def __enter__(self) -> FrameSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _bgr(frame: np.ndarray) -> np.ndarray:
    if frame.ndim == 2:
        import cv2

        return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
    return frame[:, :, :3]


class CaptureSource(FrameSource):
    """A camera or video file read through an OpenCV ``VideoCapture``-like object."""

    def __init__(self, capture: Any, kind: str, name: str, fps: float, paced: bool) -> None:
        super().__init__(fps, paced)
        self.kind = kind
        self._name = name
        self._capture: Any | None = capture

    def _next(self) -> np.ndarray | None:
        if self._capture is None:
            return None
        ok, frame = self._capture.read()
        if ok and frame is not None:
            return _bgr(frame)
        if self.kind == "camera":
            raise SourceError(f"The {self._name} stopped delivering pictures (unplugged or in use?).")
        return None

    def close(self) -> None:
        capture, self._capture = self._capture, None
        if capture is not None:
            capture.release()


def open_camera(index: int, capture_factory: Callable[[int], Any] | None = None) -> CaptureSource:
    """The webcam ``index``; ``capture_factory`` (default ``cv2.VideoCapture``) lets tests inject one."""
    if capture_factory is None:
        capture = _quiet_capture(index)
    else:
        capture = capture_factory(index)
    if not capture.isOpened():
        capture.release()
        raise SourceError(f"Camera {index} cannot be opened: it is missing or used by another program.")
    return CaptureSource(capture, "camera", f"camera {index}", fps=0.0, paced=False)


def find_cameras(
    indices: Iterable[int] = PROBE_INDICES, capture_factory: Callable[[int], Any] | None = None
) -> list[int]:
    """The camera ``indices`` that open, each released at once (slow: call it off the UI thread).

    ``capture_factory`` (default ``cv2.VideoCapture``, quietly) lets tests inject fake cameras.
    """
    found = []
    for index in indices:
        capture = _quiet_capture(index) if capture_factory is None else capture_factory(index)
        try:
            if capture.isOpened():
                found.append(index)
        finally:
            capture.release()
    return found


def camera_choices(found: Iterable[int]) -> list[tuple[str, str]]:
    """``(label, spec)`` for each camera found, then the demo face (always there)."""
    return [(f"Camera {index + 1}", f"camera:{index}") for index in found] + [(DEMO_LABEL, DEMO_SPEC)]


def _quiet_capture(index: int) -> Any:
    """``cv2.VideoCapture(index)`` without OpenCV's backend warnings (we report failure ourselves)."""
    import cv2

    log = cv2.utils.logging
    level = log.getLogLevel()
    log.setLogLevel(log.LOG_LEVEL_ERROR)
    try:
        return cv2.VideoCapture(index)
    finally:
        log.setLogLevel(level)


def open_video(path: Path, paced: bool = True) -> CaptureSource:
    """A video file, paced at its own frame rate (30 FPS when the file does not say)."""
    import cv2

    if not path.is_file():
        raise SourceError(f"No video file at {path}.")
    capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        capture.release()
        raise SourceError(f"{path} cannot be read as a video.")
    fps = capture.get(cv2.CAP_PROP_FPS)
    return CaptureSource(capture, "video", f"video {path}", fps=fps if 0 < fps < 1000 else 30.0, paced=paced)


class ImageFolderSource(FrameSource):
    """The images of a folder, in name order (files that are not images by suffix are skipped)."""

    kind = "images"

    def __init__(self, folder: Path, paced: bool = True, fps: float = IMAGES_FPS) -> None:
        super().__init__(fps, paced)
        if not folder.is_dir():
            raise SourceError(f"No image folder at {folder}.")
        self._files = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
        if not self._files:
            raise SourceError(f"{folder} holds no images ({', '.join(sorted(IMAGE_SUFFIXES))}).")
        self._position = 0

    def _next(self) -> np.ndarray | None:
        if self._position >= len(self._files):
            return None
        path = self._files[self._position]
        self._position += 1
        return read_image(path)


class DemoSource(FrameSource):
    """The animated demo face (endless); its clock is the frame index, so runs are reproducible."""

    kind = "demo"

    def __init__(self, paced: bool = True, fps: float = DEMO_FPS, size: tuple[int, int] = DEMO_SIZE) -> None:
        super().__init__(fps, paced)
        self.size = size
        self._index = 0

    def _next(self) -> np.ndarray:
        from moodmirror.vision.demo import draw_face

        frame = draw_face(self.size, self._index / self.fps)
        self._index += 1
        return frame


def read_image(path: Path) -> np.ndarray:
    """One image file as BGR uint8 (raises :class:`SourceError` when it cannot be decoded)."""
    import cv2

    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        raise SourceError(f"{path} cannot be read as an image.")
    return image


def open_source(spec: str, *, paced: bool = True) -> FrameSource:
    """Open the source named by ``spec`` (``camera:INDEX``, ``video:PATH``, ``images:DIR``, ``demo``)."""
    kind, _, arg = spec.partition(":")
    if kind == DEMO_SPEC and not arg:
        return DemoSource(paced=paced)
    if kind == "camera":
        try:
            index = int(arg or "0")
        except ValueError:
            raise SourceError(f"Camera index must be a number, not {arg!r}.") from None
        return open_camera(index)
    if kind == "video" and arg:
        return open_video(Path(arg).expanduser(), paced=paced)
    if kind == "images" and arg:
        return ImageFolderSource(Path(arg).expanduser(), paced=paced)
    raise SourceError(f"Unknown source {spec!r}; use {SPEC_HELP}.")
