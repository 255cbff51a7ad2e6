"""The guided thought record, one step per page, from ``moodmirror.insights.thought_record``.

Each step is checked with ``check_step`` as the user leaves it (a clear message, no crash);
Finish builds the :class:`~moodmirror.records.ThoughtRecord` and returns to the reflection
screen, which saves it with the check-in.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from kivy.app import App
from kivy.metrics import dp
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from moodmirror.errors import InvalidThoughtRecord
from moodmirror.insights.prompt_library import ThoughtRecordStep, load_library
from moodmirror.insights.thought_record import (
    build_thought_record,
    check_step,
    thought_record_steps,
)
from moodmirror.records import ThoughtRecord
from moodmirror.ui.widgets.common import CheckItem, Field, Page

FEELING_ROWS = 3
START_INTENSITY = 50


class FeelingRow(BoxLayout):
    """A feeling's name and its 0-100 intensity on a slider (the name is fixed when re-rating);
    the slider is dimmed until the row has a name, since only named rows count."""

    fixed_name = BooleanProperty(False)
    named = BooleanProperty(False)


class ThoughtScreen(Page):
    """Walks the thought-record steps and keeps the answers until Finish or Cancel."""

    index = NumericProperty(0)
    count = NumericProperty(0)
    title = StringProperty("")
    question = StringProperty("")
    hint = StringProperty("")
    error = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._steps: tuple[ThoughtRecordStep, ...] = ()
        self._answers: dict[str, Any] = {}
        self._distortion_choices: list[tuple[CheckItem, str]] = []

    def prepare(self, record: ThoughtRecord | None = None) -> None:
        self._steps = thought_record_steps()
        self._answers = asdict(record) if record else {}
        self.count = len(self._steps)
        self._show(0)

    def next(self) -> None:
        step = self._steps[self.index]
        try:
            self._answers[step.key] = check_step(step.key, self._collect(step), self._answers)
            if self.index + 1 < self.count:
                self._show(self.index + 1)
                return
            record = build_thought_record(self._answers)
        except InvalidThoughtRecord as error:
            self.error = str(error)
            return
        App.get_running_app().navigator.show("reflect", resume=True, thought_record=record)

    def go_back(self) -> None:
        if self.index == 0:
            App.get_running_app().navigator.show("reflect", resume=True)
            return
        self._show(self.index - 1)

    def _show(self, index: int) -> None:
        step = self._steps[index]
        self.index = index
        self.title, self.question, self.hint, self.error = step.title, step.question, step.hint, ""
        box = self.ids.input
        box.clear_widgets()
        self._distortion_choices = []
        value = self._answers.get(step.key)
        if step.kind == "text":
            field = Field(multiline=True, text=value or "", hint_text="Your answer", min_height=dp(120))
            box.add_widget(field)
            field.focus = True
        elif step.kind == "distortions":
            library = load_library()
            for distortion in library.distortions.values():
                choice = CheckItem(
                    text=f"[b]{distortion.name}[/b]: {distortion.description}\n[i]{distortion.example}[/i]",
                    state="down" if distortion.id in (value or []) else "normal",
                )
                box.add_widget(choice)
                self._distortion_choices.append((choice, distortion.id))
        elif step.kind == "intensities":
            feelings = list((value or {}).items())
            for row in range(max(FEELING_ROWS, len(feelings))):
                name, amount = feelings[row] if row < len(feelings) else ("", START_INTENSITY)
                box.add_widget(self._feeling_row(name, amount, fixed=False))
        else:  # rerate: the feelings named earlier; each slider starts at the earlier intensity
            earlier = self._answers.get("emotions") or {}
            for name, amount in earlier.items():
                box.add_widget(self._feeling_row(name, (value or {}).get(name, amount), fixed=True))

    def _feeling_row(self, name: str, amount: int, fixed: bool) -> FeelingRow:
        row = FeelingRow(fixed_name=fixed)
        row.ids.name.text = name
        row.ids.amount.value = amount
        return row

    def _collect(self, step: ThoughtRecordStep) -> Any:
        box = self.ids.input
        if step.kind == "text":
            return box.children[0].text
        if step.kind == "distortions":
            return [ident for choice, ident in self._distortion_choices if choice.state == "down"]
        feelings: dict[str, int] = {}
        for row in reversed(box.children):
            name = row.ids.name.text.strip()
            if name:  # a row left without a name is not a feeling, whatever its slider says
                feelings[name] = int(row.ids.amount.value)
        return feelings
