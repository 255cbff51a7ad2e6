"""One saved check-in: read it (the rating, the words' tone and the face side by side), change
its mood, time, tags and note, or delete it (after a confirmation).

A changed time is read by :func:`moodmirror.insights.moments.parse_moment` (local
``YYYY-MM-DD HH:MM``, never in the future), as on the rating screen and the command line; a
note is checked before saving (:func:`moodmirror.records.check_note`) and gets its tone worked
out again. Back and Escape ask first while a change is not saved.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from kivy.app import App
from kivy.properties import ListProperty, ObjectProperty, StringProperty

from moodmirror.emotions import EMOTIONS
from moodmirror.errors import InvalidMoment, InvalidText
from moodmirror.insights.moments import MOMENT_FORMAT, parse_moment
from moodmirror.insights.prompt_library import load_library
from moodmirror.insights.tone import three_views, with_tone
from moodmirror.records import CheckIn, check_note
from moodmirror.ui.overview import when
from moodmirror.ui.screens.reflect import parse_tags
from moodmirror.ui.widgets.common import Page
from moodmirror.ui.widgets.dialogs import AsksBeforeLeaving, Dialog


def reflection_text(checkin: CheckIn) -> str:
    """The prompt answers and the thought record as readable text (empty when there are none)."""
    library = load_library()
    parts: list[str] = []
    for answer in checkin.answers:
        question = (
            library.prompt(answer.prompt_id).text if any(p.id == answer.prompt_id for p in library.prompts) else ""
        )
        parts.append(f"[b]{question}[/b]\n{answer.text}" if question else answer.text)
    record = checkin.thought_record
    if record is not None:
        for step in library.steps:
            value = getattr(record, step.key)
            if isinstance(value, dict):
                value = ", ".join(f"{name} {amount}" for name, amount in value.items())
            elif isinstance(value, list):
                value = ", ".join(library.distortions[d].name for d in value if d in library.distortions)
            if value:
                parts.append(f"[b]{step.title}[/b]\n{value}")
    return "\n\n".join(parts)


class EntryScreen(AsksBeforeLeaving, Page):
    """Shows one check-in in full."""

    checkin = ObjectProperty(None, allownone=True)
    headline = StringProperty("")
    camera_line = StringProperty("")
    views_line = StringProperty("")
    reflection = StringProperty("")
    probabilities = ListProperty([])
    status = StringProperty("")

    def prepare(self, checkin_id: str) -> None:
        checkin = App.get_running_app().vault.get_checkin(checkin_id)
        self.checkin = checkin
        moment = when(checkin.created_at, datetime.now().astimezone())
        self.headline = f"{moment[0].upper()}{moment[1:]}  ·  mood {checkin.mood}/10"
        summary = checkin.summary
        if summary is None:
            self.camera_line = "Checked in without the camera."
            self.probabilities = []
        elif summary.inconclusive:
            self.camera_line = "The camera could not tell this time."
            self.probabilities = []
        else:
            self.camera_line = (
                f"The camera estimated mostly {summary.dominant} ({summary.dominant_share:.0%} of clear frames)."
            )
            self.probabilities = [summary.probabilities[e] for e in EMOTIONS]
        self.views_line = three_views(checkin)
        self.ids.mood.value = checkin.mood
        self.ids.when.text = checkin.created_at.astimezone().strftime(MOMENT_FORMAT)
        self.ids.note.text = checkin.note
        self.ids.tags.text = ", ".join(checkin.tags)
        self.reflection = reflection_text(checkin)
        self.status = ""

    def edited(self) -> CheckIn:
        """The check-in with the mood, time, tags and note as they are on screen now
        (InvalidMoment with a plain message when the time cannot be read or lies ahead)."""
        typed = self.ids.when.text.strip()
        unchanged = typed == self.checkin.created_at.astimezone().strftime(MOMENT_FORMAT)
        created = self.checkin.created_at if unchanged else parse_moment(typed)
        return replace(
            self.checkin,
            mood=int(self.ids.mood.value),
            created_at=created,
            note=self.ids.note.text.strip(),
            tags=parse_tags(self.ids.tags.text),
        )

    def unsaved(self) -> bool:
        if self.checkin is None:
            return False
        try:
            return self.edited() != self.checkin
        except InvalidMoment:
            return True  # a half-typed time is a change too

    def save(self) -> None:
        try:
            edited = self.edited()
            check_note(edited.note)
        except (InvalidMoment, InvalidText) as error:
            self.status = str(error)  # what was typed stays on screen to correct
            return
        updated = with_tone(edited)
        App.get_running_app().vault.update_checkin(updated)
        self.prepare(updated.id)
        self.status = "Changes saved."

    def confirm_delete(self) -> None:
        Dialog.ask(
            "Delete this check-in?",
            "It will be removed from your journal for good.",
            on_confirm=self._delete,
            confirm_text="Delete",
            danger=True,
        )

    def _delete(self, _dialog: Dialog) -> None:
        app = App.get_running_app()
        app.vault.delete_checkin(self.checkin.id)
        self.checkin = None
        app.navigator.show("history")
