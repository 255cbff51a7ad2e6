"""The journal's records: plain dataclasses shared by the vault, the CLI, the UI and reports.

Records know nothing of storage or encryption. Each converts to and from a JSON-ready dict;
``from_dict`` ignores keys it does not know and fills defaults for missing ones, so records
written by a newer or older MoodMirror keep opening.

Text the person types is checked here, in one place for every front end, before anything slow
starts (:func:`check_note`, :func:`check_tag`): it must be valid Unicode (a command line or file
in another encoding arrives with undecodable bytes as lone surrogates, which cannot be stored),
and a note holds at most :data:`NOTE_MAX_CHARS` characters.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from moodmirror.emotions import EMOTIONS
from moodmirror.errors import InvalidText
from moodmirror.vision.options import CONFIDENCE_THRESHOLD

MOOD_MIN = 1
MOOD_MAX = 10
NOTE_MAX_CHARS = 20_000
"""The longest note: about ten printed pages, so a report with notes stays quick to make."""


def check_text(text: str, what: str) -> str:
    """``text`` unchanged if it is valid Unicode; InvalidText (naming ``what``) otherwise."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidText(
            f"The {what} is not valid UTF-8 text (is the terminal or file in another encoding?); nothing was saved."
        ) from None
    return text


def check_note(note: str) -> str:
    """``note`` if it can be saved: valid Unicode, at most :data:`NOTE_MAX_CHARS` characters."""
    check_text(note, "note")
    if len(note) > NOTE_MAX_CHARS:
        raise InvalidText(
            f"The note has {len(note):,} characters; a note holds at most {NOTE_MAX_CHARS:,}. Nothing was saved."
        )
    return note


def check_tag(tag: str) -> str:
    """``tag`` if it can be saved (valid Unicode)."""
    return check_text(tag, "tag")


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _field_names(cls: type) -> frozenset[str]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in fields(cls))
    return names


def _known(cls: type[Any], data: dict[str, Any]) -> dict[str, Any]:
    names = _field_names(cls)
    return {k: v for k, v in data.items() if k in names}


def new_id() -> str:
    """A random record id (uuid4: it reveals nothing, not even when it was made)."""
    return uuid.uuid4().hex


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as every record keeps them: trimmed, NFC, lower case, no empty ones, no repeats.

    ``["Café ", "café", "CAFÉ", ""]`` -> ``["café"]``: a tag typed differently is one tag in
    the app, the command line, charts and reports alike.
    """
    cleaned = (unicodedata.normalize("NFC", tag.lower()).strip() for tag in tags)  # NFC last: idempotent
    return list(dict.fromkeys(tag for tag in cleaned if tag))


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC (records store UTC; views use local time)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class EmotionSummary:
    """What a camera check-in leaves behind: statistics, never frames.

    ``probabilities`` are the mean over usable frames, keyed by emotion. ``dominant`` is None
    when the session was inconclusive (too few usable frames).
    """

    probabilities: dict[str, float]
    dominant: str | None
    dominant_share: float
    confidence: float
    valence: float
    arousal: float
    frames_seen: int
    frames_usable: int
    face_ratio: float
    duration_s: float
    model_id: str
    source: str = "camera"
    confidence_threshold: float = 0.4  # the gate of the summaries written before this field existed

    @property
    def inconclusive(self) -> bool:
        return self.dominant is None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EmotionSummary:
        known = _known(cls, data)
        known["probabilities"] = {e: float(known.get("probabilities", {}).get(e, 0.0)) for e in EMOTIONS}
        return cls(**known)


@dataclass(frozen=True)
class PromptAnswer:
    """The user's answer to one reflection prompt from the prompt library."""

    prompt_id: str
    text: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PromptAnswer:
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class ThoughtRecord:
    """A guided CBT thought record; intensities are 0..100 per named emotion."""

    situation: str = ""
    automatic_thought: str = ""
    emotions: dict[str, int] = field(default_factory=dict)
    distortions: list[str] = field(default_factory=list)
    evidence_for: str = ""
    evidence_against: str = ""
    balanced_thought: str = ""
    rerated: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ThoughtRecord:
        return cls(**_known(cls, data))


@dataclass
class CheckIn:
    """One check-in: self-rated mood, note, tags (cleaned by :func:`clean_tags`), and what was reflected on.

    ``note_tone`` is the note's tone from -1 to +1 (:mod:`moodmirror.insights.tone`), None when
    there is no note or it was not estimated.
    """

    mood: int
    note: str = ""
    tags: list[str] = field(default_factory=list)
    summary: EmotionSummary | None = None
    answers: list[PromptAnswer] = field(default_factory=list)
    thought_record: ThoughtRecord | None = None
    created_at: datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)
    note_tone: float | None = None

    def __post_init__(self) -> None:
        if isinstance(self.mood, bool) or not isinstance(self.mood, int):
            raise ValueError(f"mood must be a whole number from {MOOD_MIN} to {MOOD_MAX}")
        if not MOOD_MIN <= self.mood <= MOOD_MAX:
            raise ValueError(f"mood must be from {MOOD_MIN} to {MOOD_MAX}, not {self.mood}")
        if self.created_at.tzinfo is None:
            raise ValueError("created_at must be timezone-aware")
        self.tags = clean_tags(self.tags)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created_at": self.created_at.astimezone(UTC).isoformat(),
            "mood": self.mood,
            "note": self.note,
            "tags": list(self.tags),
            "summary": self.summary.to_dict() if self.summary else None,
            "answers": [asdict(a) for a in self.answers],
            "thought_record": asdict(self.thought_record) if self.thought_record else None,
            **({} if self.note_tone is None else {"note_tone": self.note_tone}),  # absent: as older records read
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckIn:
        summary = data.get("summary")
        record = data.get("thought_record")
        return cls(
            id=data["id"],
            created_at=datetime.fromisoformat(data["created_at"]),
            mood=int(data["mood"]),
            note=data.get("note", ""),
            tags=data.get("tags", []),
            summary=EmotionSummary.from_dict(summary) if summary else None,
            answers=[PromptAnswer.from_dict(a) for a in data.get("answers", [])],
            thought_record=ThoughtRecord.from_dict(record) if record else None,
            note_tone=None if data.get("note_tone") is None else float(data["note_tone"]),
        )


@dataclass
class Settings:
    """User settings, stored encrypted in the vault like everything else."""

    camera_enabled: bool = False
    camera_source: str = "camera:0"
    """What camera check-ins read (a source spec: ``camera:INDEX`` or ``demo``)."""
    checkin_seconds: int = 15
    confidence_threshold: float = CONFIDENCE_THRESHOLD
    week_start: str = "monday"
    autolock_minutes: int = 5
    retention_days: int | None = None
    theme: str = "light"
    text_scale: float = 1.0
    backup_dir: str | None = None
    auto_backup_days: int | None = None
    crisis_region: str = "international"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        return cls(**_known(cls, data))
