"""The mood scale: 1 to 10 as one keyboard control, coloured like the charts' emotions.

One Tab stop (Tab leaves it): the arrow keys move the mood by one, Home and End go to 1 and
10, the digit keys 1-9 choose a mood and 0 chooses 10; a click or tap chooses the cell under
it. ``value`` is the chosen mood, 0 while none is chosen. The cells' colours run from sadness
blue through neutral grey to happiness yellow (:func:`moodmirror.ui.theme.mood_colors`), with
the number on each and the chosen mood's word under the scale (``word``).
"""

from __future__ import annotations

from kivy.properties import ColorProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import FocusBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label

from moodmirror.records import MOOD_MAX, MOOD_MIN
from moodmirror.ui.kv import load_kv
from moodmirror.ui.theme import MOOD_WORDS, mood_colors
from moodmirror.ui.widgets.common import StepKeys

_DIGITS = {str(n): n for n in range(1, 10)} | {"0": 10}
_SHORTCUT_KEYS = frozenset({"ctrl", "alt", "meta"})  # Num Lock, or Shift on layouts with shifted digits, still choose


class MoodCell(Label):
    """One mood on the scale, filled with its colour."""

    mood = NumericProperty(0)
    fill = ColorProperty((0.5, 0.5, 0.5, 1))
    ink = ColorProperty((0, 0, 0, 1))  # the number's colour on the full fill


class MoodScale(StepKeys, FocusBehavior, BoxLayout):
    """Ten coloured cells that make one focusable control; read the mood from ``value``."""

    value = NumericProperty(0)
    min = NumericProperty(MOOD_MIN)
    max = NumericProperty(MOOD_MAX)
    key_step = NumericProperty(1)
    word = StringProperty("")
    cells = ListProperty([])

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        for mood in range(MOOD_MIN, MOOD_MAX + 1):
            fill, text = mood_colors(mood)
            cell = MoodCell(mood=mood, text=str(mood), fill=fill, ink=text)
            self.add_widget(cell)
            self.cells.append(cell)

    def on_value(self, *_: object) -> None:
        self.word = f"{int(self.value)}: {MOOD_WORDS[int(self.value) - 1]}" if self.value else ""

    def keyboard_on_key_down(self, window: object, keycode: tuple[int, str], text: str, modifiers: list[str]) -> bool:
        digit = _DIGITS.get(keycode[1].removeprefix("numpad"))
        if digit is not None and not self.disabled and not _SHORTCUT_KEYS & set(modifiers):
            self.value = digit
            return True
        if keycode[1] == "spacebar":
            return True  # a stray space does not reach another control
        return bool(super().keyboard_on_key_down(window, keycode, text, modifiers))

    def on_touch_down(self, touch: object) -> bool:
        if self.disabled or not self.collide_point(*touch.pos):  # type: ignore[attr-defined]
            return bool(super().on_touch_down(touch))
        cell = next((c for c in self.cells if c.collide_point(*touch.pos)), None)  # type: ignore[attr-defined]
        if cell is not None:
            self.value = cell.mood
        super().on_touch_down(touch)  # the scale takes the keyboard focus
        return True


load_kv(__file__)
