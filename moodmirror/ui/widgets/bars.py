"""Seven probability bars, one per emotion, each in its fixed Okabe-Ito colour.

Set :attr:`ProbabilityBars.values` (seven floats in ``EMOTIONS`` order, or an empty list for
"nothing yet"); bars follow at once. The percentages are text, and rendering text is the
costly part of a frame, so they are whole numbers refreshed at most ``TEXT_EVERY_S`` apart:
readable numbers, smooth bars. The first values after none always show their numbers.
"""

from __future__ import annotations

import time

from kivy.properties import ColorProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from moodmirror.emotions import EMOTIONS
from moodmirror.ui.kv import load_kv
from moodmirror.ui.theme import emotion_color

TEXT_EVERY_S = 0.25


class EmotionBar(BoxLayout):
    """One labelled bar: name, a filled track, and the share in percent."""

    emotion = StringProperty("")
    value = NumericProperty(0.0)
    percent = StringProperty("")
    color = ColorProperty((0.5, 0.5, 0.5, 1))


class ProbabilityBars(BoxLayout):
    """The seven bars; ``values`` empty shows empty tracks with dashes."""

    values = ListProperty([])

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._text_at = 0.0
        self._numbers_shown = False
        self.bars: dict[str, EmotionBar] = {}
        for emotion in EMOTIONS:
            bar = EmotionBar(emotion=emotion, color=emotion_color(emotion))
            self.bars[emotion] = bar
            self.add_widget(bar)
        self.on_values()

    def on_values(self, *_: object) -> None:
        now = time.monotonic()
        complete = len(self.values) == len(EMOTIONS)
        # the first values after dashes always show their numbers (a saved check-in sets them once)
        refresh_text = not complete or not self._numbers_shown or now - self._text_at >= TEXT_EVERY_S
        if refresh_text:
            self._text_at = now
            self._numbers_shown = complete
        for index, emotion in enumerate(EMOTIONS):
            bar = self.bars[emotion]
            bar.value = float(self.values[index]) if complete else 0.0
            if refresh_text:
                percent = f"{round(bar.value * 100)}%" if complete else "–"
                if bar.percent != percent:
                    bar.percent = percent


load_kv(__file__)
