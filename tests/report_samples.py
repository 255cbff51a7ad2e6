"""Check-ins for the report and backup tests and benchmark: varied, reproducible, with every field used."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from moodmirror.emotions import EMOTIONS
from moodmirror.records import CheckIn, EmotionSummary, PromptAnswer, ThoughtRecord

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)  # a Monday
TAGS = ("work", "sleep", "friends", "exercise", "family")


def summary(rng: random.Random, conclusive: bool = True) -> EmotionSummary:
    """A camera summary with random probabilities (or an inconclusive one)."""
    weights = [rng.random() + 0.05 for _ in EMOTIONS]
    total = sum(weights)
    probabilities = {e: w / total for e, w in zip(EMOTIONS, weights)}
    dominant = max(probabilities, key=probabilities.__getitem__) if conclusive else None
    return EmotionSummary(
        probabilities=probabilities,
        dominant=dominant,
        dominant_share=max(probabilities.values()),
        confidence=round(rng.uniform(0.4, 0.95), 3),
        valence=round(rng.uniform(-1, 1), 3),
        arousal=round(rng.uniform(0, 1), 3),
        frames_seen=150,
        frames_usable=120 if conclusive else 3,
        face_ratio=0.8,
        duration_s=15.0,
        model_id="emotion-test",
    )


def sample_checkins(days: int, seed: int = 7, start: datetime = START) -> list[CheckIn]:
    """One check-in a day for ``days`` days: notes, tags, camera summaries, answers, thought records."""
    rng = random.Random(seed)
    checkins = []
    for day in range(days):
        kind = day % 4
        checkins.append(
            CheckIn(
                mood=rng.randint(1, 10),
                note=f"Day {day} note: slept badly, talked to Ana" if day % 2 == 0 else "",
                tags=rng.sample(TAGS, 2),
                summary=None if kind == 0 else summary(rng, conclusive=kind != 3),
                answers=[PromptAnswer("unknown-prompt", f"Answer on day {day}")] if day % 5 == 0 else [],
                thought_record=ThoughtRecord(
                    situation=f"Meeting on day {day}",
                    automatic_thought="They think I am useless",
                    emotions={"anxious": 80},
                    balanced_thought="One meeting does not decide that",
                    rerated={"anxious": 40},
                )
                if day % 7 == 3
                else None,
                created_at=start + timedelta(days=day, hours=rng.randint(0, 12), minutes=rng.randint(0, 59)),
            )
        )
    return checkins
