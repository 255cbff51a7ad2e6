"""Drive the real app in a real window from a script: UI tests, screenshots and the benchmark.

A *scenario* is a generator function taking a :class:`Driver`. It acts on the app (press a
button, type into a field) and yields to let the app run: ``yield 0.5`` waits half a second,
``yield lambda: condition`` waits until the condition holds (failing after ``timeout_s``).
:func:`run_scenario` starts the app, plays the scenario from the Kivy clock and returns the
exit code: 0 when it ran to its end, 1 when a step failed (the traceback is printed).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import moodmirror.ui  # noqa: F401  (first: it sets Kivy's environment, so Kivy writes no logs or config)

# isort: split
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.uix.screenmanager import Screen
from kivy.uix.widget import Widget

from moodmirror.ui.app import MoodMirrorApp
from moodmirror.ui.focus import focused, open_dialogs
from moodmirror.vision.sources import DemoSource

Step = float | Callable[[], bool] | None
KEY_UP_AFTER_S = 0.05
Scenario = Callable[["Driver"], Generator[Step, None, None]]


class FakeCamera(DemoSource):
    """A stand-in webcam: the demo face's reproducible frames, reported as a camera."""

    kind = "camera"


class ScriptedApp(MoodMirrorApp):
    """The real app, reading camera check-ins from ``make_source`` (e.g. :class:`FakeCamera`)."""

    def __init__(self, make_source: Callable[[], Any] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._make_source = make_source

    def frame_source(self) -> Any:
        return self._make_source() if self._make_source else super().frame_source()


class Driver:
    """What a scenario uses to look at and act on the running app."""

    def __init__(self, app: ScriptedApp) -> None:
        self.app = app

    @property
    def screen(self) -> Screen:
        return self.app.navigator.current_screen

    def on(self, name: str) -> Callable[[], bool]:
        """A condition: the screen called ``name`` is showing (and its transition is over)."""
        return lambda: self.app.navigator.current == name and not self.app.navigator.transition.is_active

    @property
    def window(self) -> Any:
        return Window

    def dialogs(self) -> list[Widget]:
        """The dialogs open on top of the screen."""
        return open_dialogs()

    def fps(self) -> float:
        """The UI loop's current rate (Kivy's ``Clock.get_fps``)."""
        return float(Clock.get_fps())

    def widget(self, name: str) -> Widget:
        """The widget with id ``name`` on the current screen."""
        return self.screen.ids[name]

    def press(self, target: str | Widget) -> None:
        """Press a button (by id on the current screen, or the widget itself) as a click would."""
        widget = self.widget(target) if isinstance(target, str) else target
        if widget.disabled:
            raise AssertionError(f"{target!r} is disabled")
        widget.trigger_action(duration=0)

    def type(self, target: str | Widget, text: str) -> None:
        """Replace a text field's content, as typing would."""
        widget = self.widget(target) if isinstance(target, str) else target
        widget.focus = True
        widget.text = text
        widget.cursor = widget.get_cursor_from_index(len(text))

    def slide(self, target: str | Widget, value: float) -> None:
        """Click a slider's track where ``value`` lies, as a mouse would (this also focuses it)."""
        from kivy.tests.common import UnitTestTouch

        widget = self.widget(target) if isinstance(target, str) else target
        span = widget.width - 2 * widget.padding
        x = widget.x + widget.padding + span * (value - widget.min) / (widget.max - widget.min)
        touch = UnitTestTouch(*widget.to_window(x, widget.center_y))
        touch.touch_down()
        touch.touch_up()

    def click(self, target: str | Widget) -> None:
        """Click the middle of a widget, as a mouse would."""
        from kivy.tests.common import UnitTestTouch

        widget = self.widget(target) if isinstance(target, str) else target
        touch = UnitTestTouch(*widget.to_window(*widget.center))
        touch.touch_down()
        touch.touch_up()

    def key(self, keycode: int, text: str | None = None, modifiers: tuple[str, ...] = ()) -> None:
        """Send one key press the way the window does (e.g. 13 Enter, 27 Escape, 9 Tab); a key that
        types ``text`` also sends it as text input. The key comes up a few frames later, as a
        finger lifts, so whatever the press moved the focus to receives the release."""
        if not Window.dispatch("on_key_down", keycode, 0, text, list(modifiers)):
            Window.dispatch("on_keyboard", keycode, 0, text, list(modifiers))
        if text and not {"ctrl", "alt", "meta"} & set(modifiers):  # a shortcut types nothing
            Window.dispatch("on_textinput", text)
        Clock.schedule_once(lambda _dt: Window.dispatch("on_key_up", keycode, 0), KEY_UP_AFTER_S)

    def write(self, text: str) -> None:
        """Type ``text`` key by key into whatever has the keyboard focus (nothing is focused for you)."""
        for char in text:
            self.key(ord(char.lower()), char)

    def focused(self) -> Widget | None:
        """The widget that has the keyboard focus (in a dialog or on the current screen), if any."""
        return focused()

    def screenshot(self, path: Path) -> Path:
        """Save the window as a PNG at exactly ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        Window.screenshot(str(path.with_suffix(".tmp.png")))
        made = max(path.parent.glob(path.stem + ".tmp*.png"))
        made.replace(path)
        return path


def run_scenario(
    scenario: Scenario,
    data_dir: Path,
    make_source: Callable[[], Any] | None = None,
    vault_options: dict[str, Any] | None = None,
    timeout_s: float = 30.0,
    window_size: tuple[int, int] | None = None,
) -> int:
    """Run ``scenario`` against a fresh app on ``data_dir``; 0 on success, 1 on failure."""
    app = ScriptedApp(make_source=make_source, data_dir=data_dir, vault_options=vault_options)
    driver = Driver(app)
    state: dict[str, Any] = {"code": 0, "steps": scenario(driver), "wait": None, "deadline": 0.0}

    def fail(message: str) -> None:
        print(message, flush=True)
        state["code"] = 1
        app.stop()

    def advance(_dt: float) -> None:
        now = Clock.get_time()
        waiting = state["wait"]
        if callable(waiting):
            try:
                done = waiting()
            except Exception:  # noqa: BLE001 - a failing condition is a failing test
                return fail(traceback.format_exc())
            if not done:
                if now > state["deadline"]:
                    screen = app.navigator.current
                    return fail(f"timed out after {timeout_s:g} s waiting for a condition (on screen {screen!r})")
                return Clock.schedule_once(advance, 0.02)
        try:
            step = next(state["steps"])
        except StopIteration:
            return app.stop()
        except Exception:  # noqa: BLE001
            return fail(traceback.format_exc())
        state["wait"] = step if callable(step) else None
        state["deadline"] = now + timeout_s
        Clock.schedule_once(advance, step if isinstance(step, (int, float)) else 0.02)

    def begin(_dt: float) -> None:
        if window_size:
            Window.size = window_size
        Clock.schedule_once(advance, 0.1)

    Clock.schedule_once(begin, 0)
    app.run()
    return int(state["code"])
