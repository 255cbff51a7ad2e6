"""The prompt library's integrity, and choosing prompts that fit without repeating recent ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from moodmirror.emotions import EMOTIONS
from moodmirror.errors import AssetError
from moodmirror.insights.prompt_library import MOOD_BANDS, PROMPTS_FILE, load_library
from moodmirror.insights.prompts import recent_prompt_ids, select_prompts
from moodmirror.records import CheckIn, PromptAnswer

MakeCheckin = Callable[..., CheckIn]
LIBRARY = load_library()
TECHNIQUES = {
    "thought_record",
    "distortions",
    "behavioural_activation",
    "gratitude",
    "self_compassion",
    "grounding",
    "values",
}


def test_library_has_enough_prompts_across_every_technique() -> None:
    assert len(LIBRARY.prompts) >= 60
    assert set(LIBRARY.techniques) == TECHNIQUES
    assert {p.technique for p in LIBRARY.prompts} == TECHNIQUES
    assert len({p.text for p in LIBRARY.prompts}) == len(LIBRARY.prompts)


def test_every_prompt_is_tagged_with_known_emotions_and_bands() -> None:
    for prompt in LIBRARY.prompts:
        assert prompt.emotions and prompt.emotions <= set(EMOTIONS), prompt.id
        assert prompt.moods and prompt.moods <= set(MOOD_BANDS), prompt.id


def test_every_emotion_and_band_has_several_prompts() -> None:
    for emotion in EMOTIONS:
        for band in MOOD_BANDS:
            fitting = [p for p in LIBRARY.prompts if emotion in p.emotions and band in p.moods]
            assert len(fitting) >= 3, (emotion, band)


def test_at_least_ten_distortions_with_description_and_example() -> None:
    assert len(LIBRARY.distortions) >= 10
    for distortion in LIBRARY.distortions.values():
        assert len(distortion.name) > 3 and len(distortion.description) > 30 and len(distortion.example) > 20
    covered = {p.distortion for p in LIBRARY.prompts if p.technique == "distortions"}
    assert covered == set(LIBRARY.distortions)


def test_mood_bands_split_the_scale() -> None:
    assert [LIBRARY.band(m) for m in range(1, 11)] == ["low"] * 4 + ["mid"] * 3 + ["high"] * 3


def test_inconsistent_library_files_are_refused(tmp_path: Path) -> None:
    data = json.loads(PROMPTS_FILE.read_text(encoding="utf-8"))
    data["prompts"][0]["emotions"] = ["melancholy"]
    bad = tmp_path / "prompts.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AssetError, match="unknown or no emotions"):
        load_library(bad)
    data = json.loads(PROMPTS_FILE.read_text(encoding="utf-8"))
    data["prompts"][1]["id"] = data["prompts"][0]["id"]
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AssetError, match="unique"):
        load_library(bad)


@pytest.mark.parametrize("mood", range(1, 11))
@pytest.mark.parametrize("dominant", [*EMOTIONS, None])
def test_selected_prompts_fit_the_checkin(mood: int, dominant: str | None) -> None:
    chosen = select_prompts(mood, dominant, seed=f"{mood}{dominant}")
    assert 1 <= len(chosen) <= 3
    assert len({p.id for p in chosen}) == len(chosen)
    for prompt in chosen:
        assert LIBRARY.band(mood) in prompt.moods
        assert dominant is None or dominant in prompt.emotions


def test_selection_is_deterministic_for_a_seed_and_varies_across_seeds() -> None:
    first = select_prompts(3, "fear", seed="checkin-1")
    assert select_prompts(3, "fear", seed="checkin-1") == first
    choices = {tuple(p.id for p in select_prompts(3, "fear", seed=s)) for s in range(20)}
    assert len(choices) > 5


def test_selection_mixes_techniques() -> None:
    chosen = select_prompts(3, "sadness", seed=1)
    assert len({p.technique for p in chosen}) == 3


def test_tags_bring_matching_topics_first() -> None:
    chosen = select_prompts(6, "neutral", tags=["Sleep"], seed=3, count=1)
    assert "sleep" in chosen[0].topics


def test_recent_prompts_are_not_repeated_while_others_fit() -> None:
    recent: set[str] = set()
    fitting = [p for p in LIBRARY.prompts if "low" in p.moods and "sadness" in p.emotions]
    for day in range(len(fitting) // 3):
        chosen = select_prompts(2, "sadness", recent_ids=recent, seed=day)
        assert not {p.id for p in chosen} & recent
        recent |= {p.id for p in chosen}


def test_when_everything_fitting_was_recent_prompts_come_back() -> None:
    fitting = [p for p in LIBRARY.prompts if "high" in p.moods and "disgust" in p.emotions]
    all_but_one = {p.id for p in fitting[1:]}
    assert [p.id for p in select_prompts(9, "disgust", recent_ids=all_but_one)] == [fitting[0].id]
    everything = {p.id for p in fitting}
    again = select_prompts(9, "disgust", recent_ids=everything)
    assert 1 <= len(again) <= 3 and {p.id for p in again} <= everything


def test_recent_prompt_ids_cover_the_last_seven_days(make_checkin: MakeCheckin) -> None:
    now = datetime(2026, 11, 30, 20, tzinfo=UTC)
    fresh = make_checkin(now - timedelta(days=6, hours=23), 5)
    fresh.answers = [PromptAnswer("gr-01", "tea with a friend")]
    old = make_checkin(now - timedelta(days=7, hours=1), 5)
    old.answers = [PromptAnswer("gd-01", "the window")]
    assert recent_prompt_ids([fresh, old], now) == {"gr-01"}


def test_count_must_be_one_to_three() -> None:
    with pytest.raises(ValueError):
        select_prompts(5, count=4)
