"""The countdown ring of a check-in: an arc that empties as the session runs, seconds inside."""

from __future__ import annotations

from kivy.properties import NumericProperty, StringProperty
from kivy.uix.widget import Widget

from moodmirror.ui.kv import load_kv


class CountdownRing(Widget):
    """Shows ``remaining_s`` of ``total_s`` as an arc and a number."""

    total_s = NumericProperty(15.0)
    remaining_s = NumericProperty(15.0)
    label = StringProperty("15")

    def on_remaining_s(self, *_: object) -> None:
        label = str(max(0, int(self.remaining_s + 0.999)))
        if label != self.label:
            self.label = label


load_kv(__file__)
