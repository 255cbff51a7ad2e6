"""When to offer crisis resources. MoodMirror never diagnoses; it only offers support.

``needs_support(checkins, texts=())`` returns a :class:`SupportCheck` that is truthy when the
UI should show its calm support screen (with :func:`moodmirror.insights.crisis_resources.
crisis_resources` for the user's region), for one of two reasons:

- ``low_mood``: the three most recent check-ins (by time) were each rated 2 or lower;
- ``crisis_words``: the most recent check-in's note, prompt answers or thought record, or any
  of ``texts`` (e.g. an answer still being typed), contains a phrase from
  ``assets/crisis_phrases.txt``.

``SupportCheck.reason`` is a short, calm sentence to show at the top of that screen; it never
quotes the user's words back. The user can always close the screen and carry on.

Phrase matching (:class:`CrisisPhrases`) works on whole words and phrases, ignoring case,
accents, apostrophes and punctuation. The file also lists everyday exceptions ("cutting myself
some slack"): a phrase found only inside an exception does not count, so ordinary sad or
hyperbolic entries ("this traffic is killing me") do not trigger it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from moodmirror.errors import AssetError
from moodmirror.records import CheckIn
from moodmirror.resources import ASSETS_DIR

PHRASES_FILE = ASSETS_DIR / "crisis_phrases.txt"
LOW_MOOD_MAX = 2
LOW_MOOD_RUN = 3

LOW_MOOD_REASON = (
    "Your last few check-ins have been really low. That sounds like a heavy stretch, and you "
    "don't have to carry it alone. Talking to someone can help."
)
WORDS_REASON = (
    "Some of what you wrote sounds like you might be going through something very painful. "
    "You deserve support right now, and these people are ready to listen."
)

_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Lower-case words without accents or apostrophes, single-spaced, padded with a space each side."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = _NON_WORD.sub(" ", _APOSTROPHES.sub("", plain)).split()
    return f" {' '.join(words)} "


def _spans(needle: str, haystack: str) -> list[tuple[int, int]]:
    found, start = [], haystack.find(needle)
    while start != -1:
        found.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return found


@dataclass(frozen=True)
class CrisisPhrases:
    """Normalised signal phrases and the everyday exceptions that contain them."""

    signals: tuple[str, ...]
    exceptions: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> CrisisPhrases:
        signals: list[str] = []
        exceptions: list[str] = []
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            target = exceptions if line.startswith("!") else signals
            target.append(normalize(line.lstrip("!")))
        phrases = cls(tuple(dict.fromkeys(signals)), tuple(dict.fromkeys(exceptions)))
        if not phrases.signals:
            raise AssetError("the crisis phrase list is empty")
        for exception in phrases.exceptions:
            if not any(signal in exception for signal in phrases.signals):
                raise AssetError(f"crisis exception {exception.strip()!r} contains no signal phrase")
        return phrases

    def find(self, text: str) -> list[str]:
        """The signal phrases in ``text`` that are not part of an everyday exception."""
        norm = normalize(text)
        covered = [span for e in self.exceptions for span in _spans(e, norm)]
        found = []
        for signal in self.signals:
            for start, end in _spans(signal, norm):
                if not any(a <= start and end <= b for a, b in covered):
                    found.append(signal.strip())
                    break
        return found


@lru_cache(maxsize=4)
def load_crisis_phrases(path: Path = PHRASES_FILE) -> CrisisPhrases:
    """The curated phrase list (the shipped one by default); cached per path."""
    try:
        return CrisisPhrases.parse(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise AssetError(f"cannot read the crisis phrase list {path}: {error}") from None


@dataclass(frozen=True)
class SupportCheck:
    """Whether to offer support, why (``trigger``), and a calm ``reason`` to show."""

    needed: bool
    trigger: Literal["low_mood", "crisis_words"] | None = None
    reason: str = ""

    def __bool__(self) -> bool:
        return self.needed


def checkin_texts(checkin: CheckIn) -> list[str]:
    """Everything the user wrote in a check-in: note, prompt answers, thought record fields."""
    texts = [checkin.note, *(a.text for a in checkin.answers)]
    record = checkin.thought_record
    if record is not None:
        texts += [
            record.situation,
            record.automatic_thought,
            record.evidence_for,
            record.evidence_against,
            record.balanced_thought,
            *record.emotions,
        ]
    return [t for t in texts if t]


def low_mood_run(checkins: Sequence[CheckIn]) -> bool:
    """True when the three most recent check-ins were each rated LOW_MOOD_MAX or lower."""
    latest = sorted(checkins, key=lambda c: c.created_at, reverse=True)[:LOW_MOOD_RUN]
    return len(latest) == LOW_MOOD_RUN and all(c.mood <= LOW_MOOD_MAX for c in latest)


def needs_support(
    checkins: Sequence[CheckIn], texts: Iterable[str] = (), phrases: CrisisPhrases | None = None
) -> SupportCheck:
    """Check the recent check-ins (any order) and extra ``texts``; see the module docstring."""
    phrases = phrases or load_crisis_phrases()
    latest = max(checkins, key=lambda c: c.created_at, default=None)
    written = [*(checkin_texts(latest) if latest else []), *texts]
    if any(phrases.find(text) for text in written):
        return SupportCheck(True, "crisis_words", WORDS_REASON)
    if low_mood_run(checkins):
        return SupportCheck(True, "low_mood", LOW_MOOD_REASON)
    return SupportCheck(False)
