"""The live camera preview: frames become a GPU texture (never a file), mirrored like a mirror.

:meth:`CameraPreview.show` takes one BGR frame (H, W, 3 uint8, as OpenCV gives it) and an
optional face box ``(x, y, w, h)`` in frame pixels. The texture is reused while the frame size
stays the same; the image keeps its aspect ratio inside the widget and the face box is drawn
on top in the same mirrored coordinates. :meth:`clear` drops the last frame.

:class:`NewestOnly` carries frames from a camera thread to the UI: the thread only stores the
newest and pulls a coalescing trigger, so the UI draws at most once per frame and never waits
for the camera (the check-in screen and Settings' "Test camera" both use it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import numpy as np
from kivy.clock import Clock
from kivy.graphics.texture import Texture
from kivy.properties import (
    ListProperty,
    ObjectProperty,
    StringProperty,
)
from kivy.uix.widget import Widget

from moodmirror.ui.kv import load_kv

Box = tuple[int, int, int, int]
T = TypeVar("T")


class NewestOnly(Generic[T]):
    """Hands the newest item :meth:`put` from any thread to ``draw`` on the UI thread, once a frame at most."""

    def __init__(self, draw: Callable[[T], None]) -> None:
        self._draw = draw
        self._latest: T | None = None
        self._trigger = Clock.create_trigger(self._deliver)

    def put(self, item: T) -> None:  # a camera thread
        self._latest = item
        self._trigger()

    def drop(self) -> None:
        """Forget the item not yet drawn (its frame goes with it)."""
        self._latest = None
        self._trigger.cancel()

    def _deliver(self, _dt: float) -> None:
        item, self._latest = self._latest, None
        if item is not None:
            self._draw(item)


class CameraPreview(Widget):
    """Shows the newest frame and the face box; ``label`` (e.g. "DEMO") is drawn in a corner."""

    texture = ObjectProperty(None, allownone=True)
    frame_size = ListProperty([0, 0])
    image_rect = ListProperty([0, 0, 0, 0])
    box_rect = ListProperty([])
    label = StringProperty("")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._box: Box | None = None
        self.bind(pos=self._layout, size=self._layout, frame_size=self._layout)

    def show(self, frame: np.ndarray, box: Box | None) -> None:
        """Display ``frame`` (BGR) with ``box`` around the face, or no box."""
        height, width = frame.shape[:2]
        if self.texture is None or list(self.texture.size) != [width, height]:
            texture = Texture.create(size=(width, height), colorfmt="bgr")
            texture.flip_vertical()  # OpenCV rows run top to bottom
            texture.flip_horizontal()  # a mirror image feels natural to the person in it
            self.texture = texture
            self.frame_size = [width, height]
        self.texture.blit_buffer(np.ascontiguousarray(frame).reshape(-1), colorfmt="bgr", bufferfmt="ubyte")
        self.canvas.ask_update()
        self._box = box
        self._place_box()

    def clear(self) -> None:
        self.texture = None
        self.frame_size = [0, 0]
        self._box = None
        self.box_rect = []

    def _layout(self, *_: object) -> None:
        width, height = self.frame_size
        if not width or not height:
            self.image_rect = [self.x, self.y, self.width, self.height]
            return
        scale = min(self.width / width, self.height / height)
        shown_w, shown_h = width * scale, height * scale
        self.image_rect = [self.center_x - shown_w / 2, self.center_y - shown_h / 2, shown_w, shown_h]
        self._place_box()

    def _place_box(self) -> None:
        width, height = self.frame_size
        if self._box is None or not width:
            self.box_rect = []
            return
        x, y, w, h = self._box
        left, bottom, shown_w, _shown_h = self.image_rect
        scale = shown_w / width
        mirrored_x = width - x - w
        self.box_rect = [left + mirrored_x * scale, bottom + (height - y - h) * scale, w * scale, h * scale]


load_kv(__file__)
