"""After the camera (or without it): mood 1-10 on the mood scale, note, tags, when, reflection
prompts, then Save.

"When" is empty for now, or a past local date and time (``YYYY-MM-DD HH:MM``) for a check-in
made later (:func:`moodmirror.insights.moments.parse_moment`; a future one is refused). When
the rating, the note's tone and the face point strongly apart, a gentle line says so
(:func:`moodmirror.insights.tone.disagreement`), never as a verdict.

The note is checked on Save (:func:`moodmirror.records.check_note`: valid UTF-8, at most
20,000 characters); a refused one stays in the field.

Prompts come from ``moodmirror.insights.prompts.select_prompts`` and change with the chosen
mood until the user starts answering; each can be skipped. The guided thought record opens on
its own screen and comes back here. Saving and the safety check (``moodmirror.journal``) run in
a worker thread.
"""

from __future__ import annotations

from kivy.app import App
from kivy.properties import (
    BooleanProperty,
    NumericProperty,
    ObjectProperty,
    StringProperty,
)
from kivy.uix.boxlayout import BoxLayout

from moodmirror.errors import InvalidMoment, InvalidText
from moodmirror.insights.moments import parse_moment
from moodmirror.insights.prompt_library import Prompt, load_library
from moodmirror.insights.prompts import recent_prompt_ids, select_prompts
from moodmirror.insights.safety import SupportCheck
from moodmirror.insights.tone import disagreement, note_tone
from moodmirror.journal import save_checkin
from moodmirror.records import (
    CheckIn,
    EmotionSummary,
    PromptAnswer,
    ThoughtRecord,
    check_note,
    clean_tags,
    new_id,
    utc_now,
)
from moodmirror.ui.widgets.common import Page
from moodmirror.ui.widgets.dialogs import AsksBeforeLeaving
from moodmirror.ui.worker import run_in_background


def parse_tags(text: str) -> list[str]:
    """The comma-separated tags typed in the field, cleaned as the record cleans them."""
    return clean_tags(text.split(","))


def summary_text(summary: EmotionSummary | None) -> str:
    """One plain sentence about what the camera estimated."""
    if summary is None:
        return ""
    if summary.inconclusive:
        return "The camera could not tell this time (too few clear frames). That is fine: your own rating counts."
    return (
        f"The camera estimated mostly [b]{summary.dominant}[/b] "
        f"({summary.dominant_share:.0%} of clear frames). Only these numbers are kept."
    )


class PromptCard(BoxLayout):
    """One reflection prompt with a field for the answer and a Skip button."""

    prompt = ObjectProperty(None)
    technique = StringProperty("")


class ReflectScreen(AsksBeforeLeaving, Page):
    """Collects the user's own view of the day and saves the check-in; Back asks first once
    anything was entered (or the camera's reading would be lost)."""

    leave_message = "This check-in is not saved yet. If you leave, its rating, note and camera reading are lost."

    mood = NumericProperty(0)
    summary = ObjectProperty(None, allownone=True)
    summary_line = StringProperty("")
    thought_record = ObjectProperty(None, allownone=True)
    saving = BooleanProperty(False)
    error = StringProperty("")
    gentle = StringProperty("")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._draft_id = new_id()

    def prepare(
        self, summary: EmotionSummary | None = None, thought_record: ThoughtRecord | None = None, resume: bool = False
    ) -> None:
        if resume:
            self.thought_record = thought_record or self.thought_record
            return
        self._draft_id = new_id()
        self.summary = summary
        self.summary_line = summary_text(summary)
        self.thought_record = None
        self.mood = 0
        self.gentle = ""
        self.error = ""
        self.saving = False
        self.ids.moods.value = 0
        self.ids.note.text = ""
        self.ids.tags.text = ""
        self.ids.when.text = ""
        self.ids.prompts.clear_widgets()
        self.ids.scroll.scroll_y = 1

    def choose_mood(self, mood: int) -> None:
        self.mood = mood
        self.notice_disagreement()
        if not mood:
            return
        self.error = ""  # the missing mood was the only thing Save could ask for
        answered = any(card.ids.answer.text.strip() for card in self.ids.prompts.children)
        if not answered:
            self._show_prompts()

    def notice_disagreement(self) -> None:
        """Say gently when the rating, the note's words and the face point strongly apart."""
        summary = self.summary
        valence = summary.valence if summary is not None and not summary.inconclusive else None
        tone = note_tone(self.ids.note.text)
        self.gentle = disagreement(int(self.mood), tone, valence) if self.mood else ""

    def unsaved(self) -> bool:
        typed = [self.ids.note, self.ids.tags, self.ids.when, *(card.ids.answer for card in self.ids.prompts.children)]
        return bool(self.mood or self.summary or self.thought_record or any(f.text.strip() for f in typed))

    def skip_prompt(self, card: PromptCard) -> None:
        self.ids.prompts.remove_widget(card)

    def open_thought_record(self) -> None:
        App.get_running_app().navigator.show("thought", record=self.thought_record)

    def save(self) -> None:
        if self.saving:
            return
        if not self.mood:
            self.error = "Choose how you feel, from 1 to 10, before saving."
            return
        try:
            created_at = parse_moment(self.ids.when.text) if self.ids.when.text.strip() else utc_now()
            note = check_note(self.ids.note.text.strip())
        except (InvalidMoment, InvalidText) as error:
            self.error = str(error)  # what was typed stays in the fields to correct
            return
        answers = [
            PromptAnswer(card.prompt.id, card.ids.answer.text.strip())
            for card in reversed(self.ids.prompts.children)
            if card.ids.answer.text.strip()
        ]
        checkin = CheckIn(
            mood=int(self.mood),
            note=note,
            tags=parse_tags(self.ids.tags.text),
            summary=self.summary,
            answers=answers,
            thought_record=self.thought_record,
            created_at=created_at,
            id=self._draft_id,
        )
        self.error = ""
        self.saving = True
        app = App.get_running_app()
        vault = app.vault

        run_in_background(lambda: save_checkin(vault, checkin), self._saved, self._failed, app.busy)

    def _show_prompts(self) -> None:
        app = App.get_running_app()
        library = load_library()
        dominant = self.summary.dominant if self.summary else None
        recent = recent_prompt_ids(app.vault.list_checkins())
        prompts: list[Prompt] = select_prompts(
            int(self.mood), dominant, parse_tags(self.ids.tags.text), recent, seed=self._draft_id, library=library
        )
        self.ids.prompts.clear_widgets()
        for prompt in prompts:
            self.ids.prompts.add_widget(PromptCard(prompt=prompt, technique=library.techniques[prompt.technique].name))

    def _saved(self, support: SupportCheck) -> None:
        self.saving = False
        navigator = App.get_running_app().navigator
        if support:
            navigator.show("crisis", reason=support.reason)
        else:
            navigator.show("history", notice="Check-in saved.")

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.error = str(error)
