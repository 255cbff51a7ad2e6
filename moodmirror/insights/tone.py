"""Your words: an on-device estimate of a note's tone, from -1 (negative) to +1 (positive).

VADER (Hutto & Gilbert 2014, the ``vaderSentiment`` package) scores text with a lexicon of
English words and a few rules (negation, "but", capitals, emoji); it runs offline in well under a
millisecond per note. It knows English only: a note in another language mostly reads as
neutral. :func:`note_tone` is None for an empty note. :func:`with_tone` gives a check-in its
note's tone before it is stored (encrypted, like the note itself).

:func:`disagreement` says, gently, when the face, the words and the person's own rating point
strongly apart; the app may show it during reflection, never as a verdict.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from moodmirror.records import MOOD_MAX, MOOD_MIN, CheckIn

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

STRONG_GAP = 1.0
"""How far apart (on the -1..1 scale) two readings must be to count as pointing apart."""


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def note_tone(text: str) -> float | None:
    """The tone of ``text`` from -1 to +1 (VADER's compound score), or None when there are no words."""
    if not text.strip():
        return None
    return round(float(_analyzer().polarity_scores(text)["compound"]), 3)


def tone_text(tone: float) -> str:
    """``+0.62`` as words: ``positive (+0.62)``; VADER's usual ±0.05 bounds for neutral."""
    if tone <= -0.5:
        word = "negative"
    elif tone < -0.05:
        word = "a little negative"
    elif tone <= 0.05:
        word = "neutral"
    elif tone < 0.5:
        word = "a little positive"
    else:
        word = "positive"
    return f"{word} ({tone:+.2f})"


def three_views(checkin: CheckIn) -> str:
    """The rating, the words and the face side by side, as one line ("" without a note or camera reading)."""
    summary = checkin.summary
    valence = summary.valence if summary is not None and not summary.inconclusive else None
    if checkin.note_tone is None and valence is None:
        return ""
    parts = [f"your rating {checkin.mood}/10 ({mood_on_tone_scale(checkin.mood):+.2f} on the same scale)"]
    if checkin.note_tone is not None:
        parts.append(f"your words {tone_text(checkin.note_tone)}")
    if valence is not None:
        parts.append(f"your face {valence:+.2f}")
    return "Side by side, from -1 to +1: " + " · ".join(parts) + "."


def with_tone(checkin: CheckIn) -> CheckIn:
    """``checkin`` with ``note_tone`` worked out from its note."""
    return replace(checkin, note_tone=note_tone(checkin.note))


def mood_on_tone_scale(mood: float) -> float:
    """A self-rated mood (1..10) on the -1..+1 scale of tone and valence."""
    return 2 * (mood - MOOD_MIN) / (MOOD_MAX - MOOD_MIN) - 1


def disagreement(mood: int, tone: float | None, valence: float | None) -> str:
    """A gentle line when the rating, the words and the face point strongly apart ("" otherwise)."""
    rated = mood_on_tone_scale(mood)
    if tone is not None and abs(tone - rated) >= STRONG_GAP:
        lighter = "lighter" if tone > rated else "heavier"
        return (f"Your words read {lighter} than the {mood}/10 you chose. Both can be true; "
                "if you like, the note is a place to say more.")  # fmt: skip
    if valence is not None and abs(valence - rated) >= STRONG_GAP:
        lighter = "brighter" if valence > rated else "more subdued"
        return (f"The camera saw a {lighter} face than the {mood}/10 you chose. Faces often differ from "
                "how we feel inside; your own rating is the one that counts.")  # fmt: skip
    return ""
