"""Seven probability bars, one per emotion, each in its fixed Okabe-Ito colour.

Set :attr:`ProbabilityBars.values` (seven floats in ``EMOTIONS`` order, or an empty list for
"nothing yet"); bars and percentages follow. Percentages are whole numbers, so their text
(and its texture) changes only when the rounded value does.
"""

from __future__ import annotations

from kivy.properties import ColorProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from moodmirror.emotions import EMOTIONS
from moodmirror.ui.kv import load_kv
from moodmirror.ui.theme import emotion_color


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
        self.bars: dict[str, EmotionBar] = {}
        for emotion in EMOTIONS:
            bar = EmotionBar(emotion=emotion, color=emotion_color(emotion))
            self.bars[emotion] = bar
            self.add_widget(bar)
        self.on_values()

    def on_values(self, *_: object) -> None:
        for index, emotion in enumerate(EMOTIONS):
            bar = self.bars[emotion]
            if len(self.values) == len(EMOTIONS):
                share = float(self.values[index])
                bar.value = share
                percent = f"{round(share * 100)}%"
                if bar.percent != percent:
                    bar.percent = percent
            else:
                bar.value = 0.0
                bar.percent = "–"


load_kv(__file__)
